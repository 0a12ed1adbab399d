"""The printed handout, in every language of the course: built from the course's data, 2-4 A4
pages, complete and inside the page; the other editions' handouts in their language."""

import re
import subprocess

import pytest
from english_text import looks_english

from nerveroot import handout, translations
from nerveroot.clinical import red_flags
from nerveroot.clinical.roots import core_roots
from nerveroot.i18n import languages, strings, use_language


@pytest.fixture(scope="module", params=languages())
def built(request, tmp_path_factory, xelatex):
    lang = request.param
    out = tmp_path_factory.mktemp(f"handout-{lang}")
    tex_path, missing = handout.build_tex(out, lang=lang)
    pdf = handout.compile_pdf(tex_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    with use_language(lang):  # the test reads the data in the handout's language
        yield pdf, text, missing, tex_path.read_text(encoding="utf-8"), lang


def pdfinfo(pdf) -> dict:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def test_two_to_four_a4_pages(built):
    info = pdfinfo(built[0])
    assert 2 <= int(info["Pages"]) <= 4
    assert "595.28 x 841.89" in info["Page size"]  # A4


def test_every_section_is_there(built):
    _, text, missing, _, lang = built
    assert missing == [], f"handout sections left out: {missing}"
    s = strings("handout", lang)
    for key in ("roots_heading", "tests_heading", "red_flags_heading", "management_heading", "references_heading"):
        assert s[key] in " ".join(text.split()), key


def test_tables_come_from_the_data(built):
    _, text, _, _, _ = built
    flat = " ".join(text.split())
    for name, root in core_roots().items():
        assert name in text
        assert " ".join(root.reflex.name.split()) in flat
    for flag in red_flags.flags().values():
        if flag.level == "emergency":
            first_words = " ".join(flag.label.split()[:4])
            assert first_words in flat, flag.id
    assert "ridebukseanæstesi" in flat


def test_the_emergency_section_lists_the_same_day_flags_of_the_safety_review(built):
    """Bilateral leg symptoms, trauma, fever and cancer with neurological symptoms are same-day: they must
    stand in the Emergency row of the red-flag table, not under Urgent, and be printed."""
    _, text, _, tex_source, lang = built
    flat = " ".join(text.split())
    levels = red_flags.load()["levels"]
    rows = tex_source[tex_source.index(strings("handout", lang)["red_flags_heading"]):]
    first = {lv: levels[lv]["label"].split(":")[0] for lv in ("emergency", "urgent")}
    emergency = rows[rows.index(r"\textbf{" + first["emergency"]):rows.index(r"\textbf{" + first["urgent"])]
    urgent = rows[rows.index(r"\textbf{" + first["urgent"]):rows.index(r"\bottomrule")]
    for fid in ("bilateral_leg_symptoms", "significant_trauma", "fever_unwell", "cancer_neurological"):
        words = red_flags.flags()[fid].label.split()
        assert " ".join(words[:4]) in emergency, f"{fid} is not in the handout's emergency row"
        assert " ".join(words[:4]) in flat, f"{fid} is not printed"
    # cancer with back pain alone stays urgent
    assert " ".join(red_flags.flags()["history_of_cancer"].label.split()[-5:]) in " ".join(urgent.split())


def test_the_dermatome_map_is_embedded_at_print_resolution(built):
    listing = subprocess.run(["pdfimages", "-list", str(built[0])], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.split() and line.split()[2] == "image"]
    assert rows, "no figure in the handout"
    assert max(int(r[12]) for r in rows) >= 150  # x-ppi: print resolution


def test_every_citation_is_numbered_and_listed(built):
    _, text, _, source, _ = built
    source = source.replace(r"\allowbreak{}", "")
    cited = {int(n) for group in re.findall(r"\[(\d+(?:,\d+)*)\]", source) for n in group.split(",")}
    listed = set(range(1, len(re.findall(r"\\item\[\{\[\d+\]\}\]", source)) + 1))
    assert cited and cited <= listed


def test_no_text_outside_the_page(built):
    """No word runs into the side margins (1.6 cm; 40 pt allows for rounding) or off the page;
    the running footer sits in the bottom margin by design."""
    pdf = built[0]
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S)
    for width, height, body in pages:
        for x0, y0, x1, y1 in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', body):
            assert float(x0) >= 40 and float(x1) <= float(width) - 40, f"word at x {x0}-{x1} runs into a margin"
            assert float(y0) >= 10 and float(y1) <= float(height) - 10, f"word at y {y0}-{y1} is off the page"


def test_unknown_citation_key_is_named(tmp_path):
    refs = handout.Refs(handout.repo_root() / "book" / "references.bib")
    with pytest.raises(KeyError, match="Nobody2099"):
        refs.cite(["Nobody2099"])


def test_latex_special_characters_are_escaped():
    assert handout.tex("50 % & #1 {x} ~ ^ _ \\") == r"50 \% \& \#1 \{x\} \textasciitilde{} \textasciicircum{} \_ \textbackslash{}"


#: What the handout's text comes from, besides its own strings (complete in every language).
HANDOUT_PARTS = ["data/roots", "data/tests", "data/red_flags", "data/guidelines"]


def test_the_handout_is_in_its_language(built):
    """Every line of an edition's handout is in its language once the data it prints is translated."""
    _, text, _, _, lang = built
    if lang == "en":
        return
    pending = [p for p in HANDOUT_PARTS if p in translations.in_progress(lang)]
    # the reference list keeps each source's own title (English papers stay English): the text before it
    heading = strings("handout", lang)["references_heading"]
    assert heading in text
    body = text.rsplit(heading, 1)[0]
    english = [line.strip() for line in body.splitlines() if looks_english(line)]
    if pending:
        pytest.xfail(f"{', '.join(pending)} still in progress ({len(english)} English lines)")
    assert not english, "\n".join(english[:30])
