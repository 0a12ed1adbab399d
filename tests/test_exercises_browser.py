"""The exercise animations in headless Chromium: Play animates the stick figure, the position slider
(a native range input) moves it, the start/end buttons jump; no console errors, nothing off-site."""

import pytest

from conftest import open_drawn

NEAR_LEG = 6  # trace index: floor, chair, far leg, far arm, trunk, head, near leg, near arm


#: Where the animations are: the library page has the five general exercises; the management
#: chapter keeps the sciatic nerve slider and tensioner beside the evidence on them.
PAGES = {"book/exercises.html": 5, "book/management.html": 2}


def open_page(page, site_url, path):
    open_drawn(page, site_url + path)
    assert page.locator(".nr-plotly").count() >= PAGES[path]


def open_management(page, site_url):
    open_page(page, site_url, "book/management.html")


def open_library(page, site_url):
    open_page(page, site_url, "book/exercises.html")


def figure_of(page, name):
    """The figure whose aria-label starts with the exercise name."""
    return page.locator(f'figure.nr-figure:has(.nr-plotly[aria-label^="{name}"])')


def near_leg_x(page, div_id):
    return page.evaluate(f"document.getElementById('{div_id}').data[{NEAR_LEG}].x.slice()")


def test_every_exercise_is_drawn_with_a_slider_and_play(page, site_url):
    from nerveroot.clinical.exercises import load_exercises

    assert sum(PAGES.values()) == len(load_exercises())  # every exercise of the data is shown once
    for path, count in PAGES.items():
        open_page(page, site_url, path)
        figs = page.locator("figure.nr-figure:has(input[type=range])")
        assert figs.count() == count, path
        for i in range(count):
            fig = figs.nth(i)
            assert fig.locator("input[type=range]").count() == 1
            assert fig.get_by_role("button", name="▶ Play").count() == 1
        assert page.nr_console_errors == []
        assert page.nr_offsite == []


def test_slider_moves_the_figure(page, site_url):
    open_management(page, site_url)
    fig = figure_of(page, "Sciatic nerve slider")
    div_id = fig.locator(".nr-plotly").get_attribute("id")
    start = near_leg_x(page, div_id)
    slider = fig.locator("input[type=range]")
    slider.scroll_into_view_if_needed()
    slider.focus()
    page.keyboard.press("End")  # keyboard: to the end position
    page.wait_for_function(f"document.getElementById('{div_id}').data[{NEAR_LEG}].x[2] !== {start[2]}")
    end = near_leg_x(page, div_id)
    assert end != start
    assert fig.locator("output").inner_text() == "end"
    assert slider.get_attribute("aria-valuetext").endswith("end")
    page.keyboard.press("Home")
    page.wait_for_function(f"document.getElementById('{div_id}').data[{NEAR_LEG}].x[2] === {start[2]}")
    assert page.nr_console_errors == [] and page.nr_offsite == []


def test_play_animates_through_the_frames(page, site_url):
    open_library(page, site_url)
    fig = figure_of(page, "Glute bridge")
    div_id = fig.locator(".nr-plotly").get_attribute("id")
    seen = page.evaluate(
        f"""() => new Promise(resolve => {{
              const div = document.getElementById('{div_id}');
              const xs = new Set();
              div.on('plotly_animatingframe', e => xs.add(e.name));
              div.on('plotly_animated', () => resolve([...xs]));
              div.closest('figure').querySelector('button.nr-button').click();
           }})"""
    )
    from nerveroot.figures.exercises import STEPS

    # it went through every key frame, not just the ends (plotly interpolates in between)
    assert sorted(seen, key=int) == [str(i) for i in range(STEPS + 1)]
    # Play is an action, not a choice: no pressed state (the figure sets showactive false)
    assert fig.get_by_role("button", name="▶ Play").get_attribute("aria-pressed") is None
    # end and start buttons jump to the poses
    start = near_leg_x(page, div_id)
    fig.get_by_role("button", name="End position").click()
    page.wait_for_function(f"document.getElementById('{div_id}').data[{NEAR_LEG}].x[1] !== {start[1]}")
    assert page.nr_console_errors == [] and page.nr_offsite == []


@pytest.mark.parametrize("path", sorted(PAGES))
def test_phone_width_has_no_horizontal_scroll(phone_page, site_url, path):
    open_page(phone_page, site_url, path)
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    assert phone_page.nr_console_errors == []
