"""The quiz's web and print faces: deterministic, accessible markup, and text (not a picture) for the PDF."""

import json
import re
from pathlib import Path

from nerveroot.display import BUILD_ENV, MARKDOWN_MIME, WIDGET_MIME
from nerveroot.quiz import AnswerKey, Quiz, load_bank

DATA = Path(__file__).parent / "data" / "quiz"


def test_bundle_has_text_faces_and_no_png(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "html")
    assert set(Quiz.from_chapter("intro")._repr_mimebundle_()) == {"text/plain", "text/html"}
    monkeypatch.setenv(BUILD_ENV, "latex")
    assert set(Quiz.from_chapter("intro")._repr_mimebundle_()) == {"text/plain", MARKDOWN_MIME}
    monkeypatch.delenv(BUILD_ENV)
    # in Jupyter (and under nbval): every face, the printed text included (it is cheap)
    assert set(Quiz.from_chapter("intro")._repr_mimebundle_()) == {"text/plain", "text/html", MARKDOWN_MIME,
                                                                   WIDGET_MIME}


def test_static_face_is_deterministic():
    a = Quiz.from_chapter("intro").static_html()
    b = Quiz.from_chapter("intro").static_html()
    assert a == b
    shuffled = Quiz.from_chapter("intro", shuffle=True, seed=3)
    assert shuffled.static_html() == Quiz.from_chapter("intro", shuffle=True, seed=3).static_html()
    assert [q.id for q in shuffled.questions] != [q.id for q in Quiz.from_chapter("intro").questions]


def test_static_face_markup_is_accessible():
    quiz = Quiz(load_bank(DATA / "good.yaml"))
    html = quiz.wrap_html(quiz.static_html())
    assert 'data-nr-needs="quiz"' in html
    assert html.count("<fieldset") == 4 and html.count("<legend>") == 4
    assert html.count('type="radio"') == 2 + 2 and html.count('type="checkbox"') == 3
    assert 'inputmode="decimal"' in html
    # every input has a label
    for ident in re.findall(r'<input[^>]* id="([^"]+)"', html):
        assert f'for="{ident}"' in html
    assert html.count('aria-live="polite"') == 4 + 1  # one per question, one for the score
    assert "<script type=\"application/json\" class=\"nr-quiz-data\">" in html
    assert not re.search(r"<script(?![^>]*application/json)", html), "no executable inline script"
    assert " on" not in re.sub(r"<script.*?</script>", "", html).replace(" one", "")  # no onclick=...
    data = json.loads(re.search(r'class="nr-quiz-data">(.*?)</script>', html).group(1))
    assert data["strings"]["correct"] and data["questions"][0]["correct"] == ["A"]
    # raw HTML in a bank is shown as text, never injected
    assert "{e}" in html


def test_print_face_is_numbered_text():
    md = Quiz.from_chapter("intro").print_markdown()
    assert md.startswith("**Self-check: Course overview.**")
    numbers = [int(n) for n in re.findall(r"^(\d+)\. ", md, flags=re.M)]
    assert numbers == list(range(1, len(Quiz.from_chapter("intro").questions) + 1))
    assert "\u2610 B. L5" in md


def test_answer_key_faces():
    key = AnswerKey.from_chapter("intro")
    html = key.static_html()
    assert html.startswith('<details class="nr-answer-key"') and "<summary>" in html
    md = key.print_markdown()
    assert "{cite:p}`Poulsen_sundhed_rodaffektion`" in md
    assert "**Answer: B. L5.**" in md
    assert "Poulsen" in AnswerKey.from_chapter("intro", cite_role=False).print_markdown()
    assert [k.bank.chapter for k in AnswerKey.all()][0] == "intro"
