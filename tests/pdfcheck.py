"""Checks shared by the course PDF's tests in every language (tests/test_course_pdf.py, test_pdf_editions.py)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

#: Python reprs and HTML that must never reach the printed page (a face that printed its object).
REPRS = ("IntSlider(", "Output()", "VBox(", "HBox(", "object at 0x", "Figure({", "<IPython", "<div", "data-nr-")


def run(*cmd) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def words_outside_the_text_area(pdf: Path) -> list[tuple[int, str, int, int]]:
    """(page, word, x0, x1) of every word that leaves the page or runs into the side margins."""
    bbox = run("pdftotext", "-bbox", str(pdf), "-")
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S)
    bad = []
    for n, (width, height, body) in enumerate(pages, 1):
        for x0, y0, x1, y1, word in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', body
        ):
            if float(x0) < 36 or float(x1) > float(width) - 36 or float(y0) < 0 or float(y1) > float(height):
                bad.append((n, word[:30], round(float(x0)), round(float(x1))))
    return bad
