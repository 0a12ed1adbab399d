"""nerveroot.clinical.accuracy against hand-computed values, and its error messages."""

import math

import pytest

from nerveroot.clinical import accuracy as acc


def test_likelihood_ratios_by_hand():
    # SLR in the MRI cohort: 0.36 / 0.26 and 0.64 / 0.74
    assert acc.lr_positive(0.36, 0.74) == pytest.approx(0.36 / 0.26)
    assert acc.lr_negative(0.36, 0.74) == pytest.approx(0.64 / 0.74)
    # surgical series: 0.91 / 0.74 = 1.2297..., 0.09 / 0.26 = 0.3462...
    assert acc.lr_positive(0.91, 0.26) == pytest.approx(1.2297, abs=1e-4)
    assert acc.lr_negative(0.91, 0.26) == pytest.approx(0.3462, abs=1e-4)


def test_post_test_probability_matches_the_quiz_answers():
    # diagnosis quiz: 30 % pre-test, Se 0.36, Sp 0.74, positive -> 0.108 / 0.290 = 37.2 %
    assert acc.post_test(0.30, 0.36, 0.74, positive=True) == pytest.approx(0.108 / 0.290)
    # 60 % pre-test, Se 0.91, Sp 0.26, negative -> 0.054 / 0.158 = 34.2 %
    assert acc.post_test(0.60, 0.91, 0.26, positive=False) == pytest.approx(0.054 / 0.158)


def test_odds_form_by_hand():
    # pre-test 20 % = odds 0.25; LR 8 -> odds 2 -> 2/3
    assert acc.post_test_probability(0.2, 8) == pytest.approx(2 / 3)
    assert acc.odds(0.2) == pytest.approx(0.25)
    assert acc.probability(2) == pytest.approx(2 / 3)
    assert acc.post_test_probability(0.4, 1) == pytest.approx(0.4)  # LR 1 changes nothing


def test_certainty_is_not_moved():
    assert acc.post_test_probability(0.0, 10) == 0.0
    assert acc.post_test_probability(1.0, 0.1) == 1.0
    assert acc.post_test_probability(0.5, 0) == 0.0


def test_evaluate_bundles_everything():
    r = acc.evaluate(0.29, 0.88, 0.3)
    assert r.lr_positive == pytest.approx(0.29 / 0.12)
    assert r.post_positive == pytest.approx(acc.post_test_probability(0.3, 0.29 / 0.12))
    assert r.post_negative < 0.3 < r.post_positive


def test_combine_multiplies_lrs_in_sequence():
    steps = acc.combine(0.3, [2, 3])
    # odds 3/7 * 2 = 6/7 -> 6/13; * 3 = 18/7 -> 18/25
    assert steps == pytest.approx([6 / 13, 18 / 25])
    assert "independent" in acc.INDEPENDENCE_CAVEAT and "optimistic" in acc.INDEPENDENCE_CAVEAT
    assert "independent" in acc.combine.__doc__


def test_logit10():
    assert acc.logit10(0.5) == 0
    assert acc.logit10(0.9) == pytest.approx(math.log10(9))


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: acc.lr_positive(0.9, 1.0), "specificity is 1"),
        (lambda: acc.lr_negative(0.9, 0.0), "specificity is 0"),
        (lambda: acc.lr_positive(1.2, 0.5), "sensitivity must be between 0 and 1"),
        (lambda: acc.lr_positive(0.5, -0.1), "specificity must be between 0 and 1"),
        (lambda: acc.post_test_probability(30, 2), "use 0.30 for 30 %"),
        (lambda: acc.post_test_probability(0.3, -1), "zero or positive"),
        (lambda: acc.post_test_probability(0.3, float("inf")), "finite"),
        (lambda: acc.post_test_probability("0.3", 2), "must be a number"),
        (lambda: acc.post_test_probability(float("nan"), 2), "must be a number"),
        (lambda: acc.combine(0.3, []), "at least one"),
        (lambda: acc.combine(0.3, [2, -1]), "likelihood ratio no. 2"),
        (lambda: acc.odds(1.0), "infinite odds"),
        (lambda: acc.logit10(0), "strictly between 0 and 1"),
    ],
)
def test_bad_input_says_what_is_wrong(call, message):
    with pytest.raises(ValueError, match=message.replace(".", r"\.")):
        call()
