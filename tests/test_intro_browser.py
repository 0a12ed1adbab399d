"""The intro page in headless Chromium: the figure is drawn, its buttons work by mouse
and keyboard, nothing is requested from another host and nothing logs an error."""

from conftest import open_drawn


def open_intro(page, site_url):
    open_drawn(page, site_url + "book/intro.html")


def root_widths(page):
    return page.evaluate(
        """() => { const d = document.querySelector('.nr-plotly');
                 return Object.fromEntries(d.data.map(t => [t.name, t.line.width])); }"""
    )


def test_figure_is_drawn_and_buttons_change_it(page, site_url):
    open_intro(page, site_url)
    assert page.locator(".nr-plotly .main-svg").count() >= 1
    # four root traces drawn
    assert page.evaluate("document.querySelector('.nr-plotly').data.length") == 4
    assert page.locator(".nr-plotly path.js-line").count() >= 4
    before = root_widths(page)
    caption = page.locator("p.nr-caption")
    assert "Each root leaves the canal" in caption.inner_text()

    l5 = page.get_by_role("button", name="L5")
    l5.scroll_into_view_if_needed()
    l5.click()
    page.wait_for_function("document.querySelector('p.nr-caption').textContent.startsWith('L5')")
    after = root_widths(page)
    assert after["L5 root"] > before["L5 root"] and after["L4 root"] < before["L4 root"]
    assert "paracentral L4/L5 herniation usually compresses L5" in caption.inner_text()
    assert l5.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="All roots").get_attribute("aria-pressed") == "false"
    # the L4/L5 disc is highlighted as the disc L5 crosses
    fill = page.evaluate(
        "document.querySelector('.nr-plotly').layout.shapes.find(s => s.name === 'disc L4/L5').fillcolor"
    )
    assert fill.lower() == "#0072b2"
    assert page.nr_console_errors == []
    assert page.nr_offsite == []


def test_buttons_work_from_the_keyboard(page, site_url):
    open_intro(page, site_url)
    s1 = page.get_by_role("button", name="S1")
    s1.focus()
    assert page.evaluate("document.activeElement.textContent") == "S1"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('p.nr-caption').textContent.startsWith('S1')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('p.nr-caption').textContent.startsWith('L5')")
    assert page.nr_console_errors == []


def test_phone_width_has_no_horizontal_scroll(phone_page, site_url):
    open_intro(phone_page, site_url)
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert phone_page.nr_console_errors == [] and phone_page.nr_offsite == []
