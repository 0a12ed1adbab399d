"""Logic that runs twice is tested twice: the browser evaluators on ``window.nerveroot`` against the
Python they repeat, on the same cases.  The scripts come straight from ``assets/`` into a blank page
(``js_page``), and the data they evaluate is the JSON the static faces embed, so no build is needed.

- quiz grading: quiz.js ``nerveroot.quiz.grade`` against nerveroot.quiz.grading.grade, for every
  question of every bank, with typed numbers from the specification (tests/quiz_answers.py) and
  around every answer and near miss, with every combination of options, and for the place questions
  every named area or point and a grid of points over the whole drawing (on the limb, between the
  toes, outside it) and points on the edges of every area;
- the red-flag triage: nr-triage.js ``nerveroot.triage`` against nerveroot.red_flags.triage;
- the root localiser: nr-localiser.js ``nerveroot.localize`` against nerveroot.localize.localize.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from nerveroot.clinical import red_flags
from nerveroot.quiz import Quiz, all_banks, load_bank
from nerveroot.quiz.grading import grade

from localiser_vignettes import VIGNETTES
from quiz_answers import BLANK, TYPED

DATA = Path(__file__).parent / "data" / "quiz"


def face_data(obj, css_class: str) -> dict:
    """The JSON a static face embeds for its script (what the page's evaluator reads)."""
    html = obj._repr_mimebundle_(include={"text/html"})["text/html"]
    match = re.search(rf'<script type="application/json" class="{css_class}"[^>]*>(.*?)</script>', html, re.S)
    assert match, f"no {css_class} data in the static face of {type(obj).__name__}"
    return json.loads(match.group(1))


# ------------------------------------------------------------------------------------ quiz


def typed_answers(q) -> list[str]:
    """What students might type for a numeric question: the specification's table, and numbers
    at, just inside and just outside the edges of the answer and of every near miss."""
    texts = [t for t, _ in TYPED] + BLANK
    bands = [(q.answer, q.tolerance)] + [(m.value, m.tolerance) for m in q.near_misses]
    for centre, tol in bands:
        for x in (centre, centre - tol, centre + tol, centre - tol - 0.01, centre + tol + 0.01,
                  centre - tol + 0.01, centre + tol - 0.01, round(centre), -centre):
            text = f"{x:.10g}"
            texts += [text, text.replace(".", ","), f"{text} %", f" {text}\u00a0"]
    return texts


def place_answers(q, drawing) -> list:
    """A grid over the drawing and beyond it, every candidate id, every vertex of every area and landmark
    point (boundaries are where two implementations would first differ), and a few malformed answers."""
    from nerveroot.quiz.place import answer_of

    x0, x1, y0, y1 = drawing["bounds"]
    grid = [[round(x0 - 5 + (x1 - x0 + 10) * i / 90, 2), round(y0 - 5 + (y1 - y0 + 10) * j / 70, 2)]
            for i in range(91) for j in range(71)]
    edges = [list(p) for poly in drawing["places"].values() for p in poly[::3]]
    marks = [[lx + dx, ly + dy] for lx, ly in drawing["landmarks"].values()
             for dx, dy in ((0, 0), (drawing["radius"], 0), (0, -drawing["radius"] - 0.01), (1.5, 1.5))]
    return grid + edges + marks + list(answer_of(q).candidates) + [None, "", "nowhere", [1.0]]


def choice_answers(q) -> list:
    ids = [c.id for c in q.choices]
    if q.type == "multiple":
        return [list(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n)]
    return [None, ""] + ids


def banks():
    return list(all_banks()) + [load_bank(DATA / "good.yaml")]


@pytest.mark.parametrize("bank", banks(), ids=lambda b: b.chapter)
def test_quiz_js_marks_every_answer_as_python_does(js_page, bank):
    data = face_data(Quiz(bank), "nr-quiz-data")
    by_id = {q["id"]: q for q in data["questions"]}
    cases = []
    for q in bank.questions:
        if q.type == "place":
            answers = place_answers(q, data["drawing"])
        else:
            answers = typed_answers(q) if q.type == "numeric" else choice_answers(q)
        cases += [(q, a) for a in answers]
    web = js_page.evaluate(
        "([cases, drawing]) => cases.map(([q, a]) => window.nerveroot.quiz.grade(q, a, drawing))",
        [[[by_id[q.id], a] for q, a in cases], data.get("drawing")],
    )
    mismatches = [(q.id, a, w, grade(q, a).as_dict()) for (q, a), w in zip(cases, web) if w != grade(q, a).as_dict()]
    assert not mismatches, f"{len(mismatches)} answers marked differently (id, answer, JS, Python): {mismatches[:8]}"
    assert len(cases) > 10 * len(bank.questions) or all(q.type != "numeric" for q in bank.questions)
    verdicts = {w["status"] for (q, a), w in zip(cases, web) if q.type == "place"}
    assert not any(q.type == "place" for q in bank.questions) or \
        verdicts == {"correct", "incorrect", "outside", "no_answer"}, verdicts


def test_quiz_js_reads_typed_numbers_as_the_specification_says(js_page):
    web = js_page.evaluate("texts => texts.map(t => window.nerveroot.quiz.parseNumber(t))", [t for t, _ in TYPED])
    wrong = [(t, got, want) for (t, want), got in zip(TYPED, web) if got != want]
    assert not wrong, f"typed text, JS reads, should read: {wrong}"


# ------------------------------------------------------------------------------------ triage


def triage_cases(order: list[str]) -> list[list[str]]:
    pairs = [list(c) for c in itertools.combinations(order, 2)]
    triples = [list(c) for c in itertools.combinations(order, 3)][::5]
    return [[]] + [[f] for f in order] + pairs + triples + [order]


def test_triage_js_gives_the_python_level_and_reasons(js_page):
    from nerveroot.figures.triage import TriageAid

    data = face_data(TriageAid(), "nr-triage-data")
    order = data["flag_order"]
    assert set(order) == set(red_flags.flags())
    cases = triage_cases(order)
    web = js_page.evaluate(
        "([d, cases]) => cases.map(ids => window.nerveroot.triage(d.rule, d.strings, ids))", [data, cases]
    )
    for ids, w in zip(cases, web):
        py = red_flags.triage(ids)
        assert (w["level"], w["label"], w["action"], w["reasons"]) == \
            (py.level, py.label, py.action, list(py.reasons)), ids


# ------------------------------------------------------------------------------------ localiser


def test_localiser_js_matches_python_on_vignettes_and_combinations(js_page):
    from nerveroot.clinical.localize import findings, localize
    from nerveroot.figures.localiser import RootLocaliser

    data = face_data(RootLocaliser(), "nr-localiser-data")
    ids = list(findings())
    combos = ([v[1] for v in VIGNETTES] + [[f] for f in ids] + [list(c) for c in itertools.combinations(ids, 2)]
              + [list(c) for c in itertools.combinations(ids, 3)][::7])
    web = js_page.evaluate(
        "([d, combos]) => combos.map(c => { const r = window.nerveroot.localize(d, c);"
        " return [r.status, r.root, r.verdict, r.reasons, r.ranking.map(x => x.root + ':' + x.score).join(',')]; })",
        [data, combos],
    )
    for combo, got in zip(combos, web):
        py = localize(combo)
        want = [py.status, py.root, py.verdict, list(py.reasons), ",".join(f"{r.root}:{r.score:g}" for r in py.ranking)]
        assert got == want, combo
