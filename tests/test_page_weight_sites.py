"""What the theme stack puts in a page's <head>, on a small site with the book's theme and its extensions
(tests/sites/weight/, built with sphinx.testing): only what the page uses, nothing synchronous but
one small script, one theme stylesheet, no Font Awesome, Sphinx's search only where the search runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import io
    import shutil

    from sphinx.testing.util import SphinxTestApp

    src = tmp_path_factory.mktemp("weight") / "src"
    shutil.copytree(Path(__file__).parent / "sites" / "weight", src)
    app = SphinxTestApp("html", srcdir=src, status=io.StringIO(), warning=io.StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir)


def head(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index("<head>"):html.index("</head>")]


def scripts(page: Path) -> dict[str, str]:
    """Every external script of the page's <head>: file name -> its tag."""
    return {re.sub(r"\?.*$", "", re.search(r'src="([^"]+)"', t).group(1)).rsplit("/", 1)[-1]: t
            for t in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head(page))}


def stylesheets(page: Path) -> list[str]:
    return [re.sub(r"\?.*$", "", h).rsplit("/", 1)[-1]
            for h in re.findall(r'<link[^>]*href="([^"]+\.css[^"]*)"[^>]*>', head(page))]


def test_a_text_page_loads_no_feature_it_does_not_use(site):
    got = scripts(site / "index.html")
    for name in ("clipboard.min.js", "copybutton.js", "togglebutton.js", "design-tabs.js", "fontawesome.js",
                 "searchtools.js", "language_data.js", "searchindex.js"):
        assert name not in got, name
    css = stylesheets(site / "index.html")
    for name in ("copybutton.css", "togglebutton.css", "sphinx-design.min.css", "pygments.css"):
        assert name not in css, name
    assert "toggleHintShow" not in head(site / "index.html")


def test_no_script_in_head_blocks_the_first_paint_but_sphinxs_small_settings(site):
    for page in sorted(site.glob("*.html")):
        for name, tag in scripts(page).items():
            if name == "documentation_options.js":  # the theme's inline scripts read it at once (0.4 KB)
                continue
            assert re.search(r"\s(defer|async)\b", tag), f"{page.name}: {tag}"
        assert '<link rel="preload" as="script"' not in head(page), page.name


def test_each_feature_is_loaded_where_it_is_used(site):
    assert {"clipboard.min.js", "copybutton.js"} <= set(scripts(site / "code.html"))
    assert {"copybutton.css", "pygments.css"} <= set(stylesheets(site / "code.html"))
    assert "togglebutton.js" in scripts(site / "toggle.html")
    assert "togglebutton.css" in stylesheets(site / "toggle.html")
    assert "toggleHintShow" in head(site / "toggle.html")
    assert "sphinx-design.min.css" in stylesheets(site / "design.html")
    assert "design-tabs.js" not in scripts(site / "design.html")
    assert "design-tabs.js" in scripts(site / "tabs.html")


def test_the_theme_is_one_stylesheet_without_font_awesome(site):
    for page in sorted(site.glob("*.html")):
        css = stylesheets(page)
        assert "nr-theme.css" in css and "theme.css" not in css and "pydata-sphinx-theme.css" not in css, page.name
        assert "fontawesome" not in head(page), page.name
    sheet = (site / "_static" / "styles" / "nr-theme.css").read_text(encoding="utf-8")
    original = (site / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert "@import" not in sheet, "an @import is one more round trip before the first paint"
    assert "ul.search li" in sheet and "url(../file.png)" in sheet  # Sphinx's basic.css, its URLs fixed
    assert ".bd-sidebar-primary" in sheet  # the theme's own rules
    assert not re.search(r'\.fa-[a-z0-9-]+:before\{content:"', sheet)  # Font Awesome's ~1900 glyph rules
    assert len(sheet) < 0.85 * len(original)


def test_the_search_page_loads_sphinxs_search_deferred_after_what_it_needs(site):
    got = scripts(site / "search.html")
    order = list(got)
    for name in ("searchtools.js", "language_data.js", "searchindex.js"):
        assert name in got and re.search(r"\sdefer\b", got[name]), name
    assert order.index("doctools.js") < order.index("searchtools.js") < order.index("searchindex.js")
