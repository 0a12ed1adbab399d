"""The other editions' course PDFs (``make pdf``: ``_build/latex-<lang>/nerveroot-<lang>.pdf``) pass the
checks the English one passes, in their language: every chapter, every printed figure, nothing outside
the page, the red-flag levels, the safety net; the language is the main one (hyphenation), and a
translated chapter prints no English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from english_text import looks_english
from pdfcheck import REPRS, run, words_outside_the_text_area

from nerveroot import i18n, translations
from nerveroot.catalogue import read_po
from nerveroot.clinical import red_flags
from nerveroot.clinical.roots import core_roots

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def edition(edition_pdf):
    """(language, path, text of the PDF) with the data read in that language."""
    lang, path = edition_pdf
    with i18n.use_language(lang):
        yield lang, path, run("pdftotext", "-layout", str(path), "-")


def translated_title(lang: str, chapter: str) -> str:
    src = (ROOT / f"{chapter}.md").read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", src, re.M).group(1).strip()
    entries = {e.msgid: e.msgstr for e in read_po(ROOT / "locales" / lang / "LC_MESSAGES" / f"{chapter}.po")}
    return entries.get(title) or title


def test_the_edition_is_typeset_in_its_language(edition):
    lang, path, _ = edition
    tex = path.with_suffix(".tex").read_text(encoding="utf-8")
    main = i18n.strings("display", lang)["latex_language"]
    assert re.search(r"\\setmainlanguage(\[[^]]*\])?\{%s\}" % main, tex), f"{path.with_suffix('.tex')}: not {main}"
    info = run("pdfinfo", str(path))
    assert i18n.strings("site", lang)["title"] in info


def test_every_chapter_title_is_printed_in_the_language(edition):
    lang, _, text = edition
    flat = " ".join(text.split()).lower()
    missing = [c for c in translations.chapters() if " ".join(translated_title(lang, c).split()).lower() not in flat]
    assert not missing, f"chapter titles not found in the {lang} PDF: {missing}"


def test_the_appendices_have_their_names_in_the_language(edition):
    lang, _, text = edition
    for chapter in ("book/glossary", "book/answer_key", "book/bibliography"):
        assert translated_title(lang, chapter).upper() in text.upper(), chapter


def test_every_root_and_every_printed_figure(edition, pdf_path):
    _, path, text = edition
    for root in ("L3", *core_roots()):
        assert re.search(rf"\b{root}\b", text), root

    def images(pdf):
        listing = run("pdfimages", "-list", str(pdf))
        return [line.split() for line in listing.splitlines()[2:] if line.split() and line.split()[2] == "image"]

    ours, english = images(path), images(pdf_path)
    assert len(ours) == len(english), f"{len(ours)} images, the English PDF has {len(english)}"
    assert all(int(row[12]) >= 150 for row in ours), "an image below 150 ppi"


def test_no_raw_widget_or_html_text(edition):
    found = [r for r in REPRS if r in edition[2]]
    assert not found, f"raw output in the PDF: {found}"


def test_no_text_outside_the_page(edition):
    bad = words_outside_the_text_area(edition[1])
    assert not bad, f"words outside the text area (page, word, x0, x1): {bad[:10]}"


def test_the_red_flag_levels_and_the_safety_net_are_printed_in_the_language(edition):
    from nerveroot.figures.triage import EXAMPLES, TriageAid

    lang, path, text = edition
    s = i18n.strings("triage", lang)
    raw = " ".join(run("pdftotext", str(path), "-").split())
    start = raw.index(s["print_examples"])
    table = raw[start:start + 4000]
    labels = [lv["label"] for lv in red_flags.load()["levels"].values()]
    printed = re.findall("|".join(re.escape(label) for label in labels), table)
    aid = TriageAid(lang=lang)
    assert printed[:len(EXAMPLES)] == [aid.evaluate(ids).label for ids in EXAMPLES]
    flat = " ".join(text.split())
    net = flat[flat.index(i18n.strings("safety_net", lang)["heading"]):]
    for item in red_flags.safety_net_items():
        assert " ".join(item.split()[:4]) in net, item


def chapter_texts(text: str) -> dict[str, str]:
    """The PDF's text per chapter of the toc: each chapter opens on a line of one word and its number
    ("KAPITEL 6"); the intro is the front matter before chapter 1."""
    chapters = translations.chapters()
    starts = [m.start() for m in re.finditer(r"^\s+[A-ZÆØÅÄÖÜ]{4,}\s+\d+\s*$", text, re.M)]
    assert len(starts) == len(chapters) - 1, f"{len(starts)} chapter openings for {len(chapters) - 1} chapters"
    bounds = [0, *starts, len(text)]
    return {chapter: text[a:b] for chapter, a, b in zip(chapters, bounds, bounds[1:])}


def _chapter_params():
    out = []
    for lang in [p.name for p in sorted((ROOT / "src" / "nerveroot" / "strings").iterdir()) if p.is_dir()]:
        if lang == i18n.DEFAULT_LANG:
            continue
        listed = set(translations.in_progress(lang))
        for chapter in translations.chapters():
            if chapter == "book/bibliography":
                continue  # the references keep their own languages
            marks = [pytest.mark.xfail(strict=True, reason="in progress")] if chapter in listed else []
            out.append(pytest.param(lang, chapter, id=f"{lang}-{chapter}", marks=marks))
    return out


@pytest.mark.parametrize(("lang", "chapter"), _chapter_params())
def test_a_translated_chapter_prints_no_english(edition_pdf, lang, chapter):
    if edition_pdf[0] != lang:
        pytest.skip("another edition")
    text = run("pdftotext", "-layout", str(edition_pdf[1]), "-")
    parts = chapter_texts(text)
    assert chapter in parts, sorted(parts)
    section = parts[chapter]
    if chapter == translations.chapters()[0]:  # leave the contents out of the front matter
        section = section[section.index(i18n.strings("site", lang)["title"], 200):]
    if chapter == translations.chapters()[-1]:
        # LaTeX prints the reference list after the last chapter; the sources keep their own titles
        first_entry = re.search(r"^\s*\[1\]\s", section, re.M)
        section = section[:first_entry.start()] if first_entry else section
    english = [line.strip() for line in section.splitlines() if looks_english(line)]
    assert not english, f"{chapter} in the {lang} PDF:\n" + "\n".join(english[:30])
