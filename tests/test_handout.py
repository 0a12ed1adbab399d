"""The printed handout: built from the course's data, 2-4 A4 pages, complete and inside the page."""

import re
import subprocess

import pytest

from nerveroot import handout
from nerveroot.clinical import red_flags
from nerveroot.clinical.roots import core_roots


@pytest.fixture(scope="module")
def built(tmp_path_factory, xelatex):
    out = tmp_path_factory.mktemp("handout")
    tex_path, missing = handout.build_tex(out)
    pdf = handout.compile_pdf(tex_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return pdf, text, missing, tex_path.read_text(encoding="utf-8")


def pdfinfo(pdf) -> dict:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def test_two_to_four_a4_pages(built):
    info = pdfinfo(built[0])
    assert 2 <= int(info["Pages"]) <= 4
    assert "595.28 x 841.89" in info["Page size"]  # A4


def test_every_section_is_there(built):
    _, text, missing, _ = built
    assert missing == [], f"handout sections left out: {missing}"
    for heading in ("The three roots at a glance", "Red flags and what to do", "Key references"):
        assert heading in text


def test_tables_come_from_the_data(built):
    _, text, _, _ = built
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
    _, text, _, tex_source = built
    flat = " ".join(text.split())
    rows = tex_source[tex_source.index("Red flags and what to do"):]
    emergency = rows[rows.index(r"\textbf{Emergency"):rows.index(r"\textbf{Urgent")]
    urgent = rows[rows.index(r"\textbf{Urgent"):rows.index(r"\bottomrule")]
    for fid in ("bilateral_leg_symptoms", "significant_trauma", "fever_unwell", "cancer_neurological"):
        words = red_flags.flags()[fid].label.split()
        assert " ".join(words[:4]) in emergency, f"{fid} is not in the handout's emergency row"
        assert " ".join(words[:4]) in flat, f"{fid} is not printed"
    assert "new back pain (no leg or neurological symptoms)" in urgent  # cancer with back pain alone stays urgent


def test_the_dermatome_map_is_embedded_at_print_resolution(built):
    listing = subprocess.run(["pdfimages", "-list", str(built[0])], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.split() and line.split()[2] == "image"]
    assert rows, "no figure in the handout"
    assert max(int(r[12]) for r in rows) >= 150  # x-ppi: print resolution


def test_every_citation_is_numbered_and_listed(built):
    _, text, _, source = built
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
