"""Quiz banks in other languages: parallel files of text only, validated against the English bank,
and the instructor's tools in that language (check, export, sheet), run as an instructor would."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from nerveroot import i18n
from nerveroot.i18n import strings
from nerveroot.quiz import BankError, Quiz
from nerveroot.quiz.bank import all_banks, load_bank
from nerveroot.quiz.export import QTI_NS, gift_skipped, parse_gift, to_gift, to_moodle_xml, to_qti_zip
from nerveroot.quiz.translation import is_text_key, skeleton

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "quiz"
#: The chapters whose quiz is translated into Danish (their parallel files exist).
TRANSLATED = sorted(p.stem for p in (ROOT / "book" / "quizzes" / "da").glob("*.yaml"))


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "nerveroot", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture()
def bank_copy(tmp_path):
    """tests/data/quiz/good.yaml and its Danish file in a temporary folder: (english path, danish path)."""
    shutil.copy(DATA / "good.yaml", tmp_path / "good.yaml")
    (tmp_path / "da").mkdir()
    shutil.copy(DATA / "da" / "good.yaml", tmp_path / "da" / "good.yaml")
    return tmp_path / "good.yaml", tmp_path / "da" / "good.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(english: Path, lang="da", **kw) -> list[str]:
    with pytest.raises(BankError) as err:
        load_bank(english, lang=lang, **kw)
    return [str(p) for p in err.value.problems]


# -------------------------------------------------------------------------- the parallel file


def test_the_translation_replaces_the_text_and_nothing_else(bank_copy):
    en, da = load_bank(bank_copy[0], lang="en"), load_bank(bank_copy[0], lang="da")
    assert da.lang == "da" and da.title.startswith("Fixtur")
    for a, b in zip(en.questions, da.questions):
        assert (a.id, a.type, a.correct_ids, a.answer, a.tolerance, a.cite, a.difficulty) == \
               (b.id, b.type, b.correct_ids, b.answer, b.tolerance, b.cite, b.difficulty)
        assert a.prompt != b.prompt and a.explanation != b.explanation
    assert da.questions[3].near_misses[0].value == 36 and da.questions[3].near_misses[0].feedback.startswith("Det")


def test_without_a_parallel_file_the_bank_stays_english_unless_required(tmp_path):
    shutil.copy(DATA / "good.yaml", tmp_path / "good.yaml")
    assert load_bank(tmp_path / "good.yaml", lang="da").lang == "en"
    found = problems(tmp_path / "good.yaml", require_translation=True)
    assert len(found) == 1 and "has no da translation (" in found[0] and "da/good.yaml is missing" in found[0]


def test_a_translation_cannot_lose_an_option(bank_copy):
    edit(bank_copy[1], '''      - text: "S1"
        feedback: "Ét niveau lavere."
''', "")
    found = problems(bank_copy[0])
    assert any(":18:" in p and "question 'fixture-multiple', field 'options'" in p and "has 2 items; the English has 3"
               in p and "Fix: translate every item" in p for p in found), found


def test_a_translation_cannot_lose_feedback_or_a_text_field(bank_copy):
    edit(bank_copy[1], '        feedback: "Foraminalt."\n', "")
    edit(bank_copy[1], '    feedback_false: "Rigtigt: den træder ud ved L5/S1."\n', "")
    found = "\n".join(problems(bank_copy[0]))
    assert "field 'options[1].feedback': is missing: the English item has it" in found
    assert "field 'feedback_false': is missing: the English question has it" in found


def test_a_translation_cannot_lose_or_invent_a_question(bank_copy):
    edit(bank_copy[1], "  fixture-truefalse:", "  fixture-true-false:")
    found = "\n".join(problems(bank_copy[0]))
    assert "question 'fixture-truefalse': has no translation" in found
    assert "question 'fixture-true-false': is not a question of the English bank" in found
    assert "did you mean 'fixture-truefalse'?" in found


def test_a_translation_cannot_change_an_answer(bank_copy):
    edit(bank_copy[1], '      - text: "L4"\n', '      - text: "L4"\n        correct: true\n')
    found = "\n".join(problems(bank_copy[0]))
    assert "field 'options[1].correct': is not a text field of the English item: only text is translated" in found


def test_a_translation_keeps_every_number(bank_copy):
    edit(bank_copy[1], "Rigtigt: 0,108 / 0,290.", "Rigtigt: 0,11 / 0,290.")
    found = problems(bank_copy[0])
    assert len(found) == 1 and "field 'feedback_correct': numbers differ: lost 0.108; added 0.11" in found[0]
    assert "da/good.yaml:36:" in found[0]


def test_every_problem_names_the_translation_file_and_line(bank_copy):
    edit(bank_copy[1], 'explanation: "To mulige rødder."', 'explanation: ""')
    found = problems(bank_copy[0])
    assert found and all("da/good.yaml:" in p for p in found), found


def test_the_skeleton_has_every_text_field_of_the_english_and_loads(bank_copy, tmp_path):
    text = skeleton(bank_copy[0])
    data = yaml.safe_load(text)
    raw = yaml.safe_load(bank_copy[0].read_text(encoding="utf-8"))
    assert list(data["questions"]) == [q["id"] for q in raw["questions"]]
    for q in raw["questions"]:
        assert {k for k in q if is_text_key(k)} | ({"options"} if "options" in q else set()) | \
               ({"near_misses"} if "near_misses" in q else set()) == set(data["questions"][q["id"]])
    bank_copy[1].write_text(text, encoding="utf-8")
    assert load_bank(bank_copy[0], lang="da").questions[0].prompt == load_bank(bank_copy[0], lang="en").questions[0].prompt


# -------------------------------------------------------------------------- the book's banks


def test_the_danish_quiz_files_of_the_book_validate():
    assert {"intro", "red_flags"} <= set(TRANSLATED)
    banks = {b.chapter: b for b in all_banks("da")}
    assert all(banks[c].lang == "da" for c in TRANSLATED)


@pytest.mark.parametrize("lang", i18n.languages())
def test_the_live_quiz_follows_the_language(lang, monkeypatch):
    monkeypatch.setenv(i18n.LANG_ENV, lang)
    quiz = Quiz.from_chapter("intro")
    html = quiz._repr_mimebundle_(include={"text/html"})["text/html"]
    assert quiz.bank.lang == lang and i18n.strings("quiz", lang)["check"] in html
    widget = quiz.live()
    assert widget is not None


# -------------------------------------------------------------------------- exports and sheets


def test_danish_exports_validate_like_the_english_ones():
    banks = [b for b in all_banks("da") if b.chapter in TRANSLATED]
    root = ET.fromstring(to_moodle_xml(banks, "da").encode("utf-8"))
    cats = [q for q in root.findall("question") if q.get("type") == "category"]
    assert len(cats) == len(banks)
    for q in root.findall("question[@type='multichoice']"):
        assert abs(sum(max(float(a.get("fraction")), 0) for a in q.findall("answer")) - 100) < 0.01
        assert all(a.findtext("feedback/text") for a in q.findall("answer")) and q.findtext("generalfeedback/text")
    gift = to_gift(banks, "da")
    # GIFT cannot express a place on a picture: those questions are left out, and said so
    skipped = gift_skipped(banks)
    assert len(parse_gift(gift)) == sum(len(b.questions) for b in banks) - len(skipped)
    assert all(q in gift.split("\n\n")[1] for q in skipped)  # the note names them
    for q in root.findall("question[@type='ddmarker']"):
        assert q.findtext("drag/text") == strings("place_quiz", "da")["export_marker"]
    zf = zipfile.ZipFile(io.BytesIO(to_qti_zip(banks, "da")))
    items = [n for n in zf.namelist() if n.startswith("items/")]
    assert len(items) == sum(len(b.questions) for b in banks)
    for name in items:
        item = ET.fromstring(zf.read(name))
        assert item.tag == f"{{{QTI_NS}}}assessmentItem"
    text = zf.read(items[0]).decode("utf-8")
    assert "Kilder" in text or "Hvorfor" in text or any(w in text for w in ("rod", "prolaps"))


def test_quiz_export_in_danish_from_the_command_line(tmp_path):
    out = tmp_path / "da.xml"
    res = run("quiz", "export", "--format", "moodle-xml", "--lang", "da", "--chapter", "intro", "--out", str(out))
    assert res.returncode == 0, res.stderr
    root = ET.parse(out).getroot()
    texts = " ".join(t.text or "" for t in root.iter("text"))
    assert "passerende" in texts and "Kursusoversigt" in texts
    res = run("quiz", "export", "--format", "gift", "--lang", "da", "--chapter", "intro", cwd=tmp_path)
    assert res.returncode == 0 and (tmp_path / "nerveroot-quiz-intro-da.gift").is_file()


def test_quiz_export_in_danish_names_every_bank_without_a_translation():
    res = run("quiz", "export", "--format", "gift", "--lang", "da", "--out", "-")
    missing = sorted(p.stem for p in (ROOT / "book" / "quizzes").glob("*.yaml") if p.stem not in TRANSLATED)
    if not missing:
        assert res.returncode == 0
        return
    assert res.returncode == 1
    for chapter in missing:
        assert f"book/quizzes/{chapter}.yaml: has no da translation" in res.stderr


def test_quiz_export_rejects_an_unknown_language():
    res = run("quiz", "export", "--format", "gift", "--lang", "xx")
    assert res.returncode != 0 and "no strings for language 'xx'" in res.stderr


def test_quiz_sheet_in_danish(tmp_path):
    res = run("quiz", "sheet", "--lang", "da", "--chapter", "red_flags", "--seed", "3", "--format", "md,html",
              "--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    quiz = (tmp_path / "quiz-red_flags-v3-da.md").read_text(encoding="utf-8")
    key = (tmp_path / "key-red_flags-v3-da.md").read_text(encoding="utf-8")
    assert "Quiz: Røde flag" in quiz and "Navn" in quiz and "Variant 3" in quiz
    assert re.search(r"^\d+\. \*\*Svar: ", key, flags=re.M)
    assert '<html lang="da">' in (tmp_path / "quiz-red_flags-v3-da.html").read_text(encoding="utf-8")


def test_quiz_sheet_pdf_in_danish(tmp_path, xelatex):
    res = run("quiz", "sheet", "--lang", "da", "--chapter", "intro", "--format", "pdf", "--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "key-intro-da.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "Kursusoversigt" in text and "Svar: B. L5" in text
