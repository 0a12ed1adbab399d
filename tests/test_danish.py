"""Danish terms are marked as Danish: lang="da" in HTML (screen readers switch voice,
WCAG 3.1.2) and Danish hyphenation in the PDF."""

import re
import subprocess
import sys


def test_no_danish_term_is_left_in_plain_italics(root):
    """tools/mark_danish.py --check: every listed Danish term in the chapters uses {da}`...`."""
    proc = subprocess.run([sys.executable, str(root / "tools" / "mark_danish.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, f"run tools/mark_danish.py:\n{proc.stdout}"


def test_html_marks_danish_terms_with_their_language(html_dir):
    intro = (html_dir / "book" / "intro.html").read_text(encoding="utf-8")
    assert '<em class="nr-da" lang="da">iskias</em>' in intro
    glossary = (html_dir / "book" / "glossary.html").read_text(encoding="utf-8")
    assert len(re.findall(r'lang="da"', glossary)) >= 20


def test_latex_hyphenates_danish_terms_as_danish(pdf_path):
    tex = (pdf_path.parent / "nerveroot.tex").read_text(encoding="utf-8")
    assert r"\setotherlanguage{danish}" in tex
    assert r"\foreignlanguage{danish}{\sphinxstyleemphasis{ridebukseanæstesi}}" in tex
    log = (pdf_path.parent / "nerveroot.log").read_text(encoding="utf-8", errors="replace")
    assert "gloss-danish.ldf" in log
    assert not re.search(r"No hyphenation patterns were (preloaded|loaded) for\s+`?danish", log, re.I)
