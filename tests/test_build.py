"""The built HTML book: every toc entry became a page; nothing loads from another host;
plotly.js is loaded only on pages with figures, deferred."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from tocfiles import toc_files

# What a page loads: (tag, attribute) pairs, plus <link rel=...> kinds that fetch.
LOADING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
           ("audio", "src"), ("embed", "src"), ("object", "data"), ("img", "srcset"), ("source", "srcset")}
FETCHING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon",
                  "shortcut icon", "font"}


class Loads(HTMLParser):
    """Collect every URL a page would fetch while loading."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts.append(a)
        for t, attr in LOADING:
            if tag == t and a.get(attr):
                self.urls.append((tag, a[attr]))
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if rel in FETCHING_LINKS or "icon" in rel or "stylesheet" in rel:
                self.urls.append((f"link rel={rel}", a["href"]))




def pages(html_dir: Path) -> list[Path]:
    return sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


def parse(path: Path) -> Loads:
    p = Loads()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def is_offsite(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip(), re.I))


def test_every_toc_entry_produced_a_page(root, html_dir):
    missing = [f for f in toc_files(root) if not (html_dir / f"{f}.html").is_file()]
    assert not missing, f"toc entries without a page: {missing}"
    assert len(toc_files(root)) >= 2


def test_no_page_loads_anything_from_another_host(html_dir):
    offenders = {}
    for page in pages(html_dir):
        bad = [f"<{tag}> {url}" for tag, url in parse(page).urls if is_offsite(url)]
        if bad:
            offenders[str(page.relative_to(html_dir))] = bad
    assert not offenders, offenders


def test_stylesheets_fetch_nothing_from_another_host(html_dir):
    offenders = []
    for css in (html_dir / "_static").rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8", errors="replace")):
            if is_offsite(url):
                offenders.append(f"{css.relative_to(html_dir)}: {url}")
        for url in re.findall(r"@import\s+['\"]([^'\"]+)", css.read_text(encoding="utf-8", errors="replace")):
            if is_offsite(url):
                offenders.append(f"{css.relative_to(html_dir)}: @import {url}")
    assert not offenders, offenders


def plotly_scripts(page: Path) -> list[dict]:
    return [s for s in parse(page).scripts if "plotly" in (s.get("src") or "")]


def test_plotly_is_loaded_by_no_page_only_by_the_figure_script_on_pages_with_figures(html_dir):
    """plotly.js (1.2 MB) is not in any page: js/nr-plotly.js (small, deferred) loads it when the
    reader comes to a figure, and only pages with figures load that script."""
    assert (html_dir / "_static" / "vendor" / "plotly.js-basic-dist-min" / "plotly-basic.min.js").is_file()
    with_figures, without = [], []
    for page in pages(html_dir):
        text = page.read_text(encoding="utf-8")
        has_figure = bool(re.search(r'data-nr-needs="[^"]*\bplotly\b', text))
        srcs = [s["src"] for s in plotly_scripts(page)]
        assert not any("plotly-basic" in src for src in srcs), f"{page.name} loads plotly.js itself"
        if has_figure:
            with_figures.append(page.name)
            figure_js = [s for s in plotly_scripts(page) if "js/nr-plotly.js" in s["src"]]
            assert figure_js and all("defer" in s for s in figure_js), f"{page.name}: no deferred nr-plotly.js"
        else:
            without.append(page.name)
            assert not srcs, f"{page.name} has no figure but loads {srcs}"
    assert "intro.html" in with_figures
    assert "bibliography.html" in without and "search.html" in without


def test_no_widget_javascript_or_state_in_any_page(html_dir):
    for page in pages(html_dir):
        text = page.read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget-state+json" not in text, page.name
        assert "require.min.js" not in text and "html-manager" not in text, page.name


def test_the_intro_shows_the_static_face_not_the_print_face(html_dir):
    text = (html_dir / "book" / "intro.html").read_text(encoding="utf-8")
    assert text.count('class="nr-plotly-spec"') == 1
    assert "Schematic of the lumbar spine" in text  # the text alternative
    # the print face (a PNG) is not used in HTML
    assert not re.search(r'<img[^>]+src="[^"]*_images/[^"]+\.png"[^>]*>', text.split("A first look")[1].split("Licence")[0])


def test_citations_resolve_to_the_bibliography(html_dir):
    text = (html_dir / "book" / "bibliography.html").read_text(encoding="utf-8")
    for key_text in ("Koes", "Sundhedsstyrelsen"):
        assert key_text in text
    intro = (html_dir / "book" / "intro.html").read_text(encoding="utf-8")
    assert "bibliography.html#id" in intro or "bibliography.html#" in intro


def test_the_site_root_redirects_with_an_icon_and_a_visible_link(html_dir):
    """index.html: without an icon link Chromium may ask the host root for /favicon.ico (a 404 under a
    sub-path); a bare <meta> redirect also offers no link to follow."""
    text = (html_dir / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Refresh" content="0; url=book/intro.html" />' in text
    assert '<link rel="icon" href="_static/favicon.svg"' in text
    assert '<a href="book/intro.html">' in text and '<html lang="en">' in text
