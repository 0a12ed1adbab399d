"""The course PDF: it builds, holds the intro's text and the print face of the figure."""

import subprocess


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_pdf_holds_the_intro_text(pdf_path):
    text = pdftotext(pdf_path)
    assert "Nerve-root compression in the lower back" in text
    assert "Learning outcomes" in text
    assert "not medical advice" in text
    # Danish letters survive (from the intro: "Nervetryk i lænden", "nerverodspåvirkning")
    assert "lænden" in text and "nerverodspåvirkning" in text


def test_pdf_embeds_the_print_face_of_the_figure(pdf_path):
    listing = subprocess.run(["pdfimages", "-list", str(pdf_path)], check=True, capture_output=True, text=True).stdout
    images = [line.split() for line in listing.splitlines()[2:] if line.split() and line.split()[2] == "image"]
    assert images, "no image embedded in the PDF"
    # the lumbar-levels figure at its fixed print size
    assert any(row[3:5] == ["1800", "1280"] for row in images), listing


def test_pdf_has_no_widget_reprs_or_html(pdf_path):
    text = pdftotext(pdf_path)
    for bad in ("IntSlider(", "Output()", "<div", "data-nr-needs", "Figure({"):
        assert bad not in text
