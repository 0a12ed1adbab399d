"""Shared fixtures: paths, the built site served on 127.0.0.1, Chromium pages, and the markers.

A test says what it needs by the fixtures it uses, and conftest marks it from them (so a
marker can never be forgotten; ``--strict-markers`` rejects any other name):

=============  ======================================  ========================================
marker         set when a test uses                    needs
=============  ======================================  ========================================
``browser``    ``chromium`` (``browser``, ``page``,    the Debian Chromium (Playwright drives it;
               ``phone_page``, ``js_page``, ...)       no browser is ever downloaded)
``build``      ``html_dir`` (``site_url``, ...)        the built book in ``_build/html``
``pdf``        ``pdf_path``, ``edition_pdf``           the built course PDF (of each edition)
``tex``        ``xelatex``                             XeLaTeX and poppler-utils (it compiles)
``notebooks``  (nbval's notebook cells)                a Jupyter kernel
``unit``       none of the above                       the Python packages only
=============  ======================================  ========================================

``make check`` runs ``-m unit``; ``make test`` builds the book and the PDF and runs everything.
A test that renders a PNG print face (kaleido starts the Debian Chromium) takes the ``chromium``
fixture too, so that ``-m unit`` runs on a machine without a browser; a new need gets a fixture
and a line in ``NEEDS``.
Run by hand without a build, ``build``/``pdf`` tests fail with a message saying what to run,
and a missing system tool fails naming its Debian package, at once.
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
ASSETS = ROOT / "assets"
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

# --------------------------------------------------------------------------------- markers

#: fixture -> marker: what a test needs follows from what it uses
NEEDS = {"chromium": "browser", "html_dir": "build", "pdf_path": "pdf", "edition_pdf": "pdf", "xelatex": "tex"}
NEED_MARKERS = {"browser", "build", "pdf", "tex", "notebooks"}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks (--dist loadgroup)
def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        for fixture, marker in NEEDS.items():
            if fixture in names:
                item.add_marker(marker)
        if _shares_a_module_fixture(item):
            # a module-scoped fixture (a JupyterLab server, one loaded page) is set up once per
            # worker: keep its tests together rather than starting it on every worker
            item.add_marker(pytest.mark.xdist_group(f"module:{item.path.name}"))
        if type(item).__module__.startswith("nbval"):
            # a notebook's cells share one kernel: with pytest-xdist they run on one worker, in order
            item.add_marker("notebooks")
            item.add_marker(pytest.mark.xdist_group(f"nbval:{item.path.name}"))
        if not NEED_MARKERS & {m.name for m in item.iter_markers()}:
            item.add_marker("unit")


def _shares_a_module_fixture(item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(d.scope in ("module", "class", "package") for defs in info.name2fixturedefs.values() for d in defs)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids):
    """With --dist loadgroup, a notebook's cells must carry their group in their id, or the
    scheduler spreads them over workers (and kernels) without a word."""
    if node.config.getvalue("dist") == "loadgroup":
        lost = [i for i in ids if ".ipynb::" in i and "@" not in i]
        if lost:
            pytest.exit(f"pytest-xdist --dist loadgroup is not grouping ({lost[0]} has no @group): pytest "
                        "and pytest-xdist do not match (pytest-xdist#1386); install the pins of requirements.txt "
                        "(make venv)", returncode=4)


# --------------------------------------------------------------------------------- needs


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def html_dir() -> Path:
    if not (HTML / "index.html").is_file():
        pytest.fail(f"no built book at {HTML}: run 'make book' first")
    return HTML


@pytest.fixture(scope="session")
def pdf_tools() -> None:
    """poppler-utils, to read PDFs back (text, images, page sizes)."""
    _require_tools({"pdftotext": "poppler-utils", "pdfimages": "poppler-utils", "pdfinfo": "poppler-utils"})


@pytest.fixture(scope="session")
def pdf_path(pdf_tools) -> Path:
    if not PDF.is_file():
        pytest.fail(f"no PDF at {PDF}: run 'make pdf' first")
    return PDF


#: The other editions' course PDFs: ``_build/latex-<lang>/nerveroot-<lang>.pdf`` (``make pdf`` builds them).
EDITIONS = [p.name for p in sorted((ROOT / "src" / "nerveroot" / "strings").iterdir()) if p.is_dir() and p.name != "en"]


@pytest.fixture(scope="session", params=EDITIONS)
def edition_pdf(request, pdf_tools) -> tuple[str, Path]:
    """(language, path) of each other edition's course PDF."""
    lang = request.param
    path = ROOT / "_build" / f"latex-{lang}" / f"nerveroot-{lang}.pdf"
    if not path.is_file():
        pytest.fail(f"no PDF at {path}: run 'make pdf' first (it builds every edition)")
    return lang, path


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Debian Chromium (for Playwright and for printing pages to PDF)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install the Debian package chromium "
                    "(sudo apt-get install chromium, or make system-deps)")
    return CHROMIUM


@pytest.fixture(scope="session")
def xelatex(pdf_tools) -> str:
    """XeLaTeX, for tests that compile LaTeX (and read the PDF back with poppler-utils)."""
    _require_tools({"xelatex": "texlive-xetex"})
    return shutil.which("xelatex")


def _require_tools(tools: dict[str, str]) -> None:
    missing = {tool: pkg for tool, pkg in tools.items() if not shutil.which(tool)}
    if missing:
        pkgs = " ".join(sorted(set(missing.values())))
        pytest.fail(f"{', '.join(missing)} missing: install the Debian package(s) {pkgs} "
                    f"(sudo apt-get install {pkgs}, or make system-deps)")


# --------------------------------------------------------------------------------- the site


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


# --------------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _watch(page, base_host: str | None) -> None:
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


#: Every course script, in the order the pages load them (sphinxext.ASSET_GROUPS): the runtime
#: first, then the shared rules, then the scripts that use them.
COURSE_SCRIPTS = ("js/nr-core.js", "js/nr-rules.js", "quiz/quiz.js", "js/nr-triage.js", "js/nr-localiser.js")


@pytest.fixture(scope="module")
def js_page(browser):
    """A blank page with the course's own scripts loaded from ``assets/`` (no build, no server):
    for feeding the browser evaluators on ``window.nerveroot`` the same cases as Python."""
    context = browser.new_context()
    pg = context.new_page()
    _watch(pg, None)
    pg.set_content("<!DOCTYPE html><html lang='en'><head><title>evaluators</title></head><body></body></html>")
    for rel in COURSE_SCRIPTS:
        pg.add_script_tag(path=str(ASSETS / rel))
    yield pg
    assert pg.nr_console_errors == [], f"console errors: {pg.nr_console_errors}"
    context.close()


# --------------------------------------------------------------------------------- readiness

#: The faces (``data-nr-needs="group ..."``) whose scripts have not all run yet: a face is
#: ready when its ``data-nr-ready`` lists every group it needs (assets/js/nr-core.js).  A figure
#: that has started drawing (``data-nr-state="loading"``: the reader came near it or reached for
#: it) is pending until it is drawn; a figure still showing its picture is ready (nothing more
#: happens until the reader moves: assets/js/nr-plotly.js).
PENDING_JS = """() => {
  const words = (e, a) => (e.getAttribute(a) || '').split(/\\s+/).filter(Boolean);
  const pending = [];
  for (const face of document.querySelectorAll('[data-nr-needs]')) {
    const ready = words(face, 'data-nr-ready');
    for (const group of words(face, 'data-nr-needs'))
      if (!ready.includes(group)) pending.push(group);
  }
  for (const fig of document.querySelectorAll('figure[data-nr-state="loading"]'))
    pending.push('figure being drawn: ' + ((fig.querySelector('.nr-plotly') || {}).id || '?'));
  return pending;
}"""


def wait_ready(page, timeout: float = 20000) -> None:
    """Wait until every interactive element of the page is initialised (the one readiness
    signal of ARCHITECTURE.md), or fail naming the groups that never became ready."""
    page.wait_for_load_state("load")
    try:
        page.wait_for_function(f"({PENDING_JS})().length === 0", timeout=timeout)
    except Exception:
        pending = page.evaluate(f"({PENDING_JS})()")
        pytest.fail(f"interactive elements never became ready: {pending}. Every course script marks its "
                    "faces with window.nerveroot.init/markReady (assets/js/nr-core.js, ARCHITECTURE.md); "
                    f"console errors: {getattr(page, 'nr_console_errors', [])}")


def figure_updates(page, plot_id: str) -> int:
    """How many control changes the figure has drawn so far (its "nr:updated" events)."""
    return page.evaluate(
        """id => { const d = document.getElementById(id);
                   if (d.nrUpdates === undefined) {
                     d.nrUpdates = 0; d.addEventListener('nr:updated', () => { d.nrUpdates += 1; }); }
                   return d.nrUpdates; }""", plot_id)


def wait_figure_updates(page, plot_id: str, count: int, timeout: float = 10000) -> None:
    """Wait until the figure has drawn ``count`` control changes in all (see figure_updates)."""
    page.wait_for_function("([id, n]) => document.getElementById(id).nrUpdates >= n", arg=[plot_id, count],
                           timeout=timeout)


def open_ready(page, url: str):
    """Go to the page and wait until its interactive elements are ready."""
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status} (not built?)"
    wait_ready(page)
    return page


FIGURE_STATES = "() => [...document.querySelectorAll('figure.nr-figure')].map(f => f.dataset.nrState)"


def draw_figures(page, timeout: float = 20000) -> None:
    """Bring every figure of the page into view, as a reader scrolling through it would, and wait
    until each is drawn (``data-nr-state="drawn"``, assets/js/nr-plotly.js); fail naming the ones
    that were not."""
    figures = page.locator("figure.nr-figure")
    for i in range(figures.count()):
        fig = figures.nth(i)
        fig.evaluate("f => f.scrollIntoView({block: 'center'})")
        try:
            page.wait_for_function("f => f.dataset.nrState !== 'picture'", arg=fig.element_handle(), timeout=2000)
        except Exception:
            fig.hover(position={"x": 2, "y": 2})  # already in view, nothing scrolled: reach for it instead
        try:
            page.wait_for_function("f => f.dataset.nrState === 'drawn'", arg=fig.element_handle(), timeout=timeout)
        except Exception:
            pytest.fail(f"figure {i} was not drawn when scrolled to (states: {page.evaluate(FIGURE_STATES)}); "
                        f"console errors: {getattr(page, 'nr_console_errors', [])}")
    page.evaluate("window.scrollTo(0, 0)")


def open_drawn(page, url: str):
    """Go to the page, wait until it is ready and bring every figure into view until it is drawn."""
    open_ready(page, url)
    draw_figures(page)
    return page
