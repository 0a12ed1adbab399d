"""Figures that cost nothing until the reader comes to them (assets/js/nr-plotly.js), in headless Chromium.

Arriving at a page loads no plotly.js and shows every figure as its picture, with its text
alternative; scrolling to a figure draws it; a keyboard user who reaches a control gets the real
figure at once, and the key takes effect; nothing on the page moves when a figure draws; without
JavaScript the picture and its text alternative are the figure; if plotly.js cannot be loaded the
picture stays and the reader is told. The theme's search box and its shortcut work on pages that
no longer load Sphinx's search scripts, and no page fetches Font Awesome.
"""

from __future__ import annotations

import re

from conftest import FIGURE_STATES, _watch, open_ready

PLOTLY = "plotly-basic.min.js"


def requests(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    return seen


def wait_state(page, fig, state: str, timeout: float = 20000) -> None:
    page.wait_for_function("([f, s]) => f.dataset.nrState === s", arg=[fig.element_handle(), state], timeout=timeout)


def visible_picture_box(fig) -> dict:
    """Size of the picture the reader sees (the one of the two widths the page shows)."""
    return fig.evaluate("""f => { const p = [...f.querySelectorAll('.nr-picture')]
                                      .find(s => getComputedStyle(s).display !== 'none');
                                 if (!p) return null; const r = p.getBoundingClientRect();
                                 return {width: r.width, height: r.height}; }""")


def test_arriving_loads_no_plotly_and_shows_each_figure_as_its_picture(page, site_url):
    seen = requests(page)
    open_ready(page, site_url + "book/anatomy.html")
    page.wait_for_load_state("networkidle")
    assert not [u for u in seen if PLOTLY in u], "plotly.js was loaded on arrival"
    assert not [u for u in seen if "/_static/figures/" in u], "a figure's spec was loaded on arrival"
    assert page.evaluate(FIGURE_STATES) == ["picture", "picture"]
    figures = page.locator("figure.nr-figure")
    for i in range(figures.count()):
        fig = figures.nth(i)
        plot = fig.locator(".nr-plotly")
        assert plot.get_attribute("role") == "img" and len(plot.get_attribute("aria-label")) > 40
        box = visible_picture_box(fig)
        reserved = int(re.search(r"min-height:(\d+)px", plot.get_attribute("style")).group(1))
        assert box and box["width"] > 600 and abs(box["height"] - reserved) < 1
        assert fig.locator(".main-svg").count() == 0
        assert fig.locator("button.nr-button").first.is_visible()  # the controls are there from the start
    assert page.nr_console_errors == [] and page.nr_offsite == []


def test_scrolling_to_a_figure_draws_it_and_plotly_is_fetched_once(page, site_url):
    seen = requests(page)
    open_ready(page, site_url + "book/exercises.html")
    figures = page.locator("figure.nr-figure")
    first, last = figures.first, figures.last
    first.scroll_into_view_if_needed()
    wait_state(page, first, "drawn")
    assert first.locator(".main-svg").count() >= 1 and first.locator(".nr-picture").count() == 0
    assert last.get_attribute("data-nr-state") == "picture", "a figure far below was drawn too"
    last.scroll_into_view_if_needed()
    wait_state(page, last, "drawn")
    assert len([u for u in seen if PLOTLY in u]) == 1
    assert page.nr_console_errors == [] and page.nr_offsite == []


def test_a_keyboard_user_reaching_a_button_gets_the_figure_at_once_and_the_key_works(page, site_url):
    open_ready(page, site_url + "book/anatomy.html")
    fig = page.locator("figure.nr-figure").filter(has=page.get_by_role("button", name="Where maps disagree"))
    plot_id = fig.locator(".nr-plotly").get_attribute("id")
    page.evaluate("id => document.getElementById(id).addEventListener('nr:updated', e => { window.nrDone = e.detail; })",
                  plot_id)
    button = fig.locator("button.nr-button").filter(has_text=re.compile(r"^L5$"))
    button.evaluate("b => b.focus({preventScroll: true})")  # focus alone, no scrolling
    assert fig.get_attribute("data-nr-state") in ("loading", "drawn"), "focusing a control did not draw the figure"
    page.keyboard.press("Enter")  # before plotly.js has arrived: it takes effect once the figure is drawn
    assert button.get_attribute("aria-pressed") == "true"
    page.wait_for_function("window.nrDone && window.nrDone.button === 'L5'", timeout=20000)
    assert fig.get_attribute("data-nr-state") == "drawn"
    faded = page.evaluate("id => document.getElementById(id).data.filter(t => (t.name || '').endsWith('dermatome'))"
                          ".map(t => [t.name, t.opacity === undefined ? 1 : t.opacity])", plot_id)
    assert faded and all((o == 1) == (n == "L5 dermatome") for n, o in faded), faded
    assert page.nr_console_errors == []


def test_a_slider_moved_by_keyboard_before_the_figure_is_drawn_moves_it(page, site_url):
    open_ready(page, site_url + "book/management.html")
    fig = page.locator('figure.nr-figure:has(.nr-plotly[aria-label^="Sciatic nerve slider"])')
    plot_id = fig.locator(".nr-plotly").get_attribute("id")
    page.evaluate("id => document.getElementById(id).addEventListener('nr:updated', e => { window.nrDone = e.detail; })",
                  plot_id)
    slider = fig.locator("input[type=range]")
    before = slider.input_value()
    slider.evaluate("s => s.focus({preventScroll: true})")
    page.keyboard.press("ArrowRight")
    assert slider.input_value() != before
    assert fig.locator("output").inner_text() != "", "the slider says where it is at once"
    page.wait_for_function("window.nrDone && window.nrDone.step === 1", timeout=20000)
    moved = page.evaluate("id => document.getElementById(id).data[6].x.slice()", plot_id)
    assert page.nr_console_errors == []
    open_ready(page, site_url + "book/management.html")  # again, drawn and left alone
    fig.scroll_into_view_if_needed()
    wait_state(page, fig, "drawn")
    first = page.evaluate("id => document.getElementById(id).data[6].x.slice()", plot_id)
    assert moved != first, "the figure still shows its first position"


LAYOUT_WATCH = """f => {
  window.nrShift = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.nrShift += e.value; })
    .observe({type: 'layout-shift'});
  const next = f.nextElementSibling || f.parentElement.nextElementSibling;
  const at = e => { const r = e.getBoundingClientRect(); return [r.top + scrollY, r.left, r.width, r.height]; };
  window.nrAt = () => ({figure: at(f), next: next ? at(next) : null});
  return window.nrAt();
}"""


def assert_nothing_moves(page, fig) -> None:
    before = fig.evaluate(LAYOUT_WATCH)
    fig.scroll_into_view_if_needed()
    wait_state(page, fig, "drawn")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    after = page.evaluate("window.nrAt()")
    assert after == before, f"the figure or what follows it moved when it was drawn: {before} -> {after}"
    assert page.evaluate("window.nrShift") == 0


def test_nothing_moves_when_a_figure_draws(page, phone_page, site_url):
    open_ready(page, site_url + "book/diagnosis.html")  # captions above the plot, buttons and a slider
    assert_nothing_moves(page, page.locator("figure.nr-figure").first)
    open_ready(page, site_url + "book/anatomy.html")
    assert_nothing_moves(page, page.locator("figure.nr-figure").nth(1))
    open_ready(phone_page, site_url + "book/exercises.html")
    assert_nothing_moves(phone_page, phone_page.locator("figure.nr-figure").first)
    assert page.nr_console_errors == [] and phone_page.nr_console_errors == []


def test_on_a_phone_the_prognosis_picture_scrolls_sideways_in_its_box_and_draws_there(phone_page, site_url):
    open_ready(phone_page, site_url + "book/prognosis.html")
    fig = phone_page.locator("figure.nr-figure").first
    box = fig.locator(".nr-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth + 100"), "the picture keeps the figure's width"
    assert visible_picture_box(fig)["width"] >= 640
    assert phone_page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert_nothing_moves(phone_page, fig)
    assert box.evaluate("b => b.scrollWidth > b.clientWidth + 100")
    assert phone_page.nr_console_errors == []


def test_without_javascript_the_picture_and_its_text_alternative_are_the_figure(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + "book/intro.html")
        fig = page.locator("figure.nr-figure").first
        plot = fig.locator(".nr-plotly")
        assert plot.get_attribute("role") == "img" and plot.get_attribute("aria-label")
        assert fig.locator("svg.nr-picture.nr-wide").is_visible()
        assert fig.locator("p.nr-caption").first.is_visible()  # the caption is text in the page
        assert not fig.locator(".nr-controls").is_visible(), "controls that cannot work are hidden"
    finally:
        context.close()


def test_if_plotly_cannot_be_loaded_the_picture_stays_and_the_reader_is_told(page, site_url):
    page.route(f"**/{PLOTLY}*", lambda route: route.abort())
    open_ready(page, site_url + "book/intro.html")
    fig = page.locator("figure.nr-figure").first
    fig.scroll_into_view_if_needed()
    wait_state(page, fig, "failed")
    note = fig.locator(".nr-load-failed")
    assert "could not be loaded" in note.inner_text() and note.get_attribute("role") == "status"
    assert visible_picture_box(fig)["height"] > 100
    assert any("plotly.js could not be loaded" in e for e in page.nr_console_errors)


def test_the_search_box_and_its_shortcut_work_where_sphinxs_search_is_not_loaded(page, site_url):
    seen = requests(page)
    open_ready(page, site_url + "book/glossary.html")
    assert not [u for u in seen if "searchindex" in u or "searchtools" in u]
    page.keyboard.press("Control+k")
    field = page.locator("#pst-search-dialog input[name=q]")
    field.wait_for(state="visible")
    assert page.evaluate("document.activeElement.name") == "q"
    field.fill("sciatica")
    field.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=sciatica"))
    page.wait_for_selector("#search-results li", timeout=15000)
    assert page.locator("#search-results li").count() >= 3
    assert page.nr_console_errors == []


def test_no_page_fetches_font_awesome_and_the_icons_still_show(page, site_url):
    seen = requests(page)
    for path in ("book/anatomy.html", "book/glossary.html"):
        open_ready(page, site_url + path)
        page.wait_for_load_state("networkidle")
        icons = page.evaluate("""() => ['.primary-toggle .fa-bars', '.theme-switch-button', '.search-button .fa-magnifying-glass',
                                        '.admonition-title'].map(sel => {
            const e = document.querySelector(sel); if (!e) return null;
            const pseudo = sel === '.admonition-title' ? '::after' : (sel === '.theme-switch-button' ? null : '::before');
            const target = sel === '.theme-switch-button' ? [...e.querySelectorAll('i')].find(i => getComputedStyle(i).display !== 'none') : e;
            const s = getComputedStyle(target, pseudo || '::before');
            return {sel, mask: s.maskImage || s.webkitMaskImage, width: parseFloat(s.width)}; })""")
        for icon in icons:
            if icon is None:
                continue
            assert icon["mask"].startswith("url(") and icon["width"] > 5, icon
    assert not [u for u in seen if "fontawesome" in u or u.endswith((".woff2", ".woff", ".ttf"))]
    assert page.nr_console_errors == []


def test_a_figure_in_view_on_arrival_is_drawn_when_the_reader_scrolls_or_points_at_it(browser, site_url):
    """Arriving draws nothing (the reader is reading, and a phone is spared 1.2 MB of script); the first
    scroll, or reaching for the figure, draws it."""
    context = browser.new_context(viewport={"width": 1280, "height": 1800})
    try:
        page = context.new_page()
        _watch(page, re.sub(r"^https?://([^:/]+).*", r"\1", site_url))
        open_ready(page, site_url + "book/prognosis.html")
        fig = page.locator("figure.nr-figure").first
        assert fig.evaluate("f => f.getBoundingClientRect().top < innerHeight"), "the figure is in view"
        page.wait_for_load_state("networkidle")
        assert fig.get_attribute("data-nr-state") == "picture"
        page.mouse.wheel(0, 40)
        wait_state(page, fig, "drawn")
        page.reload()
        open_ready(page, site_url + "book/prognosis.html")
        page.evaluate("window.scrollTo(0, 0)")
        fig.hover()
        wait_state(page, fig, "drawn")
        assert page.nr_console_errors == []
    finally:
        context.close()
