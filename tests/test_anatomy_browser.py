"""The anatomy chapter in headless Chromium: both figures draw, the L5 button highlights the L5
dermatome and shows its muscles, the explorer answers, nothing errors and nothing leaves the host."""

import re

from conftest import figure_updates, open_drawn, wait_figure_updates

TRACES = """(sel) => {
  const div = document.querySelector(sel);
  return div.data.map(t => ({name: t.name || '', opacity: t.opacity === undefined ? 1 : t.opacity,
                             visible: t.visible === undefined ? true : t.visible,
                             mode: t.mode || '', text: Array.isArray(t.text) ? t.text.join(' ') : (t.text || '')}));
}"""


def open_anatomy(page, site_url):
    open_drawn(page, site_url + "book/anatomy.html")
    assert page.locator(".nr-plotly").count() >= 2


def dermatome_figure(page):
    fig = page.locator("figure.nr-figure").filter(has=page.get_by_role("button", name="Where maps disagree"))
    assert fig.count() == 1
    return fig


def test_l5_button_highlights_l5_and_shows_its_muscles(page, site_url):
    open_anatomy(page, site_url)
    fig = dermatome_figure(page)
    plot_id = fig.locator(".nr-plotly").get_attribute("id")
    # by text, not accessible name: a pressed button's name gains the CSS tick ("✓ L5")
    button = fig.locator("button.nr-button").filter(has_text=re.compile(r"^L5$"))
    assert button.evaluate("b => b.classList.contains('nr-button')")
    button.click()
    page.wait_for_function(
        "id => document.getElementById(id).data.some(t => t.name === 'L4 dermatome' && t.opacity < 1)", arg=plot_id)
    assert button.get_attribute("aria-pressed") == "true"
    traces = page.evaluate(TRACES, f"#{plot_id}")
    areas = [t for t in traces if t["name"].endswith("dermatome")]
    assert any(t["name"] == "L5 dermatome" for t in areas)
    for t in areas:
        assert (t["opacity"] == 1) == (t["name"] == "L5 dermatome"), t
    caption = fig.locator("p.nr-caption").inner_text()
    assert "L5 dermatome" in caption
    assert "hip abduction" in caption and "great-toe extension" in caption and "medial hamstring" in caption
    assert page.nr_console_errors == []
    assert page.nr_offsite == []


def test_map_buttons_show_where_maps_disagree(page, site_url):
    open_anatomy(page, site_url)
    fig = dermatome_figure(page)
    plot_id = fig.locator(".nr-plotly").get_attribute("id")
    fig.get_by_role("button", name="Where maps disagree").click()
    page.wait_for_function(
        "id => document.getElementById(id).data.some(t => t.name === 'Maps disagree' && t.visible === true)",
        arg=plot_id)
    assert "Grey hatching" in fig.locator("p.nr-caption").inner_text()
    # the root highlight survives a map change: the two groups compose
    done = figure_updates(page, plot_id)
    fig.get_by_role("button", name="L4", exact=True).click()
    fig.get_by_role("button", name="Map B: Keegan & Garrett").click()
    wait_figure_updates(page, plot_id, done + 2)
    traces = page.evaluate(TRACES, f"#{plot_id}")
    l4 = [t for t in traces if t["name"] == "L4 dermatome" and t["visible"] is True]
    assert len(l4) >= 4 and all(t["opacity"] == 1 for t in l4)
    assert page.nr_console_errors == []


def test_disc_explorer_answers(page, site_url):
    open_anatomy(page, site_url)
    fig = page.locator("figure.nr-figure").filter(has=page.get_by_role("button", name="Far lateral"))
    plot_id = fig.locator(".nr-plotly").get_attribute("id")
    done = figure_updates(page, plot_id)
    fig.get_by_role("button", name="L5/S1").click()
    fig.get_by_role("button", name="Foraminal").click()
    wait_figure_updates(page, plot_id, done + 2)
    shown = [t["text"] for t in page.evaluate(TRACES, f"#{plot_id}")
             if t["mode"] == "text" and t["visible"] is True and t["opacity"] == 1 and "→" in t["text"]]
    assert len(shown) == 1 and "L5/S1 foraminal" in shown[0] and "<b>L5</b>" in shown[0]
    assert "exiting root" in fig.locator("p.nr-caption").inner_text()
    assert page.nr_console_errors == []
    assert page.nr_offsite == []
