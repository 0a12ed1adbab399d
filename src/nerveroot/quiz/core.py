"""The quiz as a three-face object, and its answer key.

``display(Quiz.from_chapter("intro"))`` carries:

* ``text/html`` - the static face: every question as native form controls in
  fieldsets, rendered here (deterministic: ids derive from the content), and the
  answers/feedback as ``<script type="application/json">`` that
  ``assets/quiz/quiz.js`` reads.  No kernel, no network, no inline script.
* ``text/markdown`` - the print face (:class:`~nerveroot.display.MarkdownPrint`): a
  picture of text prints badly and cannot be searched, so the PDF gets real,
  numbered text.
* the ipywidgets live face in a running kernel (see :mod:`nerveroot.quiz.live`).
"""

from __future__ import annotations

import html
import random
from typing import Any, ClassVar

from .. import citations
from ..display import WIDGET_MIME, MarkdownPrint, json_for_script, stable_id
from ..i18n import strings
from .bank import Bank, Question, book_banks, chapter_bank
from .text import is_single_paragraph, to_html, to_inline_html

BOX = "\u2610"  # ballot box, for ticking on paper


def fmt_number(value: float, s: dict | None = None) -> str:
    """12.0 -> "12", 0.25 -> "0.25" (with the quiz strings ``s``: their decimal mark, "0,25" in Danish)."""
    text = f"{value:g}"
    return text.replace(".", s.get("decimal_mark", ".")) if s else text


def answer_text(q: Question, s: dict, lang: str | None = None) -> str:
    """The right answer as plain-ish Markdown (for keys and reveal buttons)."""
    if q.type == "place":
        from .place import answer_names

        return answer_names(q, lang)
    if q.type == "truefalse":
        return s["label_true"] if q.answer_bool else s["label_false"]
    if q.type == "numeric":
        unit = f" {q.unit}" if q.unit else ""
        tol = s["tolerance"].format(low=fmt_number(q.answer - q.tolerance, s),
                                    high=fmt_number(q.answer + q.tolerance, s))
        return f"{fmt_number(q.answer, s)}{unit} ({tol})" if q.tolerance else f"{fmt_number(q.answer, s)}{unit}"
    return "; ".join(f"{o.id}. {o.text}" for o in q.options if o.correct)


def place_print_lines(q: Question, n: int, drawn: dict[str, int], lang: str | None) -> list[str]:
    """A place question on paper: the numbered drawing (once per kind of question; later questions refer
    to it), "Which number?" and a blank."""
    import base64

    from .place import answer_of, numbered_png

    ps = strings("place_quiz", lang)
    kind = answer_of(q).kind
    out = []
    if kind not in drawn:
        drawn[kind] = n
        uri = "data:image/png;base64," + base64.b64encode(numbered_png(kind, lang=lang)).decode("ascii")
        count = len(answer_of(q).candidates)
        out += [f"![{ps['alt_' + kind].format(n=count)}]({uri})", ""]
    else:
        out += [f"*{ps['print_see_drawing'].format(n=drawn[kind])}*", ""]
    out.append(f"*{ps['print_which_number']}* " + ps["print_answer_blank"].replace("_", r"\_"))
    return out


def ordered(bank: Bank, shuffle: bool, seed: int) -> list[tuple[Question, list]]:
    """Questions with their options in display order; seeded, so always the same for one seed."""
    rng = random.Random(f"{seed}:{bank.chapter}")
    items = []
    for q in bank.questions:
        opts = list(q.options)
        if shuffle and q.type in ("single", "multiple"):
            rng.shuffle(opts)
        items.append((q, opts))
    if shuffle:
        rng.shuffle(items)
    return items


class Quiz(MarkdownPrint):
    """A chapter's self-check quiz (printed as numbered text)."""

    needs: ClassVar[tuple[str, ...]] = ("quiz",)

    def __init__(self, bank: Bank, *, shuffle: bool = False, seed: int = 0, lang: str | None = None):
        self.bank = bank
        self.shuffle = shuffle
        self.seed = seed
        self.lang = lang
        self.s = strings("quiz", lang)
        self.items = ordered(bank, shuffle, seed)

    @classmethod
    def from_chapter(cls, chapter: str, **kwargs) -> "Quiz":
        """The quiz of ``book/quizzes/<chapter>.yaml`` (validated; raises BankError if broken), in
        ``lang`` (default: the current language, :func:`nerveroot.i18n.current_lang`)."""
        return cls(chapter_bank(chapter, kwargs.get("lang")), **kwargs)

    @property
    def questions(self) -> list[Question]:
        return [q for q, _ in self.items]

    # -- text face ---------------------------------------------------------
    def summary(self) -> str:
        counts: dict[str, int] = {}
        for q in self.questions:
            counts[q.type] = counts.get(q.type, 0) + 1
        types = ", ".join(f"{n} {self.s['type_' + t]}" for t, n in counts.items())
        return self.s["summary"].format(title=self.bank.title, n=len(self.questions), types=types)

    # -- static face -------------------------------------------------------
    @property
    def dom_id(self) -> str:
        payload = [self.bank.chapter, self.shuffle, self.seed, [q.id for q in self.questions]]
        return stable_id("nr-quiz", payload)

    def static_html(self) -> str:
        s = self.s
        qz = self.dom_id
        total = len(self.items)
        parts = [
            f'<section class="nr-quiz" id="{qz}" aria-labelledby="{qz}-title">',
            f'<p class="nr-quiz-title" id="{qz}-title">{html.escape(s["quiz_title"].format(title=self.bank.title))}</p>',
            f'<p class="nr-quiz-intro">{html.escape(s["intro"].format(n=total))}</p>',
            '<ol class="nr-quiz-list">',
        ]
        data_questions = []
        has_place = any(q.type == "place" for q in self.questions)
        if has_place:  # the drawing once per quiz; every place question's picture <use>s it
            from .place import svg_symbol

            parts.insert(3, f'<svg class="nr-place-defs" aria-hidden="true" focusable="false" width="0" height="0">'
                            f'{svg_symbol(f"{qz}-limb", self.lang)}</svg>')
        for n, (q, opts) in enumerate(self.items, start=1):
            base = f"{qz}-q{n}"
            parts.append(self._question_html(q, opts, n, total, base))
            data_questions.append(self._question_data(q, base))
        parts.append("</ol>")
        parts.append(
            f'<div class="nr-quiz-footer">'
            f'<p class="nr-quiz-score" role="status" aria-live="polite" id="{qz}-score"></p>'
            f'<button type="button" class="nr-quiz-reset" aria-describedby="{qz}-reset-hint">{html.escape(s["try_again"])}</button>'
            f'<span class="nr-visually-hidden" id="{qz}-reset-hint">{html.escape(s["try_again_hint"])}</span>'
            f"</div>"
        )
        js_strings = {k: s[k] for k in ("check", "correct", "incorrect", "partly", "no_answer", "not_a_number",
                                         "answer_was", "explanation", "sources", "score", "score_done",
                                         "your_choice", "you_missed")}
        data = {"chapter": self.bank.chapter, "strings": js_strings, "questions": data_questions}
        if has_place:
            from ..i18n import strings as _strings
            from .place import drawing_data, place_texts

            ps = _strings("place_quiz", self.lang)
            js_strings.update({k: ps[k] for k in ("you_marked", "marked_nothing_area", "marked_nothing_point",
                                                  "outside", "accepted_on", "the_area")})
            data["drawing"] = dict(drawing_data(), symbol=f"{qz}-limb", **place_texts(self.lang))
        parts.append(f'<script type="application/json" class="nr-quiz-data">{json_for_script(data)}</script>')
        parts.append("</section>")
        return "".join(parts)

    def _question_head(self, q: Question, n: int, total: int, base: str, hint: str, cls: str = "") -> list[str]:
        """A question's opening: its item, the fieldset described by the prompt and the hint, the number
        and prompt as the legend (a long prompt beside it), and the hint."""
        esc = html.escape
        num = f'<span class="nr-quiz-num">{esc(self.s["question_n"].format(n=n, total=total))}</span>'
        single_para = is_single_paragraph(q.prompt)
        described = f"{base}-hint" if single_para else f"{base}-prompt {base}-hint"
        out = [f'<li class="nr-quiz-q{cls}" data-qid="{esc(q.id)}" data-type="{q.type}" id="{base}">',
               f'<fieldset class="nr-quiz-fieldset" aria-describedby="{described}">']
        if single_para:
            out.append(f'<legend>{num} <span class="nr-quiz-prompt">{to_inline_html(q.prompt)}</span></legend>')
        else:
            out.append(f"<legend>{num}</legend>")
            out.append(f'<div class="nr-quiz-prompt" id="{base}-prompt">{to_html(q.prompt)}</div>')
        out.append(f'<p class="nr-quiz-hint" id="{base}-hint">{esc(hint)}</p>')
        return out

    def _question_html(self, q: Question, opts, n: int, total: int, base: str) -> str:
        s = self.s
        esc = html.escape
        if q.type == "place":
            return self._place_html(q, n, total, base)
        hint_key = {"single": "select_one", "multiple": "select_all", "truefalse": "truefalse_hint",
                    "numeric": "numeric_hint"}[q.type]
        out = self._question_head(q, n, total, base, s[hint_key])
        if q.type == "numeric":
            unit = f'<span class="nr-quiz-unit">{esc(q.unit)}</span>' if q.unit else ""
            out.append(
                f'<div class="nr-quiz-numeric"><label for="{base}-in">{esc(s["numeric_label"])}</label> '
                f'<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" '
                f'id="{base}-in" name="{base}" size="8">{unit}</div>'
            )
        else:
            kind = "checkbox" if q.type == "multiple" else "radio"
            choices = [(c.id, s["label_true"] if c.id == "true" else s["label_false"]) for c in q.choices] \
                if q.type == "truefalse" else [(o.id, o.text) for o in opts]
            out.append('<div class="nr-quiz-options">')
            for oid, text in choices:
                label = to_inline_html(text) if q.type != "truefalse" else esc(text)
                out.append(
                    f'<div class="nr-quiz-option"><input type="{kind}" name="{base}" id="{base}-{oid}" value="{oid}">'
                    f'<label for="{base}-{oid}">{label}</label></div>'
                )
            out.append("</div>")
        out.append("</fieldset>")
        out.append(f'<div class="nr-quiz-actions"><button type="button" class="nr-quiz-check" '
                   f'aria-describedby="{base}-num">{esc(s["check"])}</button>'
                   f'<span class="nr-visually-hidden" id="{base}-num">{esc(s["question_short"].format(n=n))}</span></div>')
        out.append(f'<div class="nr-quiz-feedback" role="status" aria-live="polite" id="{base}-fb"></div>')
        out.append("</li>")
        return "".join(out)

    def _place_html(self, q: Question, n: int, total: int, base: str) -> str:
        """A place question: the drawing to click or tap, and the same choice as a list of named areas."""
        from .place import answer_of, names, svg_viewbox

        esc = html.escape
        ps = strings("place_quiz", self.lang)
        ans = answer_of(q)
        nm = names(self.lang)
        kind = ans.kind
        qz = self.dom_id
        out = self._question_head(q, n, total, base, ps["hint_" + kind], cls=" nr-place-q")
        dots = ""
        if kind == "point":
            from .place import drawing_data

            d = drawing_data()
            dots = "".join(f'<circle class="nr-place-dot" cx="{d["landmarks"][c][0]:g}" cy="{-d["landmarks"][c][1]:g}" '
                           f'r="{d["radius"] * 0.45:g}"/>' for c in ans.candidates)
        # the picture is for pointing; the list below is the same choice for keyboards and screen readers
        out.append(f'<div class="nr-place-figure"><svg class="nr-place-svg" viewBox="{svg_viewbox()}" '
                   f'aria-hidden="true" focusable="false"><use href="#{qz}-limb"/>'
                   f'<g class="nr-place-answer"></g><g class="nr-place-focus"></g>{dots}'
                   f'<g class="nr-place-mark"></g></svg></div>')
        out.append(f'<p class="nr-place-marked" id="{base}-marked" aria-live="polite"></p>')
        out.append(f'<div class="nr-quiz-options nr-place-options" role="radiogroup" aria-labelledby="{base}-list">'
                   f'<p class="nr-place-list-label" id="{base}-list">{esc(ps["list_label_" + kind])}</p>')
        for cid in ans.candidates:
            out.append(f'<div class="nr-quiz-option"><input type="radio" name="{base}" id="{base}-{cid}" '
                       f'value="{cid}"><label for="{base}-{cid}">{esc(nm[cid])}</label></div>')
        out.append("</div></fieldset>")
        out.append(f'<div class="nr-quiz-actions"><button type="button" class="nr-quiz-check" '
                   f'aria-describedby="{base}-num">{esc(self.s["check"])}</button>'
                   f'<span class="nr-visually-hidden" id="{base}-num">'
                   f'{esc(self.s["question_short"].format(n=n))}</span></div>')
        out.append(f'<div class="nr-quiz-feedback" role="status" aria-live="polite" id="{base}-fb"></div>')
        out.append("</li>")
        return "".join(out)

    def _question_data(self, q: Question, base: str) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": q.id, "base": base, "type": q.type,
            "explanation": to_html(q.explanation),
            "sources": citations.labels(q.cite),
        }
        if q.type == "place":
            from .place import caveat, question_data

            # names, notes, label points and map names are the quiz's (data.drawing), shared by its questions
            d.update(question_data(q))
            d.update(root=q.root,
                     feedback_correct=to_html(q.feedback_correct), feedback_incorrect=to_html(q.feedback_incorrect),
                     feedback_disputed=to_html(q.feedback_disputed) if q.feedback_disputed else "",
                     caveat=caveat(q, self.lang),
                     answer_text=to_inline_html(answer_text(q, self.s, self.lang)))
            return d
        if q.type == "numeric":
            d.update(answer=q.answer, tolerance=q.tolerance, unit=q.unit,
                     feedback_correct=to_html(q.feedback_correct),
                     feedback_incorrect=to_html(q.feedback_incorrect),
                     near=[{"value": m.value, "tolerance": m.tolerance, "feedback": to_html(m.feedback)}
                           for m in q.near_misses],
                     answer_text=to_inline_html(answer_text(q, self.s)))
        else:
            labels = {"true": self.s["label_true"], "false": self.s["label_false"]}
            d.update(correct=list(q.correct_ids),
                     options={c.id: {"label": labels.get(c.id) or to_inline_html(c.text),
                                     "feedback": to_html(c.feedback)} for c in q.choices})
        return d

    # -- print face --------------------------------------------------------
    def print_markdown(self) -> str:
        """The quiz as numbered Markdown for the PDF: boxes to tick, blanks to fill."""
        s = self.s
        lines = [f"**{s['quiz_title'].format(title=self.bank.title)}.** {s['print_note'].format(n=len(self.items))}", ""]
        drawn: dict[str, int] = {}  # kind of place question -> the question that shows its numbered drawing
        for n, (q, opts) in enumerate(self.items, start=1):
            ind = " " * len(f"{n}. ")  # continuation lines must line up with the item's text
            prompt = q.prompt.strip().splitlines()
            lines.append(f"{n}. " + prompt[0])
            lines += [(ind + ln) if ln.strip() else "" for ln in prompt[1:]]
            lines.append("")
            if q.type == "place":
                lines += [ind + ln if ln else "" for ln in place_print_lines(q, n, drawn, self.lang)]
                lines.append("")
                continue
            hint = {"single": "select_one", "multiple": "select_all", "truefalse": "truefalse_hint",
                    "numeric": "numeric_hint"}[q.type]
            if q.type == "numeric":
                lines.append(ind + s["numeric_blank"].format(unit=q.unit).replace("_", r"\_").rstrip())
            else:
                lines.append(f"{ind}*{s[hint]}*\\")
                if q.type == "truefalse":
                    choices = [(None, s["label_true"]), (None, s["label_false"])]
                else:
                    choices = [(o.id, " ".join(o.text.split())) for o in opts]
                rows = [f"{ind}{BOX} " + (f"{oid}. " if oid else "") + text for oid, text in choices]
                lines.append("\\\n".join(rows))
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    # -- live face ---------------------------------------------------------
    def live(self, instructor: bool = False):
        from .live import LiveQuiz

        return LiveQuiz(self, instructor=instructor).widget


class AnswerKey(MarkdownPrint):
    """Answers, explanations and sources of one bank: collapsed on the web, in full on paper."""

    needs: ClassVar[tuple[str, ...]] = ("quiz",)

    def __init__(self, bank: Bank, lang: str | None = None, cite_role: bool = True):
        self.bank = bank
        self.lang = lang
        self.s = strings("quiz", lang)
        #: print sources as MyST ``{cite:p}`` roles (the book) or as plain labels
        self.cite_role = cite_role

    @classmethod
    def from_chapter(cls, chapter: str, **kwargs) -> "AnswerKey":
        return cls(chapter_bank(chapter, kwargs.get("lang")), **kwargs)

    @classmethod
    def all(cls, **kwargs) -> list["AnswerKey"]:
        """One key per quiz that the book shows, in reading order."""
        return [cls(b, **kwargs) for b in book_banks(kwargs.get("lang"))]

    def summary(self) -> str:
        return self.s["answer_key_summary"].format(title=self.bank.title, n=len(self.bank.questions))

    def static_html(self) -> str:
        s = self.s
        esc = html.escape
        title = s["answer_key_chapter"].format(title=self.bank.title)
        out = [f'<details class="nr-answer-key" id="{stable_id("nr-key", self.bank.chapter)}">',
               f"<summary>{esc(title)} ({len(self.bank.questions)})</summary>", '<ol class="nr-key-list">']
        for q in self.bank.questions:
            label = s["key_options"] if len(q.correct_ids) > 1 else s["key_answer"]
            out.append(
                f'<li class="nr-key-item" data-qid="{esc(q.id)}">'
                f'<div class="nr-key-prompt">{to_html(q.prompt)}</div>'
                f'<p class="nr-key-answer"><strong>{esc(label)}:</strong> {to_inline_html(answer_text(q, s))}</p>'
                f'<div class="nr-key-explanation">{to_html(q.explanation)}</div>'
                f'<p class="nr-key-sources"><strong>{esc(s["sources"])}:</strong> {esc(citations.labels(q.cite))} '
                f'<code class="nr-key-id">{esc(q.id)}</code></p></li>'
            )
        out.append("</ol></details>")
        return "".join(out)

    def print_markdown(self) -> str:
        s = self.s
        lines = [f"**{s['answer_key_chapter'].format(title=self.bank.title)}**", ""]
        for n, q in enumerate(self.bank.questions, start=1):
            label = s["key_options"] if len(q.correct_ids) > 1 else s["key_answer"]
            expl = q.explanation.strip().splitlines()
            if self.cite_role:
                sources = "{cite:p}`" + ",".join(q.cite) + "`"
            else:
                sources = citations.labels(q.cite)
            ind = " " * len(f"{n}. ")
            lines.append(f"{n}. **{label}: {' '.join(answer_text(q, s).split())}.** " + expl[0])
            lines += [(ind + ln) if ln.strip() else "" for ln in expl[1:]]
            lines.append("")
            lines.append(f"{ind}*{s['sources']}:* {sources}")
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"


__all__ = ["Quiz", "AnswerKey", "WIDGET_MIME", "answer_text", "ordered"]
