"""Diagnostic-accuracy arithmetic: likelihood ratios and post-test probabilities.

Definitions (a test compared with a reference standard):

* ``LR+ = sensitivity / (1 - specificity)``: how many times more often a positive result occurs in
  people with the condition than in people without it.
* ``LR- = (1 - sensitivity) / specificity``: the same for a negative result.
* Bayes' theorem in odds form: ``post-test odds = pre-test odds x LR``, with
  ``odds = p / (1 - p)`` and ``p = odds / (1 + odds)``.

:func:`combine` applies several results one after the other, multiplying their likelihood
ratios.  That is only right if the tests are **conditionally independent** (given whether the
patient has the condition, one result says nothing about the next).  Clinical tests of one
nerve root are not: the SLR, the slump test and the crossed SLR all tension the same roots, so
a patient positive on one tends to be positive on the others.  Multiplying their LRs then counts
the same evidence twice, and the combined probability is too extreme (:data:`INDEPENDENCE_CAVEAT`).

Every function raises ``ValueError`` with a message saying what is wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable


def independence_caveat(lang: str | None = None) -> str:
    """Why multiplying likelihood ratios overstates what several tests of one root tell you (in ``lang``)."""
    from ..i18n import strings

    return " ".join(strings("tables", lang)["independence_caveat"].split())


#: The caveat in English (as it was before the editions; :func:`independence_caveat` gives any language).
INDEPENDENCE_CAVEAT = independence_caveat("en")


def _probability(value, name: str, *, open_interval: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise ValueError(f"{name} must be a number between 0 and 1, got {value!r}")
    if not 0 <= value <= 1:
        pct = " (did you give a percentage? use 0.30 for 30 %)" if 1 < value <= 100 else ""
        raise ValueError(f"{name} must be between 0 and 1, got {value!r}{pct}")
    if open_interval and value in (0, 1):
        raise ValueError(f"{name} must be strictly between 0 and 1, got {value!r}")
    return float(value)


def _lr(value, name: str = "likelihood ratio") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if value < 0 or math.isinf(value):
        raise ValueError(f"{name} must be zero or positive and finite, got {value!r}")
    return float(value)


def lr_positive(sensitivity: float, specificity: float) -> float:
    """LR+ = sensitivity / (1 - specificity).  A specificity of 1 makes it infinite: ``ValueError``."""
    se = _probability(sensitivity, "sensitivity")
    sp = _probability(specificity, "specificity")
    if sp == 1:
        raise ValueError(
            "specificity is 1, so LR+ = sensitivity / (1 - specificity) divides by zero (LR+ is infinite); "
            "no real study has a specificity of exactly 1 - use the estimate with its confidence interval"
        )
    return se / (1 - sp)


def lr_negative(sensitivity: float, specificity: float) -> float:
    """LR- = (1 - sensitivity) / specificity.  A specificity of 0 makes it undefined: ``ValueError``."""
    se = _probability(sensitivity, "sensitivity")
    sp = _probability(specificity, "specificity")
    if sp == 0:
        raise ValueError("specificity is 0, so LR- = (1 - sensitivity) / specificity divides by zero")
    return (1 - se) / sp


def odds(probability: float) -> float:
    p = _probability(probability, "probability")
    if p == 1:
        raise ValueError("a probability of 1 has infinite odds")
    return p / (1 - p)


def probability(odds_value: float) -> float:
    o = _lr(odds_value, "odds")
    return o / (1 + o)


def post_test_probability(pre_test: float, lr: float) -> float:
    """Probability after a result with likelihood ratio ``lr``, from the pre-test probability.

    A pre-test probability of 0 or 1 cannot be moved by any test (and is returned unchanged).
    """
    p = _probability(pre_test, "pre-test probability")
    r = _lr(lr)
    if p in (0.0, 1.0):
        return p
    post_odds = p / (1 - p) * r
    return post_odds / (1 + post_odds)


@dataclass(frozen=True)
class TestResult:
    """Everything the calculator shows for one test at one pre-test probability."""

    __test__ = False

    sensitivity: float
    specificity: float
    pre_test: float
    lr_positive: float
    lr_negative: float
    post_positive: float
    post_negative: float


def evaluate(sensitivity: float, specificity: float, pre_test: float) -> TestResult:
    """LR+, LR- and the post-test probabilities after a positive and after a negative result."""
    lp = lr_positive(sensitivity, specificity)
    ln = lr_negative(sensitivity, specificity)
    return TestResult(sensitivity=float(sensitivity), specificity=float(specificity), pre_test=float(pre_test),
                      lr_positive=lp, lr_negative=ln,
                      post_positive=post_test_probability(pre_test, lp),
                      post_negative=post_test_probability(pre_test, ln))


def post_test(pre_test: float, sensitivity: float, specificity: float, positive: bool) -> float:
    """Post-test probability after one positive (``positive=True``) or negative result."""
    lr = lr_positive(sensitivity, specificity) if positive else lr_negative(sensitivity, specificity)
    return post_test_probability(pre_test, lr)


def combine(pre_test: float, lrs: Iterable[float]) -> list[float]:
    """Apply likelihood ratios in sequence; returns the probability after each step.

    Assumes the tests are conditionally independent, which tests of the same root are not:
    see :data:`INDEPENDENCE_CAVEAT`.  The result is an optimistic (too extreme) estimate.
    """
    lrs = list(lrs)
    if not lrs:
        raise ValueError("combine() needs at least one likelihood ratio")
    p = _probability(pre_test, "pre-test probability")
    out = []
    for i, lr in enumerate(lrs, start=1):
        p = post_test_probability(p, _lr(lr, f"likelihood ratio no. {i}"))
        out.append(p)
    return out


def logit10(p: float) -> float:
    """``log10(p / (1 - p))``: the scale of a Fagan nomogram's probability axes (p strictly in 0-1)."""
    p = _probability(p, "probability", open_interval=True)
    return math.log10(p / (1 - p))
