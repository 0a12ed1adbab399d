"""The intro page's self-check quiz in headless Chromium, taken by keyboard and by mouse:
feedback in words and symbols, the score, "Try again"; no console errors, nothing off-host."""

import re

import pytest

from conftest import open_ready


def open_quiz(page, site_url):
    open_ready(page, site_url + "book/intro.html")
    return page.locator("section.nr-quiz")


def question(quiz, n):
    return quiz.locator("li.nr-quiz-q").nth(n - 1)


def test_quiz_by_mouse(page, site_url):
    quiz = open_quiz(page, site_url)
    q1 = question(quiz, 1)
    assert q1.get_by_role("group").count() == 1  # a fieldset...
    assert "Question 1 of 11" in q1.locator("legend").text_content()  # ...with a legend
    # wrong, by clicking the label text
    q1.get_by_text("L4", exact=True).click()
    q1.get_by_role("button", name="Check").click()
    fb = q1.locator(".nr-quiz-feedback")
    assert fb.get_attribute("aria-live") == "polite"
    assert "\u2717 Not quite." in fb.inner_text()
    assert "exiting" in fb.inner_text()
    assert "Score: 0 of 11 right at the first attempt (1 of 11 answered)." == quiz.locator(".nr-quiz-score").inner_text()
    # right
    q1.get_by_label("L5").check()
    q1.get_by_role("button", name="Check").click()
    assert "\u2713 Correct." in fb.inner_text() and "Why:" in fb.inner_text() and "Sources: Poulsen" in fb.inner_text()
    assert "nr-quiz-is-ok" in q1.get_attribute("class")
    # multiple answers, partly right
    q5 = question(quiz, 5)
    q5.get_by_label("L4").check()
    q5.get_by_role("button", name="Check").click()
    assert "Not quite: 1 of 2 right answers chosen, 0 wrong." in q5.locator(".nr-quiz-feedback").inner_text()
    # numeric with a Danish decimal comma
    q7 = question(quiz, 7)
    q7.get_by_label("Your answer").fill("25,0")
    q7.get_by_role("button", name="Check").click()
    assert "\u2713 Correct." in q7.locator(".nr-quiz-feedback").inner_text()
    assert "Score: 1 of 11 right at the first attempt (3 of 11 answered)." == quiz.locator(".nr-quiz-score").inner_text()
    # try again clears everything
    quiz.get_by_role("button", name="Try again").click()
    assert quiz.locator("input:checked").count() == 0 and q7.get_by_label("Your answer").input_value() == ""
    assert quiz.locator(".nr-quiz-score").inner_text() == ""
    assert q1.locator(".nr-quiz-feedback").inner_text() == ""
    assert page.nr_console_errors == [] and page.nr_offsite == []


def test_quiz_by_keyboard(page, site_url):
    quiz = open_quiz(page, site_url)
    q2 = question(quiz, 2)
    # reach the first radio button of question 2 from the one before it, by keyboard only
    q1_check = question(quiz, 1).get_by_role("button", name="Check")
    q1_check.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused.endswith("-q2-A"), focused
    page.keyboard.press("ArrowDown")  # moves to (and selects) B: wrong
    assert page.evaluate("document.activeElement.checked") is True
    page.keyboard.press("Tab")  # to the Check button
    assert page.evaluate("document.activeElement.textContent") == "Check"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    fb = q2.locator(".nr-quiz-feedback")
    assert "\u2717 Not quite." in fb.inner_text()
    # back to the radios, choose A (right) with the arrow keys, check with Space
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert "\u2713 Correct." in fb.inner_text()
    # a number typed and checked with Enter
    q7 = question(quiz, 7)
    q7.get_by_label("Your answer").focus()
    page.keyboard.type("90")
    page.keyboard.press("Enter")
    text = q7.locator(".nr-quiz-feedback").inner_text()
    assert "\u2717 Not quite." in text and "share of sciatica caused by a disc herniation" in text
    assert re.match(r"Score: 0 of 11 right at the first attempt \(2 of 11 answered\)\.",
                    quiz.locator(".nr-quiz-score").inner_text())
    assert page.nr_console_errors == [] and page.nr_offsite == []


def test_quiz_assets_load_only_where_needed(page, site_url):
    page.goto(site_url + "book/bibliography.html")
    assert page.locator("script[src*='quiz/quiz.js']").count() == 0
    page.goto(site_url + "book/answer_key.html")
    details = page.locator("details.nr-answer-key")
    assert details.count() >= 1 and not details.first.evaluate("d => d.open")
    details.first.locator("summary").click()
    assert "Answer: B. L5" in details.first.inner_text()
    assert page.nr_console_errors == [] and page.nr_offsite == []


def _quiz_pages():
    from nerveroot.quiz.bank import book_quiz_chapters

    return book_quiz_chapters()


@pytest.mark.parametrize("chapter", _quiz_pages())
def test_every_quiz_can_be_taken_by_keyboard(page, site_url, chapter):
    """Every question of every chapter's quiz: answer with the keyboard, check with Enter, get feedback."""
    from nerveroot.quiz import Quiz

    open_ready(page, site_url + f"book/{chapter}.html")
    quiz = page.locator("section.nr-quiz").filter(has=page.locator(f"li[data-qid^='{Quiz.from_chapter(chapter).questions[0].id}']"))
    items = quiz.locator("li.nr-quiz-q")
    expected = Quiz.from_chapter(chapter).questions
    assert items.count() == len(expected)
    for i, q in enumerate(expected):
        li = items.nth(i)
        first = li.locator("input").first
        first.focus()
        if q.type == "numeric":
            page.keyboard.type(str(q.answer).replace(".", ","))  # a Danish decimal comma
        else:
            page.keyboard.press("Space")
        # Tab to the Check button: past the other checkboxes (radio groups are one tab stop)
        for _ in range(12):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('nr-quiz-check')"):
                break
        assert page.evaluate("document.activeElement.classList.contains('nr-quiz-check')"), q.id
        page.keyboard.press("Enter")
        text = li.locator(".nr-quiz-feedback").inner_text()
        assert text.startswith(("\u2713 Correct.", "\u2717 Not quite")), (q.id, text[:80])
        if q.type == "numeric":
            assert text.startswith("\u2713 Correct."), q.id
    score = quiz.locator(".nr-quiz-score").inner_text()
    assert score.startswith("Finished: ") and f"of {len(expected)} right" in score
    assert page.nr_console_errors == [] and page.nr_offsite == []
