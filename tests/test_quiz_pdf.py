"""The quizzes in the PDF: numbered questions as searchable text at the end of the chapter,
and the answer key with explanations and resolved citations in the appendix."""

import re
import subprocess

import pytest

from nerveroot.quiz import AnswerKey, Quiz


@pytest.fixture(scope="module")
def text(pdf_path):
    return subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_intro_quiz_is_printed_as_numbered_text(text):
    quiz = Quiz.from_chapter("intro")
    start = text.index("Self-check: Course overview.")
    section = text[start:start + 20000]
    for n, q in enumerate(quiz.questions, start=1):
        first_words = " ".join(re.sub(r"[*_`]", "", q.prompt).split()[:4])
        assert re.search(rf"\b{n}\.\s+{re.escape(first_words)}", section), (n, first_words)
    assert "\u2610 B. L5" in section


def test_answer_key_is_in_the_appendix(text):
    key_start = text.index("Course overview: answers and explanations")
    assert key_start > text.index("Self-check: Course overview.")
    key = text[key_start:]
    for key_obj in AnswerKey.all():
        assert f"{key_obj.bank.title}: answers and explanations" in text
    assert re.search(r"1\.\s+Answer: B\. L5\.", key)
    assert "Sources: [Poulsen, n.d.]" in " ".join(key.split())  # a resolved citation, not a raw key
    assert "{cite" not in text and "Poulsen_sundhed_rodaffektion" not in text
