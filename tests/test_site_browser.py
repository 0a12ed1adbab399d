"""Every page of the built book in headless Chromium: the reader-experience checks.

The list of pages is not written down here: it is every toc entry plus every other HTML page
in the built folder (search, index, 404, ...), so the checks grow with the book.  For each page:

- it loads with zero console errors and zero requests to any other host;
- once its interactive elements are initialised (``conftest.wait_ready``: the one readiness
  signal every course script sets, ARCHITECTURE.md), axe-core reports zero
  violations, in the light and in the dark theme, at desktop and at phone width: in the light
  theme as the page arrives (figures shown as their pictures), in the dark theme and at phone
  width after every figure has been scrolled to and drawn (``conftest.draw_figures``);
- the page body never scrolls sideways at 1280 px or at 390 px;
- every figure has a text alternative;
- every interactive element of the page content is reachable with Tab and shows a visible
  focus indicator; every button (and ``<summary>``) of the article works with Enter and with
  Space, every slider with the arrow keys; after operating them all (quiz feedback shown,
  figure states changed, answer keys opened) axe-core runs again.

The other editions' pages (``_build/html/da/...``) are in the list too and get every check; the
keyboard walk runs on those of them that carry each kind of widget (``EDITION_KEYBOARD_PAGES``).

Set ``NERVEROOT_SCREENSHOTS=/some/dir`` to keep a phone-width screenshot of every page in both
themes (to look at the layout).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe

from conftest import HTML, _watch, draw_figures
from conftest import wait_ready as wait_scripts_ready
from tocfiles import toc_files

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = os.environ.get("NERVEROOT_SCREENSHOTS")

# ---------------------------------------------------------------------------------- the pages




def is_redirect(path: Path) -> bool:
    head = path.read_text(encoding="utf-8", errors="replace")[:2000].lower()
    return 'http-equiv="refresh"' in head


def site_pages() -> list[str]:
    """Every page a reader can open: the toc's, then the rest of the built folder."""
    pages = [f"{f}.html" for f in toc_files()]
    if HTML.is_dir():
        for p in sorted(HTML.rglob("*.html")):
            rel = p.relative_to(HTML).as_posix()
            # (an edition's own _static/ holds the theme's template fragments, not pages)
            if {"_static", "_sources", "_images"} & set(rel.split("/")[:2]) or is_redirect(p):
                continue
            if rel not in pages:
                pages.append(rel)
    return pages


PAGES = site_pages()


# ---------------------------------------------------------------------------------- helpers


@pytest.fixture(scope="session")
def axe():
    return Axe()


def new_page(browser, site_url, *, viewport=DESKTOP, mode="light", reduced_motion=False):
    """A new context (its own storage) in the given theme, watched for errors and other hosts."""
    context = browser.new_context(
        viewport=viewport,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
        color_scheme=mode,
        reduced_motion="reduce" if reduced_motion else "no-preference",
    )
    # pydata-sphinx-theme reads the reader's choice from localStorage "mode" before painting;
    # "auto" follows the system's light or dark setting (prefers-color-scheme), as it changes
    context.add_init_script("try { localStorage.setItem('mode', 'auto'); } catch (e) {}")
    page = context.new_page()
    _watch(page, urlparse(site_url).hostname)
    return context, page


def load(page, site_url, path) -> None:
    response = page.goto(site_url + path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status} (not built?)"
    wait_ready(page)


def use_theme(page, mode: str) -> None:
    """Switch the system theme as a reader does; the page follows it (theme mode "auto")."""
    page.emulate_media(color_scheme=mode)
    page.wait_for_function("m => document.documentElement.dataset.theme === m", arg=mode, timeout=5000)
    wait_ready(page)


def wait_ready(page) -> None:
    """Fonts loaded, the theme's colour transitions finished and every course script ready."""
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    # the theme fades colours when it applies the reader's mode: let finite animations finish,
    # or axe measures contrast half-way through a transition
    page.evaluate(
        """Promise.all(document.getAnimations()
             .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
             .map(a => a.finished.catch(() => null))).then(() => true)"""
    )
    wait_scripts_ready(page)


@pytest.fixture(scope="module", params=[pytest.param(p, id=p, marks=pytest.mark.xdist_group(f"page:{p}"))
                                        for p in PAGES])
def desktop(request, browser, site_url):
    """One page at 1280 px, loaded once for the desktop checks below, which run on it in order:
    light theme, dark theme, then the keyboard walk (which operates every control).  Each check
    sets the theme and motion it needs, so one failing leaves the next a fair start."""
    context, page = new_page(browser, site_url)
    page.nr_path = request.param
    load(page, site_url, request.param)
    yield page
    context.close()


def axe_report(results) -> str:
    lines = []
    for v in results.response["violations"]:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} nodes]")
        for node in v["nodes"][:4]:
            lines.append(f"    {node['target']} {node['html'][:160]!r}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def run_axe(axe, page) -> AxeResults:
    """Axe.run, but axe-core (570 KB) is injected once per page: the desktop checks share a page."""
    if not page.evaluate("typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(axe.axe_script)
    # target-size (WCAG 2.2, 2.5.8) is off in axe-core's defaults; Lighthouse checks it, and so does the suite
    return AxeResults(page.evaluate("axe.run({resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})"))


def assert_axe_clean(axe, page, what: str) -> None:
    # axe-core re-reads the page's stylesheets for its CSSOM rules and fetches @import'ed sheets
    # with the import's URL resolved against the page instead of the stylesheet (theme.css has
    # `@import "../basic.css"`, so axe asks for /basic.css and gets a 404).  Those requests are
    # the test tool's, not the page's: the console errors they cause are dropped, and only those.
    before = len(page.nr_console_errors)
    own = []

    def on_failed(response):
        if response.status >= 400 and response.request.resource_type in ("xhr", "fetch"):
            own.append(response.url)

    page.on("response", on_failed)
    try:
        results = run_axe(axe, page)
    finally:
        page.remove_listener("response", on_failed)
    added = page.nr_console_errors[before:]
    loads = [e for e in added if e.startswith("Failed to load resource")]
    if own and len(loads) <= len(own):
        page.nr_console_errors[before:] = [e for e in added if e not in loads]
    assert results.violations_count == 0, f"axe-core, {what}:\n{axe_report(results)}"


def assert_clean_load(page) -> None:
    assert page.nr_console_errors == [], f"console errors: {page.nr_console_errors}"
    assert page.nr_offsite == [], f"requests to other hosts: {page.nr_offsite}"


def horizontal_overflow(page) -> int:
    return page.evaluate(
        """() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)
                 - document.documentElement.clientWidth"""
    )


def wide_elements(page) -> list[str]:
    """For the failure message: elements sticking out to the right of the viewport."""
    return page.evaluate(
        """() => { const w = document.documentElement.clientWidth; const out = [];
          for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect();
            if (r.right > w + 1 && r.width > 0) out.push(e.tagName.toLowerCase() + '.' +
              [...e.classList].join('.') + ' right=' + Math.round(r.right));
            if (out.length > 8) break; }
          return out; }"""
    )


def screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name.replace('/', '_')}.png"), full_page=True)


# ---------------------------------------------------------------------- load, axe, layout, alt


def test_the_page_list_covers_the_book(html_dir):
    """The pages checked are read from the built folder: it must hold them all."""
    assert PAGES, "no pages"
    for f in toc_files():
        assert f"{f}.html" in PAGES
    assert "search.html" in PAGES and "genindex.html" in PAGES


FIGURES_WITHOUT_TEXT = """() => {
  const article = document.querySelector('article.bd-article, .bd-search-container') || document.querySelector('article') || document.body;
  const hidden = e => e.closest('[aria-hidden="true"]') !== null;
  const named = e => (e.getAttribute('aria-label') || '').trim() !== ''
    || (e.getAttribute('aria-labelledby') || '').split(/\\s+/).some(id => {
         const t = id && document.getElementById(id); return t && t.textContent.trim() !== ''; });
  const bad = [];
  for (const d of article.querySelectorAll('.nr-plotly'))
    if (!(d.getAttribute('role') === 'img' && named(d))) bad.push('.nr-plotly#' + d.id);
  for (const img of article.querySelectorAll('img'))
    if (!hidden(img) && !((img.getAttribute('alt') || '').trim() || named(img))) bad.push('img ' + img.src);
  for (const svg of article.querySelectorAll('svg, canvas')) {
    // icons inside a control are named by the control; plotly's SVG by its .nr-plotly
    if (hidden(svg) || svg.closest('.nr-plotly, button, a, summary, [role=button]')
        || svg.parentElement.closest('svg')) continue;
    const title = svg.querySelector(':scope > title');
    if (!(named(svg) || (title && title.textContent.trim()))) bad.push(svg.tagName + ' ' + svg.outerHTML.slice(0, 80));
  }
  return bad;
}"""

def test_desktop_page_is_clean_accessible_and_has_text_alternatives(desktop, axe):
    page, path = desktop, desktop.nr_path
    use_theme(page, "light")
    assert_clean_load(page)
    assert_axe_clean(axe, page, f"{path}, light theme, 1280 px")
    assert horizontal_overflow(page) <= 0, f"page scrolls sideways at 1280 px: {wide_elements(page)}"
    assert page.evaluate(FIGURES_WITHOUT_TEXT) == [], "figures without a text alternative"
    assert_clean_load(page)


def test_dark_page_is_accessible(desktop, axe):
    page, path = desktop, desktop.nr_path
    try:
        draw_figures(page)  # the figures as drawn by plotly.js (the light check saw their pictures)
        use_theme(page, "dark")
        assert_axe_clean(axe, page, f"{path}, dark theme, 1280 px")
        assert horizontal_overflow(page) <= 0, f"page scrolls sideways at 1280 px: {wide_elements(page)}"
        assert_clean_load(page)
    finally:
        use_theme(page, "light")


# The layout does not depend on the theme: dark only when screenshots are wanted.
@pytest.mark.parametrize("mode", ["light", "dark"] if SCREENSHOTS else ["light"])
@pytest.mark.parametrize("path", PAGES)
def test_phone_page_fits_and_is_accessible(browser, site_url, axe, path, mode):
    context, page = new_page(browser, site_url, viewport=PHONE, mode=mode)
    try:
        load(page, site_url, path)
        draw_figures(page)  # scrolled through: every figure drawn at phone width
        assert page.evaluate("document.documentElement.dataset.theme") == mode, "theme did not switch"
        overflow = horizontal_overflow(page)
        assert overflow <= 0, f"page body scrolls sideways by {overflow}px at 390 px: {wide_elements(page)}"
        if mode == "light":  # the rules that depend on width (target size, reflow, landmarks)
            assert_axe_clean(axe, page, f"{path}, {mode} theme, 390 px")
        screenshot(page, f"phone-{mode}-{path}")
        assert_clean_load(page)
    finally:
        page.emulate_media(reduced_motion="no-preference")


# ---------------------------------------------------------------------------------- keyboard

# Elements a keyboard user must reach, inside the page content (#main-content: the article, its
# header buttons, the page toc and the previous/next links).
MARK_TABBABLES = """() => {
  const scope = document.querySelector('#main-content') || document.querySelector('main') || document.body;
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex], [contenteditable=true]';
  const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const sig = e => { const s = getComputedStyle(e);
    return {o: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, b: s.boxShadow}; };
  let n = 0; const want = [];
  for (const e of scope.querySelectorAll(sel)) {
    if (e.disabled || e.tabIndex < 0 || e.closest('[inert]') || !visible(e)) continue;
    const closed = e.closest('details:not([open])');
    if (closed && !(e.tagName === 'SUMMARY' && e.parentElement === closed)) continue;
    e.dataset.nrKbd = String(n++);
    e.nrRest = sig(e);
    want.push({id: e.dataset.nrKbd, group: e.type === 'radio' && e.name ? 'radio:' + e.name : null,
               html: e.outerHTML.slice(0, 120)});
  }
  window.nrFocused = [];
  document.addEventListener('focusin', ev => {
    const e = ev.target; if (!e.dataset || e.dataset.nrKbd === undefined) { window.nrFocused.push(null); return; }
    const now = sig(e), rest = e.nrRest;
    const outline = !now.o.startsWith('none') && parseFloat(now.o.split(' ')[1]) >= 1 && !/rgba\\(.*, 0\\)$/.test(now.o);
    const shadow = now.b !== 'none';
    window.nrFocused.push({id: e.dataset.nrKbd, visible: (outline && now.o !== rest.o) || (shadow && now.b !== rest.b),
                           style: now});
  });
  const all = [...document.querySelectorAll(sel)].filter(e => !e.disabled && e.tabIndex >= 0 && visible(e));
  return {want, total: all.length};
}"""

# A CSS transition would let the focus style be read half-way; the reader's motion setting is
# "reduce" in this test, and this makes sure nothing animates.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"

FILL_INPUTS = """() => {
  const article = document.querySelector('article.bd-article, .bd-search-container') || document.querySelector('article') || document.body;
  const groups = {};
  for (const i of article.querySelectorAll('input[type=radio], input[type=checkbox]'))
    (groups[i.type + ':' + (i.name || i.id)] ||= []).push(i);
  for (const g of Object.values(groups))
    if (!g.some(i => i.checked)) { g[0].checked = true; g[0].dispatchEvent(new Event('change', {bubbles: true})); }
  for (const i of article.querySelectorAll('input[type=text], input[type=number], input:not([type]), textarea'))
    if (!i.value) { i.value = '1'; i.dispatchEvent(new Event('input', {bubbles: true})); }
}"""

MARK_CONTROLS = """() => {
  const article = document.querySelector('article.bd-article, .bd-search-container') || document.querySelector('article') || document.body;
  const visible = e => e.getClientRects().length > 0;
  const out = [];
  article.querySelectorAll('button, [role=button], summary, input[type=range]').forEach((e, k) => {
    if (e.disabled || !visible(e)) return;
    e.dataset.nrOp = String(k);
    out.push({id: String(k), kind: e.type === 'range' ? 'range' : 'button', html: e.outerHTML.slice(0, 120)});
  });
  if (!window.nrMutations) {
    window.nrMutations = 0;
    new MutationObserver(list => { window.nrMutations += list.length; })
      .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  }
  return out;
}"""


# Before each key: fill the inputs (so quizzes give real feedback), focus the control and
# start counting what changes; one round trip to the page.  The mutation observer reports the
# filling in a microtask: let it run before counting starts.
PREPARE_KEY = """async sel => {
  (""" + FILL_INPUTS + """)();
  await Promise.resolve();
  const e = document.querySelector(sel);
  e.focus();
  window.nrBefore = {el: e, value: e.value};
  window.nrMutations = 0;
  return {pressed: e.getAttribute('aria-pressed') === 'true', atMax: e.type === 'range' && e.value === e.max};
}"""

REACTED = """() => window.nrMutations > 0 || document.activeElement !== window.nrBefore.el
                 || window.nrBefore.el.value !== window.nrBefore.value"""


def press_and_see(page, key: str) -> bool:
    """Press the key on the prepared control; True if the page reacted (DOM, focus or value changed)."""
    page.keyboard.press(key)
    try:
        page.wait_for_function(REACTED, timeout=3000)
        return True
    except Exception:
        return False


#: Pages of the other editions that get the keyboard walk too: every kind of widget and the
#: translated chapters. The walk operates the same scripts on the same markup whatever the language,
#: so the other pages of an edition get every check but this one (to keep `make test` short).
EDITION_KEYBOARD_PAGES = {
    "book/intro.html",        # lumbar levels, quiz
    "book/anatomy.html",      # dermatome map, disc-level explorer
    "book/mechanisms.html",   # herniation types
    "book/diagnosis.html",    # SLR explainer, root localiser
    "book/accuracy.html",     # calculator
    "book/red_flags.html",    # triage aid
    "book/management.html",   # exercise animations and cards
    "book/prognosis.html",    # prognosis figure
    "book/glossary.html",
    "search.html",
}


def edition_page(path: str) -> str | None:
    """The page's path within its edition if it belongs to another edition (``da/book/x.html``)."""
    first, _, rest = path.partition("/")
    return rest if rest and (HTML / first / "_static").is_dir() else None


def test_keyboard_reaches_shows_and_operates_everything(desktop, axe):
    page, path = desktop, desktop.nr_path
    if edition_page(path) and edition_page(path) not in EDITION_KEYBOARD_PAGES:
        pytest.skip("walked in English and on the edition's pages with each kind of widget")
    page.emulate_media(reduced_motion="reduce")
    use_theme(page, "light")
    try:
        page.add_style_tag(content=NO_MOTION)
        info = page.evaluate(MARK_TABBABLES)
        # Tab through the whole page from the top (and a little further, to wrap around)
        page.evaluate("document.activeElement && document.activeElement.blur()")
        for _ in range(info["total"] + 3):
            page.keyboard.press("Tab")
        focused = [f for f in page.evaluate("window.nrFocused") if f]
        reached = {f["id"] for f in focused}
        groups_reached = {w["group"] for w in info["want"] if w["group"] and w["id"] in reached}
        unreached = [w["html"] for w in info["want"]
                     if w["id"] not in reached and not (w["group"] and w["group"] in groups_reached)]
        assert not unreached, f"not reachable with Tab: {unreached}"
        html = {w["id"]: w["html"] for w in info["want"]}
        invisible = sorted({html[f["id"]] for f in focused if not f["visible"]})
        assert not invisible, f"no visible focus indicator: {invisible}"

        # Operate every button, <summary> and slider of the article from the keyboard.  Each
        # button gets both keys, alternating which comes first; a toggle already pressed may
        # legitimately do nothing.  Inputs are filled first so quizzes give real feedback.
        controls = page.evaluate(MARK_CONTROLS)
        dead = []
        for n, control in enumerate(reversed(controls)):
            sel = f'[data-nr-op="{control["id"]}"]'
            if control["kind"] == "range":
                state = page.evaluate(PREPARE_KEY, sel)
                if not press_and_see(page, "ArrowLeft" if state["atMax"] else "ArrowRight"):
                    dead.append(("arrow key", control["html"]))
                continue
            for key in (("Enter", "Space") if n % 2 == 0 else ("Space", "Enter")):
                state = page.evaluate(PREPARE_KEY, sel)
                if state["pressed"]:
                    page.keyboard.press(key)  # an already pressed toggle may rightly do nothing
                elif not press_and_see(page, key):
                    dead.append((key, control["html"]))
        assert not dead, f"did nothing from the keyboard: {dead}"
        assert_clean_load(page)

        # axe again, over everything the interactions produced
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        wait_ready(page)
        assert_axe_clean(axe, page, f"{path} after operating every control")
        assert_clean_load(page)
    finally:
        page.emulate_media(reduced_motion="no-preference")
