"""How a quiz answer is marked: the one specification that Python and the browser follow.

The same rules run twice: here (the live Jupyter quiz, :mod:`.live`) and in
``assets/quiz/quiz.js`` (``window.nerveroot.quiz.grade``, the web quiz).
``tests/test_quiz_grading.py`` feeds the same answers to both and requires the same
verdicts, so any change here needs the same change there.  Instructors find these rules
in ``book/quizzes/README.md`` ("How answers are marked").

**A numeric answer** is what a student types in the box:

* spaces before and after are ignored (spaces, tabs, line breaks and the no-break spaces
  ``U+00A0`` and ``U+202F`` that some keyboards put before ``%``); an empty or blank box is
  *no answer* (nothing is marked and no attempt is counted);
* an optional sign: ``+``, ``-`` or the minus sign ``\u2212`` that phones and word processors
  type;
* ASCII digits with at most one decimal separator, which may be a point or a comma
  (``37.5`` and ``37,5`` are the same; also ``.5``, ``,5`` and ``5.``);
* optionally one per cent sign at the end, with or without a space (``12 %``): the box shows
  the unit, so the number is read as typed (``12 %`` is 12, not 0.12);
* nothing else: no thousands separators (``1 000``, ``1.000,5``, ``1,000.5``), no
  exponents (``1e3``), no words (``inf``, ``nan``, ``ca. 25``), no underscores (``1_000``),
  no fractions or ranges.  Such text is *not a number*, and the student is told to type
  digits; no attempt is counted.  With one separator only, a comma is always a decimal
  comma, so ``1,000`` is 1.0: the hint beside every box says so.

A number is **right** when ``|value - answer| <= tolerance`` (both ends included, as the
answer key prints them: "accepted: 36.2 to 38.2"), with 1e-9 of slack for
floating-point rounding.  When it is wrong, the first *near miss* of the bank (in bank
order) whose own ``value ± tolerance`` contains it gives its specific feedback.

**A choice answer** (single, multiple, true/false) is the set of option ids ticked: right
when it is exactly the set of right options; nothing ticked is *no answer*.  A wrong
multiple-choice answer reports how many right options were chosen and how many wrong.

**A place answer** (a ``place`` question: choose a place on the body) is either a point that
the student marked on the drawing, ``[x, y]`` in the drawing's figure coordinates (y up), or the id
of a place or landmark chosen from the list of named areas (the keyboard and screen-reader way to
answer; :mod:`.place` has the data).  A point is read like this:

* outside every outline of the drawing (the even-odd rule of :func:`point_in_polygon`, no
  tolerance): *outside*, the student is asked to mark the leg or foot; no attempt is counted;
* an area question: the first place (in the data's order) whose polygon contains the point is the
  one chosen; on skin that no place covers, nothing is chosen and the answer is wrong;
* a key-point question: the nearest landmark within the click radius (``drawing["radius"]``,
  inclusive; the first in data order on a tie) is the one chosen; further away, nothing is.

A chosen id is right when the question accepts it; ``maps`` then lists the map styles that make it
right (fewer than all when the styles disagree about that skin).  Nothing marked or chosen is *no
answer*; an id that is not a candidate of the question is *no answer* too.

Both faces show the right answer and the explanation after a second wrong check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .bank import Question

#: Floating-point slack added to every tolerance (both implementations).
EPSILON = 1e-9

#: What counts as a space around a number (the same set in quiz.js; Python's and JavaScript's
#: own notions of whitespace differ).
SPACES = " \t\n\r\f\v\u00a0\u202f"

_NUMBER = re.compile(r"[+\-\u2212]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")


def parse_number(text: str | None) -> float | None:
    """The number a student typed, or None if it is not one (see the module's rules)."""
    t = (text or "").strip(SPACES)
    if t.endswith("%"):
        t = t[:-1].rstrip(SPACES)
    if not _NUMBER.fullmatch(t):
        return None
    return float(t.replace("\u2212", "-").replace(",", "."))


def within(value: float, target: float, tolerance: float) -> bool:
    return abs(value - target) <= tolerance + EPSILON


@dataclass(frozen=True)
class Verdict:
    """What one press of Check decides.

    ``status``: ``"correct"``, ``"incorrect"``, ``"no_answer"`` or ``"not_a_number"``.
    Numeric: ``value`` as read and ``near`` (index of the near miss whose feedback applies).
    Choice: ``right`` and ``wrong`` options chosen, out of ``total`` right options.
    """

    status: str
    value: float | None = None
    near: int | None = None
    right: int = 0
    wrong: int = 0
    total: int = 0
    place: str | None = None  # place question: the place or landmark chosen (None: none)
    maps: tuple[str, ...] = ()  # place question: the map styles that make the choice right

    @property
    def answered(self) -> bool:
        """False when nothing was marked (no answer, or not a number): no attempt counts."""
        return self.status in ("correct", "incorrect")  # not no_answer, not_a_number, outside

    @property
    def ok(self) -> bool:
        return self.status == "correct"

    def as_dict(self) -> dict:
        return {"status": self.status, "value": self.value, "near": self.near,
                "right": self.right, "wrong": self.wrong, "total": self.total,
                "place": self.place, "maps": list(self.maps)}


def point_in_polygon(poly: list, pt) -> bool:
    """Even-odd rule, no tolerance: the same arithmetic, step for step, as quiz.js ``pointInPolygon``."""
    x, y = pt[0], pt[1]
    inside = False
    j = len(poly) - 1
    for i in range(len(poly)):
        xi, yi = poly[i][0], poly[i][1]
        xj, yj = poly[j][0], poly[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def grade_place(q: dict, drawing: dict, answer) -> Verdict:
    """Mark a place answer: ``q`` is :func:`nerveroot.quiz.place.question_data`, ``drawing`` the
    :func:`~nerveroot.quiz.place.drawing_data`; ``answer`` a point ``[x, y]`` or a candidate id."""
    if answer is None or answer == "" or (isinstance(answer, (list, tuple)) and len(answer) != 2):
        return Verdict("no_answer")
    if isinstance(answer, str):
        if answer not in q["candidates"]:
            return Verdict("no_answer")
        chosen: str | None = answer
    else:
        pt = (float(answer[0]), float(answer[1]))
        if not any(point_in_polygon(o, pt) for o in drawing["outlines"]):
            return Verdict("outside")
        chosen = None
        if q["kind"] == "area":
            chosen = next((c for c in q["candidates"] if point_in_polygon(drawing["places"][c], pt)), None)
        else:
            best = None
            for c in q["candidates"]:
                lx, ly = drawing["landmarks"][c]
                d = ((pt[0] - lx) ** 2 + (pt[1] - ly) ** 2) ** 0.5
                if d <= drawing["radius"] and (best is None or d < best[0]):
                    best = (d, c)
            chosen = best[1] if best else None
    if chosen is not None and chosen in q["accepted"]:
        return Verdict("correct", place=chosen, maps=tuple(q["accepted"][chosen]))
    return Verdict("incorrect", place=chosen)


def grade(q: Question, answer: str | Iterable[str] | None) -> Verdict:
    """Mark one answer: the typed text of a numeric question, the chosen option id(s)
    (``"A"``, ``["A", "C"]``, ``"true"``) of a choice question, or a point ``[x, y]`` or place id of a
    place question."""
    if q.type == "place":
        from .place import drawing_data, question_data

        return grade_place(question_data(q), drawing_data(), answer)
    if q.type == "numeric":
        text = answer if isinstance(answer, str) else ""
        if not text.strip(SPACES):
            return Verdict("no_answer")
        value = parse_number(text)
        if value is None:
            return Verdict("not_a_number")
        if within(value, q.answer, q.tolerance or 0):
            return Verdict("correct", value=value)
        near = next((k for k, m in enumerate(q.near_misses) if within(value, m.value, m.tolerance)), None)
        return Verdict("incorrect", value=value, near=near)
    if answer is None or answer == "":
        chosen: set[str] = set()
    elif isinstance(answer, str):
        chosen = {answer}
    else:
        chosen = set(answer)
    if not chosen:
        return Verdict("no_answer")
    right = set(q.correct_ids)
    status = "correct" if chosen == right else "incorrect"
    return Verdict(status, right=len(chosen & right), wrong=len(chosen - right), total=len(right))


__all__ = ["EPSILON", "Verdict", "grade", "grade_place", "parse_number", "point_in_polygon", "within"]
