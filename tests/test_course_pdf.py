"""The whole course as one PDF: complete, every widget printed, nothing outside the page.

Checks with poppler-utils on _build/latex/nerveroot.pdf (``make pdf``)."""

from __future__ import annotations

import re

import pytest
from pdfcheck import REPRS, run, words_outside_the_text_area

from nerveroot.clinical.roots import core_roots

from tocfiles import toc_files


@pytest.fixture(scope="module")
def text(pdf_path) -> str:
    return run("pdftotext", "-layout", str(pdf_path), "-")


def chapter_titles(root) -> list[str]:
    titles = []
    for f in toc_files(root):
        src = (root / f"{f}.md").read_text(encoding="utf-8")
        titles.append(re.search(r"^# (.+)$", src, re.M).group(1).strip())
    return titles


def test_every_chapter_title_is_printed(root, text):
    flat = " ".join(text.split()).lower()
    missing = [t for t in chapter_titles(root) if " ".join(t.split()).lower() not in flat]
    assert not missing, f"chapter titles not found in the PDF: {missing}"


def test_contents_glossary_answer_key_and_bibliography(text):
    for heading in ("CONTENTS", "GLOSSARY", "ANSWER KEY", "BIBLIOGRAPHY"):
        assert heading in text.upper()


def test_every_root_appears(text):
    for root in ("L3", *core_roots()):
        assert re.search(rf"\b{root}\b", text), root


def test_one_printed_figure_per_interactive_figure(pdf_path, html_dir):
    """Every plotly figure of the web book has its print face in the PDF."""
    web = sum(p.read_text(encoding="utf-8").count('class="nr-plotly-spec"') for p in (html_dir / "book").glob("*.html"))
    listing = run("pdfimages", "-list", str(pdf_path))
    images = [line.split() for line in listing.splitlines()[2:] if line.split() and line.split()[2] == "image"]
    assert web >= 10  # the book has 14 today; a much smaller count means figures went missing
    assert len(images) >= web, f"{len(images)} images in the PDF for {web} interactive figures on the web"
    # printed at print resolution (150 ppi or more)
    low = [row for row in images if int(row[12]) < 150]
    assert not low, f"images below 150 ppi: {low[:3]}"


def test_no_raw_widget_or_html_text(text):
    found = [r for r in REPRS if r in text]
    assert not found, f"raw output in the PDF: {found}"


def test_no_text_outside_the_page(pdf_path):
    """No word leaves the page or runs into the side margins (long URLs, wide tables)."""
    bad = words_outside_the_text_area(pdf_path)
    assert not bad, f"words outside the text area (page, word, x0, x1): {bad[:10]}"


def test_danish_letters_survive(text):
    for word in ("ridebukseanæstesi", "nerverodspåvirkning", "Lægehåndbogen"):
        assert word in text, word


def test_the_safety_review_s_same_day_flags_are_printed(text, pdf_path):
    """The course PDF carries the red-flag levels of the safety review: the triage aid's worked examples give
    same-day referral for bilateral leg symptoms alone and for cancer with neurological symptoms, and the
    patients' safety net names pain or numbness in both legs, fever and trauma."""
    from nerveroot.clinical import red_flags
    from nerveroot.figures.triage import EXAMPLES, TriageAid

    # reading order (no -layout): the table's "Result" column comes out as one run of level labels, in row order
    raw = " ".join(run("pdftotext", str(pdf_path), "-").split())
    table = raw[raw.index("Worked examples (computed by the same rule)"):raw.index("Try these cases")]
    labels = [lv["label"] for lv in red_flags.load()["levels"].values()]
    printed = re.findall("|".join(re.escape(label) for label in labels), table)
    aid = TriageAid()
    assert printed == [aid.evaluate(ids).label for ids in EXAMPLES]
    emergency = red_flags.load()["levels"]["emergency"]["label"]
    for ids in (("bilateral_leg_symptoms",), ("cancer_neurological",)):
        assert printed[EXAMPLES.index(ids)] == emergency, ids
    flat = " ".join(text.split())
    net = flat[flat.index("When to get help the same day"):]
    for item in red_flags.safety_net_items():
        assert " ".join(item.split()[:4]) in net, item
