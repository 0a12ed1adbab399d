"""Publishing the built site: it works from a sub-path (as on GitHub Pages, /<repository>/),
has a title, favicon, link-preview text and a 404 page; the built-in search finds clinical
terms in English and Danish; previous/next and the table of contents work on a phone."""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from nerveroot.sphinxext import base_path

from conftest import _watch
from tocfiles import toc_files

PREFIX = "/nerveroot/"
SHOTS = os.environ.get("NERVEROOT_SCREENSHOTS")


# ------------------------------------------------------------------------------ static checks


def test_pages_have_title_description_favicon_and_preview(html_dir):
    for rel in [f"{f}.html" for f in toc_files()]:
        text = (html_dir / rel).read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
        assert "Nerve-root compression in the lower back" in title, rel
        assert re.search(r'<link rel="icon" href="[^"]*_static/favicon\.svg"', text), rel
        assert re.search(r'<meta name="description" content="[^"]{40,}"', text), rel
        for prop in ("og:title", "og:description", "og:site_name", "og:type"):
            assert f'property="{prop}"' in text, f"{rel}: no {prop}"
    assert (html_dir / "_static" / "favicon.svg").is_file()


def test_every_page_links_relatively_so_the_site_works_from_any_sub_path(html_dir):
    """Root-relative links ("/...") would break under /<repository>/ (only the 404 page uses a
    <base> naming the site root)."""
    offenders = {}
    for page in html_dir.rglob("*.html"):
        if "_static" in page.parts or page.name == "404.html":
            continue
        bad = re.findall(r'(?:href|src)="(/[^/"][^"]*)"', page.read_text(encoding="utf-8"))
        if bad:
            offenders[str(page.relative_to(html_dir))] = bad[:5]
    assert not offenders, offenders


def test_base_path_of_the_404_page():
    assert base_path("") == "/"
    assert base_path("https://example.github.io/nerveroot") == "/nerveroot/"
    assert base_path("https://example.github.io/nerveroot/") == "/nerveroot/"
    assert base_path("https://course.example.org/") == "/"


def test_the_404_page_exists_and_names_its_base(html_dir):
    text = (html_dir / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<base href="/[^"]*" />', text)
    head = text.split("<body", 1)[0]
    assert head.index("<base ") < head.index("<link "), "<base> must come before the first relative URL"
    assert "Page not found" in text and 'name="robots" content="noindex"' in text
    # every other URL in it is relative to the site root, which the <base> names
    assert not re.findall(r'(?:href|src)="\.\./', text)


# --------------------------------------------------------------------------- served sub-path


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX and answers a missing page with 404.html and status 404,
    as GitHub Pages does.  The book is built without NERVEROOT_BASEURL here, so its 404 page
    names "/" as its base; the Pages workflow sets NERVEROOT_BASEURL, and the extension then
    writes the sub-path instead, which is what this handler does for the test."""

    html_dir: Path

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = urlparse(path).path
        if not path.startswith(PREFIX):
            return str(self.html_dir / "__outside__")
        return str(self.html_dir / path[len(PREFIX):])  # (no "..": http.server normalises it)

    def send_head(self):
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            return super().send_head()
        body = (self.html_dir / "404.html").read_text(encoding="utf-8")
        body = body.replace('<base href="/" />', f'<base href="{PREFIX}" />').encode()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


@pytest.fixture(scope="module")
def sub_path_url(html_dir):
    handler = type("H", (_SubPathHandler,), {"html_dir": html_dir})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(html_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def sub_page(browser, sub_path_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _watch(page, "127.0.0.1")
    page.nr_failed = []
    page.on("response", lambda r: r.status >= 400 and page.nr_failed.append(f"{r.status} {r.url}"))
    yield page
    context.close()


def test_every_page_works_from_a_sub_path(sub_page, sub_path_url):
    sub_page.goto(sub_path_url)  # index.html: the redirect to the first page
    sub_page.wait_for_url(re.compile(re.escape(sub_path_url) + r"book/intro\.html"))
    for rel in [f"{f}.html" for f in toc_files()] + ["search.html", "genindex.html"]:
        sub_page.goto(sub_path_url + rel)
        sub_page.wait_for_load_state("networkidle")
    assert sub_page.nr_failed == []
    assert sub_page.nr_console_errors == [] and sub_page.nr_offsite == []


def test_a_missing_page_gets_the_themed_404_page_from_a_sub_path(sub_page, sub_path_url):
    response = sub_page.goto(sub_path_url + "book/no-such-chapter.html")
    assert response.status == 404
    sub_page.wait_for_load_state("networkidle")
    assert sub_page.get_by_role("heading", name="Page not found").is_visible()
    # its stylesheets, scripts and favicon all loaded from the sub-path (only the page itself 404s)
    assert [f for f in sub_page.nr_failed if "no-such-chapter" not in f] == []
    assert sub_page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    link = sub_page.get_by_role("link", name="Go to the start of the course")
    link.click()
    sub_page.wait_for_url(sub_path_url + "book/intro.html")
    errors = [e for e in sub_page.nr_console_errors if "404" not in e]  # the missing page itself
    assert errors == [] and sub_page.nr_offsite == []


# ------------------------------------------------------------------------------------ search

SEARCH_TERMS = {
    "radiculopathy": "book/intro.html",  # English
    "sciatica": "book/intro.html",
    "iskias": "book/intro.html",  # Danish
    "nerverodspåvirkning": "book/intro.html",
}


@pytest.mark.parametrize("term", sorted(SEARCH_TERMS))
def test_search_finds_clinical_terms_in_english_and_danish(page, site_url, term):
    page.goto(site_url + f"search.html?q={term}")
    page.wait_for_selector("#search-results ul.search li, #search-results .search li", timeout=15000)
    # Sphinx appends hits one by one and writes the summary when it has shown them all
    page.wait_for_function("(document.querySelector('#search-results .search-summary') || {}).textContent"
                           " && document.querySelector('#search-results .search-summary').textContent.includes('found')",
                           timeout=15000)
    hrefs = page.eval_on_selector_all("#search-results li a", "els => els.map(a => a.getAttribute('href'))")
    assert any(SEARCH_TERMS[term] in h for h in hrefs), f"{term}: {hrefs}"
    assert page.nr_console_errors == [] and page.nr_offsite == []


# --------------------------------------------------------------------------- phone navigation


def test_previous_next_and_toc_work_on_a_phone(phone_page, site_url):
    files = toc_files()
    phone_page.goto(site_url + f"{files[0]}.html")
    nxt = phone_page.locator(".prev-next-area a.right-next")
    assert nxt.count() == 1
    box = nxt.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, f"next link off screen: {box}"
    nxt.scroll_into_view_if_needed()
    if SHOTS:
        phone_page.screenshot(path=str(Path(SHOTS) / "phone-prev-next.png"))
    nxt.click()
    phone_page.wait_for_url(re.compile(re.escape(files[1]) + r"\.html"))
    prev = phone_page.locator(".prev-next-area a.left-prev")
    assert prev.count() == 1
    # the table of contents: the sidebar opens from the header button and lists every chapter
    phone_page.locator("button.primary-toggle:visible").first.click()
    # (pydata-sphinx-theme moves the sidebar into a modal <dialog> on narrow screens)
    toc = phone_page.locator("nav.bd-docs-nav:visible").first
    toc.wait_for(state="visible")
    if SHOTS:
        phone_page.screenshot(path=str(Path(SHOTS) / "phone-toc.png"))
    assert toc.locator("li.current.active").count() >= 1  # the page you are on is marked
    for f in [files[0]] + files[2:]:  # (the current page links to "#")
        link = toc.locator(f'a[href$="{Path(f).name}.html"]')
        assert link.count() >= 1 and link.first.is_visible(), f"{f} not in the phone toc"
    assert toc.bounding_box()["x"] + toc.bounding_box()["width"] <= 390
    assert phone_page.nr_console_errors == [] and phone_page.nr_offsite == []
