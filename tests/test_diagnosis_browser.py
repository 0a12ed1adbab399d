"""The diagnosis page in headless Chromium: the localiser form agrees with Python vignette by vignette,
the SLR slider and the pre-test probability change what the page shows, no errors, nothing off-host.
(Many more combinations go through the localiser's evaluator in tests/test_browser_parity.py.)"""

from nerveroot.clinical.localize import localize

from conftest import open_drawn
from localiser_vignettes import VIGNETTES


def open_page(page, site_url):
    """The diagnosis chapter: the SLR explainer (drawn) and the root localiser."""
    open_drawn(page, site_url + "book/diagnosis.html")


def open_accuracy(page, site_url):
    """The diagnostic-accuracy chapter, with the calculator (drawn)."""
    open_drawn(page, site_url + "book/accuracy.html")


def tick_only(page, ticked):
    form = page.locator("section.nr-localiser")
    reset = form.locator(".nr-loc-reset")
    reset.scroll_into_view_if_needed()
    reset.click()
    for fid in ticked:
        box = form.locator(f'input[data-finding="{fid}"]')
        box.scroll_into_view_if_needed()
        box.check()
    result = form.locator(".nr-loc-result")
    return {
        "status": result.get_attribute("data-status"),
        "root": result.get_attribute("data-root") or None,
        "scores": result.get_attribute("data-scores"),
        "verdict": form.locator(".nr-loc-verdict").inner_text(),
        "reasons": form.locator(".nr-loc-reasons li").all_inner_texts(),
    }


def test_localiser_form_agrees_with_python(page, site_url):
    open_page(page, site_url)
    for name, ticked, status, root in VIGNETTES:
        py = localize(ticked)
        web = tick_only(page, ticked)
        assert web["status"] == py.status == status, name
        assert web["root"] == py.root == root, name
        assert web["scores"] == ",".join(f"{r.root}:{r.score:g}" for r in py.ranking), name
        assert web["verdict"] == py.verdict, name
        assert web["reasons"] == list(py.reasons), name
    assert page.nr_console_errors == []
    assert page.nr_offsite == []


def test_slr_slider_changes_the_page(page, site_url):
    open_page(page, site_url)
    fig = page.locator("figure.nr-figure").filter(has=page.locator("input[type=range]")).first
    slider = fig.locator("input[type=range]")
    slider.scroll_into_view_if_needed()
    text = fig.locator(".nr-caption-above")
    before_text = text.inner_text()
    before_leg = page.evaluate("(el) => JSON.stringify(el.querySelector('.nr-plotly').data.map(t => t.y))",
                               fig.element_handle())
    slider.fill("17")  # 85°
    page.wait_for_function("(el) => el.querySelector('output').textContent === '85°'", arg=fig.element_handle())
    page.wait_for_function("([el, t]) => el.querySelector('.nr-caption-above').innerText !== t",
                           arg=[fig.element_handle(), before_text])
    assert "no confirmed source" in text.inner_text()
    after_leg = page.evaluate("(el) => JSON.stringify(el.querySelector('.nr-plotly').data.map(t => t.y))",
                              fig.element_handle())
    assert after_leg != before_leg
    # keyboard: one step down
    slider.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("(el) => el.querySelector('output').textContent === '80°'", arg=fig.element_handle())
    dorsi = fig.get_by_role("button", name="Add ankle dorsiflexion (Bragard)")
    dorsi.scroll_into_view_if_needed()
    dorsi.click()
    page.wait_for_function("(el) => el.querySelector('.nr-caption-above').innerText.includes('mean of 9')",
                           arg=fig.element_handle())
    assert dorsi.get_attribute("aria-pressed") == "true"
    assert page.nr_console_errors == []
    assert page.nr_offsite == []


def test_pre_test_probability_changes_the_calculator(page, site_url):
    open_accuracy(page, site_url)
    fig = page.locator("figure.nr-figure").filter(has=page.get_by_role("button", name="SLR - broad cohort, MRI reference"))
    slider = fig.locator("input[type=range]")
    slider.scroll_into_view_if_needed()

    def shown():
        return page.evaluate("(el) => el.querySelector('.nr-plotly').data"
                             ".filter(t => t.visible !== false && t.mode === 'text' && t.text[0].includes('LR+'))"
                             ".map(t => t.text[0]).join('|')", fig.element_handle())

    assert "30 % → <b>37 %</b>" in shown()
    slider.fill("3")  # 10 %
    page.wait_for_function("(el) => el.querySelector('output').textContent === '10 %'", arg=fig.element_handle())
    assert "10 % → <b>13 %</b>" in shown()
    crossed = fig.get_by_role("button", name="Crossed SLR - surgical case series (pooled)")
    crossed.scroll_into_view_if_needed()
    crossed.click()
    page.wait_for_function("(el) => el.querySelector('p.nr-caption').textContent.includes('Devillé')",
                           arg=fig.element_handle())
    assert "Crossed SLR" in shown() and "10 % → <b>21 %</b>" in shown()
    assert page.nr_console_errors == []
    assert page.nr_offsite == []


def test_phone_width_has_no_errors(phone_page, site_url):
    open_page(phone_page, site_url)
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert phone_page.nr_console_errors == []
