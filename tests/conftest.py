"""Shared fixtures: paths, the built site served on 127.0.0.1, and a Chromium page.

Tests marked ``build`` read ``_build/html``, ``pdf`` read the built PDF, and
``browser`` drive the Debian Chromium through Playwright (never a downloaded
browser).  ``make test`` builds both before running pytest; when run by hand
without a build, those tests fail with a message saying what to run.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML = Path(os.environ.get("NERVEROOT_HTML", ROOT / "_build" / "html"))
PDF = Path(os.environ.get("NERVEROOT_PDF", ROOT / "_build" / "latex" / "nerveroot.pdf"))
CHROMIUM = os.environ.get("NERVEROOT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def html_dir() -> Path:
    if not (HTML / "index.html").is_file():
        pytest.fail(f"no built book at {HTML}: run 'make book' first")
    return HTML


@pytest.fixture(scope="session")
def pdf_path() -> Path:
    if not PDF.is_file():
        pytest.fail(f"no PDF at {PDF}: run 'make pdf' first")
    for tool in ("pdftotext", "pdfimages", "pdfinfo"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: install poppler-utils (make system-deps)")
    return PDF


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture(scope="session")
def site_url(html_dir) -> str:
    """Base URL (ending in '/') of the built book, served on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install the Debian package chromium (make system-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _watch(page, base_host: str) -> None:
    """Record console errors, page errors and requests to any other host on the page."""
    page.nr_console_errors = []
    page.nr_offsite = []

    def on_console(msg):
        if msg.type == "error":
            page.nr_console_errors.append(msg.text)

    def on_request(request):
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if url.hostname not in (base_host,):
            page.nr_offsite.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda err: page.nr_console_errors.append(str(err)))
    page.on("request", on_request)


@pytest.fixture()
def page(browser, site_url):
    """A fresh desktop-sized page; ``page.nr_console_errors`` and ``page.nr_offsite`` record problems."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    _watch(pg, urlparse(site_url).hostname)
    yield pg
    context.close()


@pytest.fixture()
def phone_page(browser, site_url):
    """A fresh phone-sized page (390 x 844, touch)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    _watch(pg, urlparse(site_url).hostname)
    yield pg
    context.close()
