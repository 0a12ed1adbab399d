"""The live (ipywidgets) face: what the buttons do, instructor mode, and the face in a real kernel."""

from pathlib import Path

import ipywidgets as W
import nbformat
from nbclient import NotebookClient

from nerveroot.display import WIDGET_MIME
from nerveroot.quiz import Quiz, load_bank
from nerveroot.quiz.live import LiveQuiz, parse_number

DATA = Path(__file__).parent / "data" / "quiz"


def live(instructor=False):
    return LiveQuiz(Quiz(load_bank(DATA / "good.yaml")), instructor=instructor)


def test_parse_number_accepts_danish_comma():
    assert parse_number("37,2") == 37.2 and parse_number(" 37.2 % ") == 37.2
    assert parse_number("\u221212") == -12 and parse_number("abc") is None and parse_number("") is None


def test_student_checks_answers():
    lq = live()
    assert len(lq.body.children) == 4 and lq.nav.layout.display == "none"
    assert lq.check(1) is None and "Choose an answer first" in lq.panels[0].feedback.value
    lq.answer(1, "B")
    assert lq.check(1) is False
    fb = lq.panels[0].feedback.value
    assert "\u2717" in fb and "Not quite" in fb and "L4 exits at L4/L5" in fb
    assert "Why" not in fb  # the explanation waits for a right answer or a second try
    lq.answer(1, "A")
    assert lq.check(1) is True
    fb = lq.panels[0].feedback.value
    assert "\u2713" in fb and "Correct" in fb and "Traversing root = L5" in fb and "Poulsen" in fb
    lq.answer(2, ["A"])
    assert lq.check(2) is False and "1 of 2 right answers chosen, 0 wrong" in lq.panels[1].feedback.value
    lq.answer(2, ["A", "B"])
    assert lq.check(2) is True
    lq.answer(3, "false")
    assert lq.check(3) is True
    lq.answer(4, "36")
    assert lq.check(4) is False and "That is the sensitivity" in lq.panels[3].feedback.value
    lq.answer(4, "37,5")
    assert lq.check(4) is True
    # first attempts count: 1 and 2 were wrong first, 3 right, 4 wrong first
    assert "Score: 1 of 4 right at the first attempt (4 of 4 answered)" in lq.score.value
    lq.reset_button.click()
    assert "0 of 4" in lq.score.value and lq.panels[0].input.value is None and lq.panels[0].feedback.value == ""


def test_second_wrong_try_shows_the_answer():
    lq = live()
    lq.answer(3, "true")
    lq.check(3)
    lq.check(3)
    assert "The answer is False." in lq.panels[2].feedback.value and "Why" in lq.panels[2].feedback.value


def test_buttons_are_wired():
    lq = live()
    lq.answer(1, "A")
    lq.panels[0].check_button.click()
    assert "Correct" in lq.panels[0].feedback.value


def test_instructor_mode_steps_and_reveals():
    lq = live(instructor=True)
    assert lq.nav.layout.display is None
    assert lq.body.children == (lq.panels[0].box,)
    assert lq.prev_button.disabled and not lq.next_button.disabled
    assert lq.panels[0].reveal_button in lq.panels[0].buttons.children
    lq.next_button.click()
    assert lq.body.children == (lq.panels[1].box,) and lq.position.value == "Question 2 of 4"
    lq.panels[1].reveal_button.click()
    assert "Right answer: A. L4; B. L5" in lq.panels[1].feedback.value
    lq.go(99)
    assert lq.current == 4 and lq.next_button.disabled
    # switching instructor mode off shows every question again
    lq.mode.value = False
    assert len(lq.body.children) == 4 and lq.panels[0].reveal_button not in lq.panels[0].buttons.children


def test_live_widget_type():
    widget = Quiz.from_chapter("intro").live(instructor=True)
    assert isinstance(widget, W.VBox)


def test_live_face_in_a_kernel(tmp_path):
    """Execute a tiny notebook in a real kernel, as a reader in JupyterLab would."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import os\nos.environ.pop('NERVEROOT_BOOK_BUILD', None)\n"
        "from nerveroot.quiz import Quiz\n"
        "q = Quiz.from_chapter('intro')\n"
        "display(q)\n"
        "from nerveroot.quiz.live import LiveQuiz\n"
        "lq = LiveQuiz(q, instructor=True)\n"
        "lq.answer(1, 'B'); print('check', lq.check(1)); lq.go(2); print(lq.position.value)"
    )]
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = nb.cells[0].outputs
    bundles = [o for o in outputs if o.output_type == "display_data"]
    assert bundles and WIDGET_MIME in bundles[0].data and "text/html" in bundles[0].data
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "check True" in text and "Question 2 of 11" in text
    assert "widgets" in nb.metadata  # widget state was saved: the live face really is a widget
