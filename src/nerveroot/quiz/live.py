"""The live face of a quiz: ipywidgets in a running kernel.

Students see every question with a Check button.  *Instructor mode* (a toggle at
the top, or ``quiz.live(instructor=True)``) shows one question at a time, large,
with Previous / Next and Reveal answer, for working through a quiz with a class.
:meth:`LiveQuiz.forward` and :meth:`LiveQuiz.back` step through it as a clicker does
(question, its answer, the next question); the projector mode (:mod:`nerveroot.present`)
binds them to the arrow keys and the space bar.

The logic lives in :class:`LiveQuiz` methods (:meth:`~LiveQuiz.answer`,
:meth:`~LiveQuiz.check`, :meth:`~LiveQuiz.reveal`, :meth:`~LiveQuiz.go`) that the
buttons call, so tests drive exactly what a click does.
"""

from __future__ import annotations

import html

import ipywidgets as W

from .. import citations
from ..i18n import strings
from .bank import Question
from .core import answer_text, fmt_number
from .grading import grade, parse_number
from .text import to_html, to_plain


def _verdict(ok: bool, s: dict) -> str:
    # text and a symbol, never colour alone
    return (f'<strong class="nr-live-ok">\u2713 {html.escape(s["correct"])}</strong>' if ok
            else f'<strong class="nr-live-no">\u2717 {html.escape(s["incorrect"])}</strong>')


class _Panel:
    """One question's widgets."""

    def __init__(self, lq: "LiveQuiz", n: int, q: Question, opts):
        self.q, self.n, self.opts = q, n, opts
        s = lq.s
        total = len(lq.quiz.items)
        head = W.HTML(f"<h4>{html.escape(s['question_n'].format(n=n, total=total))}</h4>{to_html(q.prompt)}")
        self.picture = None
        if q.type == "place":
            # the drawing, and the choice between its named areas (a kernel widget cannot take a click on
            # a picture; the list is the same answer the web page's list gives)
            from .place import answer_of, names, standalone_svg

            ps = strings("place_quiz", lq.quiz.lang)
            nm = names(lq.quiz.lang)
            self.picture = W.HTML(standalone_svg(q, lang=lq.quiz.lang))
            self.input = W.RadioButtons(options=[(nm[c], c) for c in answer_of(q).candidates], value=None,
                                        description=ps["live_choose"], layout=W.Layout(width="auto"))
            self.input.observe(lambda ch: self.draw(), names="value")
            control = W.VBox([self.picture, self.input])
        elif q.type == "numeric":
            self.input = W.Text(placeholder=s["numeric_label"], description=s["numeric_label"],
                                layout=W.Layout(width="16em"), style={"description_width": "initial"})
            control = W.HBox([self.input, W.Label(q.unit)]) if q.unit else self.input
        elif q.type == "multiple":
            self.boxes = [W.Checkbox(value=False, description=f"{o.id}. {to_plain(o.text)}", indent=False,
                                     layout=W.Layout(width="auto")) for o in opts]
            control = W.VBox(self.boxes)
        else:
            if q.type == "truefalse":
                labels = [(s["label_true"], "true"), (s["label_false"], "false")]
            else:
                labels = [(f"{o.id}. {to_plain(o.text)}", o.id) for o in opts]
            self.input = W.RadioButtons(options=labels, value=None, layout=W.Layout(width="auto"))
            control = self.input
        hint = (strings("place_quiz", lq.quiz.lang)["hint_" + ("area" if q.target == "area" else "point")]
                if q.type == "place" else
                s[{'single': 'select_one', 'multiple': 'select_all', 'truefalse': 'truefalse_hint',
                   'numeric': 'numeric_hint'}[q.type]])
        self.hint = W.HTML(f"<em>{html.escape(hint)}</em>")
        self.check_button = W.Button(description=s["check"], button_style="primary", icon="check")
        self.reveal_button = W.Button(description=s["reveal"], icon="eye")
        self.feedback = W.HTML("")
        self.check_button.on_click(lambda _b: lq.check(n))
        self.reveal_button.on_click(lambda _b: lq.toggle_reveal(n))
        self.check_button.add_class("nr-live-check")
        self.reveal_button.add_class("nr-live-reveal")
        self.buttons = W.HBox([self.check_button])
        self.box = W.VBox([head, self.hint, control, self.buttons, self.feedback],
                          layout=W.Layout(border="1px solid #9aa8b6", padding="0.5em 1em", margin="0.5em 0"))
        self.box.add_class("nr-live-question")
        self.feedback.add_class("nr-live-feedback")

    def draw(self, answer: bool = False) -> None:
        """Redraw a place question's picture: the chosen place outlined, and the right answer if asked."""
        if self.picture is not None:
            from .place import standalone_svg

            self.picture.value = standalone_svg(self.q, chosen=self.input.value, answer=answer)

    def value(self):
        if self.q.type == "multiple":
            return [o.id for o, b in zip(self.opts, self.boxes) if b.value]
        return self.input.value

    def clear(self):
        if self.q.type == "multiple":
            for b in self.boxes:
                b.value = False
        elif self.q.type == "numeric":
            self.input.value = ""
        else:
            self.input.value = None
        self.feedback.value = ""
        self.draw()


class LiveQuiz:
    """The widget tree of one quiz and the actions of its buttons."""

    def __init__(self, quiz, instructor: bool = False):
        self.quiz = quiz
        self.s = quiz.s
        s = self.s
        self.panels = [_Panel(self, n, q, opts) for n, (q, opts) in enumerate(quiz.items, start=1)]
        self.first: dict[int, bool] = {}  # question number -> right at first check
        self.attempts: dict[int, int] = {}
        self.revealed: set[int] = set()  # questions whose answer the instructor has revealed
        self.current = 1
        self.title = W.HTML(f"<h3>{html.escape(s['quiz_title'].format(title=quiz.bank.title))}</h3>")
        self.mode = W.ToggleButton(value=instructor, description=s["instructor_mode"], icon="users",
                                   tooltip=s["instructor_help"])
        self.prev_button = W.Button(description=s["previous"], icon="arrow-left")
        self.next_button = W.Button(description=s["next"], icon="arrow-right")
        self.position = W.Label("")
        self.prev_button.on_click(lambda _b: self.go(self.current - 1))
        self.next_button.on_click(lambda _b: self.go(self.current + 1))
        self.nav = W.HBox([self.prev_button, self.position, self.next_button])
        self.score = W.HTML("")
        for widget, name in ((self.prev_button, "prev"), (self.next_button, "next"), (self.position, "position"),
                             (self.score, "score"), (self.mode, "mode")):
            widget.add_class(f"nr-live-{name}")  # for the projector's keyboard script and for tests
        self.reset_button = W.Button(description=s["try_again"], icon="refresh", tooltip=s["try_again_hint"])
        self.reset_button.on_click(lambda _b: self.reset())
        self.body = W.VBox([])
        self.widget = W.VBox([W.HBox([self.title, self.mode]), self.nav, self.body,
                              W.HBox([self.score, self.reset_button])])
        self.widget.add_class("nr-live-quiz")
        self.mode.observe(lambda change: self._layout(), names="value")
        self._layout()
        self._score()

    # -- state -----------------------------------------------------------
    @property
    def instructor(self) -> bool:
        return bool(self.mode.value)

    def _layout(self):
        if self.instructor:
            self.nav.layout.display = None
            for p in self.panels:
                p.buttons.children = (p.check_button, p.reveal_button)
            self.go(self.current)
        else:
            self.nav.layout.display = "none"
            for p in self.panels:
                p.buttons.children = (p.check_button,)
            self.body.children = tuple(p.box for p in self.panels)

    def go(self, n: int) -> None:
        """Instructor mode: show question ``n`` (clamped to the quiz)."""
        self.current = max(1, min(len(self.panels), n))
        self.position.value = self.s["question_n"].format(n=self.current, total=len(self.panels))
        self.prev_button.disabled = self.current == 1
        self.next_button.disabled = self.current == len(self.panels)
        if self.instructor:
            self.body.children = (self.panels[self.current - 1].box,)

    def answer(self, n: int, value) -> None:
        """Set the answer of question ``n`` as a student would (option id(s), "true"/"false", or text)."""
        p = self.panels[n - 1]
        if p.q.type == "multiple":
            chosen = set(value)
            for o, b in zip(p.opts, p.boxes):
                b.value = o.id in chosen
        elif p.q.type == "numeric":
            p.input.value = str(value)
        else:
            p.input.value = value

    def check(self, n: int) -> bool | None:
        """What the Check button does; returns True/False, or None if nothing was answered."""
        p = self.panels[n - 1]
        q, s = p.q, self.s
        v = grade(q, p.value())  # the marking rules: nerveroot.quiz.grading (the same in quiz.js)
        if not v.answered:
            p.feedback.value = html.escape(s["not_a_number"] if v.status == "not_a_number" else s["no_answer"])
            return None
        ok = v.ok
        parts: list[str] = []
        if q.type == "place":
            from .place import disputed_note, names

            ps = strings("place_quiz", self.quiz.lang)
            parts.append(_verdict(ok, s))
            parts.append(f"<p>{html.escape(ps['you_marked'].format(place=names(self.quiz.lang)[v.place]))}</p>")
            parts.append(to_html(q.feedback_correct if ok else q.feedback_incorrect))
            note = disputed_note(v.place, self.quiz.lang)
            if note:
                parts.append(f"<p><em>{html.escape(note)}</em></p>")
        elif q.type == "numeric":
            parts.append(_verdict(ok, s))
            if ok:
                parts.append(to_html(q.feedback_correct))
            else:
                parts.append(to_html(q.near_misses[v.near].feedback if v.near is not None else q.feedback_incorrect))
        else:
            if q.type == "multiple" and not ok:
                parts.append('<strong class="nr-live-no">\u2717 ' + html.escape(s["partly"].format(
                    right=v.right, total=v.total, wrong=v.wrong)) + "</strong>")
            else:
                parts.append(_verdict(ok, s))
            chosen = p.value()
            chosen = set(chosen) if isinstance(chosen, list) else {chosen}
            for c in q.choices:
                if c.id in chosen:
                    parts.append(to_html(c.feedback))
        self.attempts[n] = self.attempts.get(n, 0) + 1
        if not ok and self.attempts[n] >= 2:  # after two tries, show the answer rather than frustrate
            parts.append(f"<p>{html.escape(s['answer_was'].format(answer=answer_text(q, s, self.quiz.lang)))}</p>")
        if ok or self.attempts[n] >= 2:
            parts += self._place_extra(q)
            p.draw(answer=True)
            parts.append(f"<p><strong>{html.escape(s['explanation'])}:</strong></p>{to_html(q.explanation)}"
                         f"<p><em>{html.escape(s['sources'])}: {html.escape(citations.labels(q.cite))}</em></p>")
        p.feedback.value = "".join(parts)
        self.first.setdefault(n, ok)
        self._score()
        return ok

    def reveal(self, n: int) -> None:
        """Instructor mode: show the right answer, the explanation and the sources."""
        p = self.panels[n - 1]
        q, s = p.q, self.s
        p.feedback.value = (
            f"<p><strong>{html.escape(s['correct_answer'].format(answer=answer_text(q, s, self.quiz.lang)))}</strong></p>"
            + "".join(self._place_extra(q)) +
            f"{to_html(q.explanation)}<p><em>{html.escape(s['sources'])}: {html.escape(citations.labels(q.cite))}</em></p>"
        )
        p.draw(answer=True)
        self.revealed.add(n)
        p.reveal_button.description = s["hide"]
        p.box.add_class("nr-live-revealed")

    def _place_extra(self, q: Question) -> list[str]:
        """A place question's answer: the disputed note and the weak-source caveat (HTML paragraphs)."""
        if q.type != "place":
            return []
        from .place import caveat

        out = [to_html(q.feedback_disputed)] if q.feedback_disputed else []
        if caveat(q, self.quiz.lang):
            out.append(f"<p><em>{html.escape(caveat(q, self.quiz.lang))}</em></p>")
        return out

    def hide(self, n: int) -> None:
        """Instructor mode: take a revealed answer off the screen again."""
        p = self.panels[n - 1]
        if n in self.revealed:
            p.feedback.value = ""
            p.draw()
        self.revealed.discard(n)
        p.reveal_button.description = self.s["reveal"]
        p.box.remove_class("nr-live-revealed")

    def toggle_reveal(self, n: int) -> None:
        """What the Reveal answer / Hide answer button does."""
        (self.hide if n in self.revealed else self.reveal)(n)

    def forward(self) -> None:
        """One step on, as a clicker's "next": reveal this question's answer, then go to the next question."""
        if not self.instructor:
            return
        if self.current not in self.revealed:
            self.reveal(self.current)
        elif self.current < len(self.panels):
            self.go(self.current + 1)

    def back(self) -> None:
        """One step back: hide this question's answer, or go to the previous question."""
        if not self.instructor:
            return
        if self.current in self.revealed:
            self.hide(self.current)
        elif self.current > 1:
            self.go(self.current - 1)

    @property
    def at_end(self) -> bool:
        """The last question is shown with its answer: :meth:`forward` has nothing more to show."""
        return self.current == len(self.panels) and self.current in self.revealed

    def reset(self) -> None:
        for n, p in enumerate(self.panels, start=1):
            self.hide(n)
            p.clear()
        self.first.clear()
        self.attempts.clear()
        self.go(1)
        self._score()

    def _score(self) -> None:
        total = len(self.panels)
        score = sum(1 for v in self.first.values() if v)
        self.score.value = html.escape(self.s["score"].format(score=score, total=total, answered=len(self.first)))


__all__ = ["LiveQuiz", "parse_number", "fmt_number"]
