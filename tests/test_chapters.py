"""Every chapter in the toc has learning objectives, a self-check quiz of at least 8 questions, and citations.

The test walks _toc.yml, so chapters added later are covered without editing it. Front and back matter
(the introduction, the bibliography, the answer key, the glossary and the exercise library) are exempt.
"""

from __future__ import annotations

import re

import pytest

from tocfiles import toc_files

# exercises: a reference page (the library and the home programme); its teaching, objectives and
# quiz are in the management chapter that introduces it.
EXEMPT = {"intro", "bibliography", "answer_key", "glossary", "exercises"}
MIN_QUESTIONS = 8


def toc_chapters(root):
    return [f for f in toc_files(root)[1:] if f.split("/")[-1] not in EXEMPT]

def _chapters():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    return toc_chapters(root)


@pytest.mark.parametrize("entry", _chapters())
def test_chapter_has_objectives_quiz_and_citations(root, entry):
    path = root / (entry + ".md")
    assert path.is_file(), f"{entry} is in _toc.yml but {path} does not exist"
    text = path.read_text(encoding="utf-8")
    name = path.stem
    assert "Learning objectives" in text, f"{entry}: no 'Learning objectives'"
    assert re.search(r"\{cite:[pt]\}`[^`]+`", text), f"{entry}: no citation ({{cite:p}}`Key`)"
    assert re.search(r"Quiz\.from_chapter\(\s*[\"']" + re.escape(name) + r"[\"']\s*\)", text), (
        f"{entry}: no self-check quiz (display(Quiz.from_chapter({name!r})))"
    )
    assert "## Self-check" in text, f"{entry}: the quiz should sit under a 'Self-check' heading"

    from nerveroot.quiz.bank import chapter_bank

    bank = chapter_bank(name)
    assert len(bank.questions) >= MIN_QUESTIONS, f"{name}: {len(bank.questions)} questions, need {MIN_QUESTIONS}"


def test_the_walk_finds_this_issues_chapters(root):
    names = {e.split("/")[-1] for e in toc_chapters(root)}
    assert {"mechanisms", "symptoms", "red_flags", "prognosis"} <= names


def test_citations_in_chapters_resolve(root):
    keys = set(re.findall(r"@\w+\{([^,]+),", (root / "book" / "references.bib").read_text()))
    for entry in toc_chapters(root):
        path = root / (entry + ".md")
        if not path.is_file():
            continue
        for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", path.read_text(encoding="utf-8")):
            for key in group.split(","):
                assert key.strip() in keys, f"{entry}: unknown citation key {key.strip()!r}"
