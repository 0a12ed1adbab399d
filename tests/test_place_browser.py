"""Click-on-the-body questions in the built book, in headless Chromium: a click (or a tap on a phone)
on the drawing marks a place and is graded by the area it falls in; the same question answered with
the keyboard alone, through the list of named areas; the right area drawn after a right answer."""

from nerveroot.quiz import chapter_bank
from nerveroot.quiz.place import label_point

from conftest import open_ready


def place_item(page, qid):
    li = page.locator(f"li.nr-place-q[data-qid='{qid}']")
    assert li.count() == 1
    li.scroll_into_view_if_needed()
    return li


def click_at(page, li, point, tap=False):
    """Click (or tap) the drawing at a point given in the drawing's figure coordinates."""
    box = page.evaluate(
        """([sel, x, y]) => { const svg = document.querySelector(sel);
             svg.scrollIntoView({block: 'center'});
             const p = new DOMPoint(x, -y).matrixTransform(svg.getScreenCTM());
             return [p.x, p.y]; }""",
        [f"li[data-qid='{li.get_attribute('data-qid')}'] svg.nr-place-svg", point[0], point[1]])
    if tap:
        page.touchscreen.tap(box[0], box[1])
    else:
        page.mouse.click(box[0], box[1])


def test_a_click_on_the_right_area_is_right_and_shows_the_area(page, site_url):
    open_ready(page, site_url + "book/diagnosis.html")
    li = place_item(page, "diagnosis-place-s1-back")
    click_at(page, li, label_point("back_medial_leg"))
    assert li.locator("input[value='back_medial_leg']").is_checked()  # the list follows the drawing
    assert "inner (medial) strip of the calf" in li.locator(".nr-place-marked").inner_text()
    li.get_by_role("button", name="Check").click()
    assert "Not quite" in li.locator(".nr-quiz-feedback").inner_text()
    click_at(page, li, label_point("back_calf"))
    li.get_by_role("button", name="Check").click()
    fb = li.locator(".nr-quiz-feedback").inner_text()
    assert "Correct" in fb and "back of the lower leg belongs to S1" in fb
    assert li.locator("svg .nr-place-answer path.nr-place-right").count() == 1  # the right area drawn
    assert page.nr_console_errors == [] and page.nr_offsite == []


def off_the_limb() -> tuple[float, float]:
    """A point inside the drawing's bounds, well away from every outline (so the test follows the drawing)."""
    from nerveroot.quiz.grading import point_in_polygon
    from nerveroot.quiz.place import drawing_data

    d = drawing_data()
    x0, x1, y0, y1 = d["bounds"]
    edges = [(a, b) for o in d["outlines"] for a, b in zip(o, o[1:] + o[:1])]

    def clearance(x, y):
        def seg(a, b):
            dx, dy = b[0] - a[0], b[1] - a[1]
            t = max(0.0, min(1.0, ((x - a[0]) * dx + (y - a[1]) * dy) / ((dx * dx + dy * dy) or 1.0)))
            return ((x - a[0] - t * dx) ** 2 + (y - a[1] - t * dy) ** 2) ** 0.5
        return min(seg(a, b) for a, b in edges)

    grid = [(x0 + (x1 - x0) * i / 40, y0 + (y1 - y0) * j / 40) for i in range(5, 36) for j in range(5, 36)]
    free = [p for p in grid if not any(point_in_polygon(list(map(tuple, o)), p) for o in d["outlines"])]
    return max(free, key=lambda p: clearance(*p))


def test_a_click_off_the_limb_is_not_an_attempt(page, site_url):
    open_ready(page, site_url + "book/diagnosis.html")
    li = place_item(page, "diagnosis-place-s1-back")
    click_at(page, li, off_the_limb())  # inside the drawing, between the views
    assert "not on the leg or foot" in li.locator(".nr-place-marked").inner_text()
    li.get_by_role("button", name="Check").click()
    assert "Choose an answer first" in li.locator(".nr-quiz-feedback").inner_text()


def test_the_same_question_by_keyboard_alone(page, site_url):
    open_ready(page, site_url + "book/cases.html")
    li = place_item(page, "cases-place-l5-foot")
    first = li.locator("input[type='radio']").first
    first.focus()
    answer = chapter_bank("cases").question("cases-place-l5-foot")
    names = li.locator("input[type='radio']").evaluate_all("els => els.map(e => e.value)")
    for _ in range(names.index("dorsum_medial_edge")):
        page.keyboard.press("ArrowDown")
    assert li.locator("input[value='dorsum_medial_edge']").is_checked()
    page.keyboard.press("Tab")  # to Check
    page.keyboard.press("Enter")
    fb = li.locator(".nr-quiz-feedback").inner_text()
    assert "Correct" in fb and "maps with L4 on the medial leg" in fb  # accepted, and says by which map
    assert "Keegan & Garrett" in fb and answer.id


def test_a_tap_on_a_phone_marks_the_key_point(phone_page, site_url):
    open_ready(phone_page, site_url + "book/anatomy.html")
    li = place_item(phone_page, "anatomy-place-s1-key-point")
    click_at(phone_page, li, label_point("lateral_heel"), tap=True)
    assert li.locator("input[value='lateral_heel']").is_checked()
    li.get_by_role("button", name="Check").tap()
    fb = li.locator(".nr-quiz-feedback").inner_text()
    assert "Correct" in fb and "weakly sourced" in fb
    width = phone_page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390
