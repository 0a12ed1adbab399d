"""How quiz answers are marked (nerveroot.quiz.grading): the rules students meet, in Python.
The same table goes through quiz.js in tests/test_browser_parity.py."""

from pathlib import Path

import pytest

from nerveroot.quiz import load_bank
from nerveroot.quiz.bank import NearMiss, Question
from nerveroot.quiz.grading import grade, parse_number

from quiz_answers import BLANK, TYPED

DATA = Path(__file__).parent / "data" / "quiz"


@pytest.mark.parametrize("typed, value", TYPED, ids=[repr(t) for t, _ in TYPED])
def test_what_a_student_types_means_what_they_expect(typed, value):
    assert parse_number(typed) == value


def numeric(answer=37.2, tolerance=1.0, near=()):
    return Question(id="q", type="numeric", prompt="", objective="", difficulty="easy", explanation="",
                    cite=(), chapter="c", answer=answer, tolerance=tolerance,
                    near_misses=tuple(NearMiss(v, t, f"near {v}") for v, t in near))


@pytest.mark.parametrize("typed", BLANK)
def test_a_blank_box_is_no_answer_not_a_wrong_one(typed):
    v = grade(numeric(), typed)
    assert v.status == "no_answer" and not v.answered


def test_text_that_is_no_number_is_not_marked_wrong():
    v = grade(numeric(), "1e3")
    assert v.status == "not_a_number" and not v.answered


def test_tolerance_includes_both_ends_as_the_answer_key_prints_them():
    q = numeric(37.2, 1.0)
    assert [grade(q, t).status for t in ("36.2", "38,2", "36.19", "38.21", "37")] == \
        ["correct", "correct", "incorrect", "incorrect", "correct"]
    exact = numeric(25, 0)
    assert grade(exact, "25,0").ok and not grade(exact, "25.001").ok


def test_the_first_near_miss_that_fits_gives_its_feedback():
    q = numeric(37.2, 1.0, near=[(36, 0.5), (74, 2), (75, 2)])
    assert grade(q, "36").near == 0 and grade(q, "75").near == 1 and grade(q, "77").near == 2
    assert grade(q, "50").near is None and grade(q, "37").near is None


def test_choice_answers_are_right_only_when_exactly_the_right_options():
    bank = load_bank(DATA / "good.yaml")
    single, multiple, truefalse = (next(q for q in bank.questions if q.type == t)
                                   for t in ("single", "multiple", "truefalse"))
    assert grade(single, single.correct_ids[0]).ok and not grade(single, "D").ok
    right = list(multiple.correct_ids)
    assert grade(multiple, right).ok and grade(multiple, list(reversed(right))).ok
    partly = grade(multiple, right[:1])
    assert (partly.status, partly.right, partly.wrong, partly.total) == ("incorrect", 1, 0, len(right))
    wrong = next(o.id for o in multiple.options if not o.correct)
    assert grade(multiple, right + [wrong]).as_dict()["wrong"] == 1
    assert grade(truefalse, "true" if truefalse.answer_bool else "false").ok
    for nothing in (None, "", []):
        assert grade(single, nothing).status == "no_answer"
