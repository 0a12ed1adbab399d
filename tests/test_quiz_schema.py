"""Question banks: the book's banks are valid; broken fixture banks fail with messages that
name the file, the line, the question id and the field, and say how to fix it."""

from pathlib import Path

import pytest

from nerveroot.citations import keys as bib_keys
from nerveroot.quiz import BankError, Quiz, load_bank, load_banks
from nerveroot.quiz.bank import TYPES, all_banks, bank_paths, book_quiz_chapters

DATA = Path(__file__).parent / "data" / "quiz"
ROOT = Path(__file__).resolve().parents[1]


def problems(name):
    with pytest.raises(BankError) as info:
        load_bank(DATA / name)
    return info.value.problems, str(info.value)


# -- the book's banks --------------------------------------------------------


def test_book_banks_are_valid_and_big_enough():
    banks = {b.chapter: b for b in all_banks()}
    assert {"intro", "anatomy", "diagnosis", "red_flags", "management"} <= set(banks)
    assert len(banks["intro"].questions) >= 10
    assert len(banks["anatomy"].questions) >= 10
    assert sum(len(b.questions) for b in banks.values()) >= 40
    for bank in banks.values():
        assert bank.path.stem == bank.chapter, f"{bank.path.name} declares chapter {bank.chapter!r}"


def test_every_question_has_explanation_citation_and_feedback():
    keys = bib_keys()
    kinds = set()
    for bank in all_banks():
        for q in bank.questions:
            kinds.add(q.type)
            assert q.explanation and q.cite and set(q.cite) <= keys, q.id
            assert all(c.feedback for c in q.choices), q.id
            if q.type == "numeric":
                assert q.tolerance is not None and q.feedback_correct and q.feedback_incorrect
    assert kinds == set(TYPES)


def test_numeric_answers_are_computed_correctly():
    """The post-test probabilities in the accuracy bank follow from their own numbers."""
    diag = {q.id: q for b in all_banks() if b.chapter == "accuracy" for q in b.questions}
    pos = diag["diagnosis-posttest-positive-slr"]
    pre, se, sp = 0.30, 0.36, 0.74
    assert pos.numeric_ok(100 * se * pre / (se * pre + (1 - sp) * (1 - pre)))
    neg = diag["diagnosis-posttest-negative-slr"]
    pre, se, sp = 0.60, 0.91, 0.26
    assert neg.numeric_ok(100 * (1 - se) * pre / ((1 - se) * pre + sp * (1 - pre)))
    assert not pos.numeric_ok(36) and not neg.numeric_ok(9)
    slump = diag["accuracy-slump-lr"]
    assert slump.numeric_ok(0.44 / (1 - 0.58)) and not slump.numeric_ok(0.44 / 0.58)


def test_banks_in_the_book_are_chapters_in_the_toc():
    chapters = book_quiz_chapters()
    assert chapters[0] == "intro"
    for c in chapters:
        assert (ROOT / "book" / "quizzes" / f"{c}.yaml").is_file()


def test_good_fixture_loads():
    bank = load_bank(DATA / "good.yaml")
    assert [q.type for q in bank.questions] == ["single", "multiple", "truefalse", "numeric"]
    single = bank.questions[0]
    assert single.correct_ids == ("A",) and single.options[1].id == "B"
    assert bank.questions[2].correct_ids == ("false",)
    assert bank.questions[3].numeric_ok(37.9) and not bank.questions[3].numeric_ok(38.3)


# -- broken banks: one message each --------------------------------------------


def test_duplicate_ids():
    found, text = problems("duplicate_ids.yaml")
    assert len(found) == 1
    p = found[0]
    assert (p.file, p.line, p.qid, p.field) == ("tests/data/quiz/duplicate_ids.yaml", 14, "dup-one", "id")
    assert "duplicate question id (also used on line 4)" in p.message
    assert "give every question its own id" in p.fix
    assert "tests/data/quiz/duplicate_ids.yaml:14: question 'dup-one', field 'id'" in text


def test_duplicate_ids_across_banks(tmp_path):
    copy = tmp_path / "other.yaml"
    copy.write_text((DATA / "good.yaml").read_text(encoding="utf-8").replace("chapter: fixture", "chapter: other"),
                    encoding="utf-8")
    with pytest.raises(BankError) as info:
        load_banks([DATA / "good.yaml", copy])
    msgs = [str(p) for p in info.value.problems]
    assert len(msgs) == 4
    assert all("duplicate question id (also used in tests/data/quiz/good.yaml:" in m for m in msgs)


def test_no_correct_answer():
    (p,), _ = problems("no_correct.yaml")
    assert (p.line, p.qid, p.field) == (9, "nocorrect-q", "options")
    assert p.message == "no option is marked correct"
    assert "add 'correct: true' to the right answer" in p.fix


def test_unknown_citation_key():
    (p,), _ = problems("unknown_cite.yaml")
    assert (p.line, p.qid, p.field) == (13, "badcite-q", "cite")
    assert "unknown citation key 'Deville2001' (did you mean 'Deville2000'?)" in p.message
    assert "book/references.bib" in p.fix


def test_numeric_tolerance_missing():
    (p,), _ = problems("numeric_no_tolerance.yaml")
    assert (p.qid, p.field) == ("notol-q", "tolerance")
    assert "lacks the required field 'tolerance'" in p.message
    assert "add 'tolerance: ...'" in p.fix


def test_duplicate_yaml_key():
    (p,), _ = problems("duplicate_key.yaml")
    assert (p.line, p.field) == (9, "prompt")
    assert "appears twice in one mapping (first on line 8)" in p.message


def test_not_yaml():
    (p,), _ = problems("not_yaml.yaml")
    assert p.line == 5 and "is not valid YAML" in p.message
    assert "indentation" in p.fix


def test_every_problem_of_a_file_is_reported():
    found, text = problems("several_problems.yaml")
    got = {(p.qid, p.field): p for p in found}
    assert "a single-choice question has 2 options marked correct" in got[("several-two-correct", "options")].message
    assert "did you mean 'feedback_false'?" in got[("several-typo", "feedback_flase")].fix
    assert "lacks the required field 'feedback_false'" in got[("several-typo", "feedback_false")].message
    assert "unknown difficulty 'hardest'" in got[("several-typo", "difficulty")].message
    assert "must be true or false, not 'yes'" in got[("several-typo", "answer")].message
    assert "malformed id 'Several Bad Id'" in got[(None, "id")].message
    assert "unknown question type 'essay'" in got[("#3", "type")].message
    assert text.startswith("7 problems in the question bank(s):")


def test_a_broken_bank_never_builds_a_quiz(tmp_path, monkeypatch):
    """Quiz.from_chapter validates all banks together; one broken bank stops it."""
    book = tmp_path / "book"
    (book / "quizzes").mkdir(parents=True)
    (tmp_path / "_config.yml").write_text("title: t\n")
    (book / "references.bib").write_text((ROOT / "book" / "references.bib").read_text(encoding="utf-8"))
    (book / "quizzes" / "fixture.yaml").write_text((DATA / "good.yaml").read_text(encoding="utf-8"))
    (book / "quizzes" / "nocorrect.yaml").write_text((DATA / "no_correct.yaml").read_text(encoding="utf-8"))
    monkeypatch.setenv("NERVEROOT_ROOT", str(tmp_path))
    with pytest.raises(BankError, match="no option is marked correct"):
        Quiz.from_chapter("fixture")
    (book / "quizzes" / "nocorrect.yaml").unlink()
    assert len(Quiz.from_chapter("fixture").questions) == 4
    assert [p.name for p in bank_paths()] == ["fixture.yaml"]
