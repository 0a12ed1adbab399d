"""What each page of the built book asks a reader's browser for before it can show the page (issue 14):
no synchronous script but Sphinx's small settings, the theme as one stylesheet, no Font Awesome
(every icon the pages show is in css/nr-icons.css), Sphinx's search only on the search page, the
copy button only where there is code to copy, and every figure shown first as a picture in the
height it will keep, with its controls already in the page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from test_build import pages


def head(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[text.index("<head>"):text.index("</head>")]


def body(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[text.index("<body"):]


def external_scripts(markup: str) -> list[str]:
    return re.findall(r"<script\b[^>]*\bsrc=[^>]*>", markup)


def test_no_page_has_a_script_that_blocks_its_first_paint(html_dir):
    for page in pages(html_dir):
        for tag in external_scripts(head(page)):
            if "documentation_options.js" in tag:  # 0.4 KB the theme's inline scripts read at once
                continue
            assert re.search(r"\s(defer|async)\b", tag), f"{page.relative_to(html_dir)}: {tag}"


def test_no_page_loads_font_awesome_or_the_search_index_it_does_not_use(html_dir):
    for page in pages(html_dir):
        rel = page.relative_to(html_dir).as_posix()
        text = page.read_text(encoding="utf-8")
        assert "fontawesome" not in text, rel
        for name in ("searchtools.js", "language_data.js", "searchindex.js"):
            assert (name in head(page)) == (page.name == "search.html"), f"{rel}: {name}"  # each edition's search page


def test_every_page_has_the_theme_as_one_stylesheet(html_dir):
    for page in pages(html_dir):
        if 'http-equiv="Refresh"' in head(page):
            continue  # the site root's redirect: no stylesheet at all
        links = re.findall(r'<link[^>]*href="([^"?]+\.css)', head(page))
        names = [link.rsplit("/", 1)[-1] for link in links]
        assert "nr-theme.css" in names, page.name
        assert "theme.css" not in names and "pydata-sphinx-theme.css" not in names, page.name
    assert (html_dir / "_static" / "styles" / "nr-theme.css").stat().st_size > 100_000


def test_the_copy_button_only_where_there_is_code(html_dir):
    with_code = []
    for page in pages(html_dir):
        has_code = 'class="highlight' in body(page)
        loads = "copybutton.js" in head(page)
        assert loads == has_code, page.relative_to(html_dir)
        if has_code:
            with_code.append(page.name)
    assert "exercises.html" in with_code  # not vacuous: the exercise library shows its code


def test_every_icon_the_pages_show_is_drawn_without_the_icon_font(html_dir, root):
    """A new page or theme may show an icon nr-icons.css lacks (it would be blank): add it to
    tools/make_icons_css.py and run it."""
    icons_css = (root / "assets" / "css" / "nr-icons.css").read_text(encoding="utf-8")
    covered = set(re.findall(r"\.fa-([a-z0-9-]+)::before", icons_css))
    shown = set()
    for page in pages(html_dir):
        for classes in re.findall(r'<(?:i|span)\b[^>]*class="([^"]*\bfa-[^"]*)"', page.read_text(encoding="utf-8")):
            shown |= {c[3:] for c in classes.split() if c.startswith("fa-")} - {"lg", "solid", "regular", "fw"}
    assert shown and shown <= covered, f"icons without a rule in nr-icons.css: {sorted(shown - covered)}"
    # admonition titles: the theme writes their icons in the icon font; nr-icons.css draws them
    assert ".admonition>.admonition-title::after" in icons_css


def test_the_icon_stylesheet_matches_the_installed_theme(root):
    """nr-icons.css is made from the theme's Font Awesome: after a theme upgrade, run the tool again."""
    proc = subprocess.run([sys.executable, str(root / "tools" / "make_icons_css.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def figure_spec(page: Path, figure: str) -> dict:
    """A figure's spec: not in the page, but in the file the page names (loaded with plotly.js)."""
    element = re.search(r'<script type="application/json" class="nr-plotly-spec" data-for="([^"]+)" '
                        r'data-src="([^"]+)"></script>', figure)
    assert element, f"{page.name}: the figure's spec is still in the page"
    file = (page.parent / element.group(2)).resolve()
    call = file.read_text(encoding="utf-8")
    prefix = f'window.nerveroot.figureSpec("{element.group(1)}",'
    assert call.startswith(prefix) and call.rstrip().endswith(");"), file
    return json.loads(call.rstrip()[len(prefix):-2])


def test_every_figure_arrives_as_a_picture_in_its_final_height_with_its_controls(html_dir):
    count = 0
    for page in pages(html_dir):
        text = page.read_text(encoding="utf-8")
        for figure in re.findall(r'<figure class="nr-figure".*?</figure>', text, re.S):
            count += 1
            spec = figure_spec(page, figure)
            height = spec["layout"]["height"]
            plot = re.search(r'<div id="[^"]+" class="nr-plotly" role="img" aria-label="([^"]{20,})" '
                             r'style="min-height:(\d+)px', figure)
            assert plot, f"{page.name}: a figure without a text alternative"
            assert int(plot.group(2)) == height, f"{page.name}: reserved height differs from the plot's"
            pictures = re.findall(r'<svg class="nr-picture [^"]*" aria-hidden="true"[^>]*height="(\d+)"', figure)
            assert pictures and all(int(h) == height for h in pictures), page.name
            controls = spec["controls"]
            buttons = sum(len(m["buttons"]) for m in controls["menus"])
            assert figure.count('<button type="button" class="nr-button"') == buttons, page.name
            assert figure.count('<input type="range"') == len(controls["sliders"]), page.name
            assert 'class="nr-controls pst-js-only"' in figure  # hidden when JavaScript is off
    assert count >= 10
