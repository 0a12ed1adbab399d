"""The triage aid in headless Chromium: ticking boxes by mouse and keyboard gives the same level and
reasons as nerveroot.clinical.red_flags.triage(), announced in a live region; no console errors, nothing offsite."""

from nerveroot.clinical import red_flags
from nerveroot.figures.triage import TriageAid

from conftest import open_ready
from triage_requirements import REQUIREMENTS

ORDER = TriageAid().display_order

CASES = [
    [],
    ["saddle_anaesthesia"],
    ["urinary_retention"],
    ["bilateral_leg_symptoms"],
    ["bilateral_leg_symptoms", "bladder_dysfunction"],
    ["sexual_dysfunction", "bilateral_leg_symptoms"],
    ["severe_weakness"],
    ["history_of_cancer"],
    ["infection_risk"],
    ["infection_risk", "fever_unwell"],
    ["older_age"],
    ["older_age", "contusion_abrasion"],
    ["older_age", "history_of_cancer"],
    ["history_of_cancer", "cancer_neurological"],
    ["significant_trauma", "prolonged_corticosteroids", "fever_unwell"],
    ORDER,
]


def open_aid(page, site_url):
    open_ready(page, site_url + "book/red_flags.html")
    return page.locator("section.nr-triage")


def verdict(aid):
    region = aid.locator(".nr-triage-result")
    return {
        "level": region.locator(".nr-triage-level").get_attribute("data-level"),
        "label": region.locator(".nr-triage-label").inner_text(),
        "action": region.locator(".nr-triage-action").inner_text(),
        "reasons": region.locator(".nr-triage-reasons li").all_inner_texts(),
    }


def expected(ids):
    r = red_flags.triage([f for f in ORDER if f in ids])
    return {"level": r.level, "label": r.label, "action": r.action, "reasons": list(r.reasons)}


def test_mouse_ticks_give_the_python_verdict_case_by_case(page, site_url):
    aid = open_aid(page, site_url)
    assert verdict(aid) == expected([])
    for ids in CASES:
        aid.get_by_role("button", name="Clear all").click()
        for fid in ids:
            aid.locator(f'input[value="{fid}"]').click()
        assert verdict(aid) == expected(ids), ids
        sticky = aid.locator(".nr-triage-sticky")
        assert sticky.get_attribute("data-level") == expected(ids)["level"]
        assert expected(ids)["label"] in sticky.inner_text()
    assert page.nr_console_errors == []
    assert page.nr_offsite == []


def test_every_clinical_requirement_holds_in_the_browser(page, site_url):
    """The named triage requirements (tests/triage_requirements.py), ticked in the page itself."""
    aid = open_aid(page, site_url)
    for req in REQUIREMENTS:
        aid.get_by_role("button", name="Clear all").click()
        for fid in req.flags:
            aid.locator(f'input[value="{fid}"]').click()
        got = aid.locator(".nr-triage-result .nr-triage-level").get_attribute("data-level")
        assert got == req.level, f"{req.name}: the page says {got}"
    assert page.nr_console_errors == [] and page.nr_offsite == []


def test_keyboard_tab_and_space_tick_boxes_and_the_result_is_announced(page, site_url):
    aid = open_aid(page, site_url)
    region = aid.locator(".nr-triage-result")
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    first = aid.locator('input[value="saddle_anaesthesia"]')
    first.focus()
    # move to the bilateral-symptoms box with Tab only, ticking nothing on the way
    steps = ORDER.index("bilateral_leg_symptoms")
    for _ in range(steps):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "bilateral_leg_symptoms"
    page.keyboard.press("Space")
    got = verdict(aid)
    assert got == expected(["bilateral_leg_symptoms"]) and got["level"] == "emergency"
    page.keyboard.press("Shift+Tab")  # sexual_dysfunction
    page.keyboard.press("Space")
    assert verdict(aid) == expected(["bilateral_leg_symptoms", "sexual_dysfunction"])
    # Space again unticks
    page.keyboard.press("Space")
    assert verdict(aid) == expected(["bilateral_leg_symptoms"])
    # an escalation is explained in the reasons: older age with a bruise over the spine
    for fid in ("older_age", "contusion_abrasion"):
        aid.locator(f'input[value="{fid}"]').focus()
        page.keyboard.press("Space")
    got = verdict(aid)
    assert any("together with other signs of spinal fracture" in r for r in got["reasons"])
    # the Clear button works from the keyboard and returns focus to the first box
    aid.get_by_role("button", name="Clear all").focus()
    page.keyboard.press("Enter")
    assert verdict(aid) == expected([])
    assert page.evaluate("document.activeElement.value") == "saddle_anaesthesia"
    assert page.nr_console_errors == [] and page.nr_offsite == []


def test_level_is_not_shown_by_colour_alone(page, site_url):
    aid = open_aid(page, site_url)
    aid.locator('input[value="urinary_retention"]').click()
    level = aid.locator(".nr-triage-result .nr-triage-level")
    assert "Emergency" in level.inner_text()  # in words
    assert aid.locator(".nr-triage-result .nr-triage-icon").inner_text().strip() == "‼"  # and a glyph
    style = page.evaluate(
        "getComputedStyle(document.querySelector('section.nr-triage .nr-triage-result')).borderTopStyle"
    )
    assert style == "double"  # and a border style


def test_phone_width_fits_and_works(phone_page, site_url):
    aid = open_aid(phone_page, site_url)
    aid.locator('input[value="fever_unwell"]').tap()
    assert verdict(aid) == expected(["fever_unwell"])
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert phone_page.nr_console_errors == [] and phone_page.nr_offsite == []
