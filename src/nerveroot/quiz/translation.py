"""Question banks in other languages: parallel files of text only.

``book/quizzes/<lang>/<chapter>.yaml`` holds the reader-facing text of ``book/quizzes/<chapter>.yaml``
in ``lang``, and nothing else: the question types, right answers, numbers, tolerances, difficulty
and citations always come from the English bank, so a translation can never change a fact or a
marking rule.  Its layout mirrors the bank's, with questions keyed by id and lists (options, near
misses) in the English order::

    chapter: intro
    title: "Kursusoversigt"
    description: "..."
    questions:
      intro-paracentral-l4l5:
        objective: "..."
        prompt: "..."
        options:                  # as many as the English question has, in its order
          - text: "L4"
            feedback: "..."
        explanation: "..."

Which fields are text is decided by name (:func:`is_text_key`), for every question type alike, so
a new type's prompt, explanation and feedback fields translate with no change here.

:func:`overlay` checks a parallel file against its English bank and puts its text in place of the
English; every problem is reported like the bank's own (file, line, question id, field, fix).  A
translation cannot lose or add a question, an option, an answer's feedback or any text field the
English has, and each text keeps the English's numbers and citation roles.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml

from ..datafile import LineLoader, Map, line_of

#: Fields that hold text for the reader, whatever the question type; any field whose name starts
#: with ``feedback`` is text too (``feedback_true``, ``feedback_correct``...).
TEXT_KEYS = frozenset({"title", "description", "prompt", "objective", "explanation", "text", "unit"})


def is_text_key(key: Any) -> bool:
    return isinstance(key, str) and (key in TEXT_KEYS or key.startswith("feedback"))


def translation_path(english: Path, lang: str) -> Path:
    """``book/quizzes/<lang>/<chapter>.yaml`` beside the English ``book/quizzes/<chapter>.yaml``."""
    return Path(english).parent / lang / Path(english).name


def _has_text(value: Any) -> bool:
    """Whether an English value holds text somewhere (a text field, or a list/map that has one)."""
    if isinstance(value, dict):
        return any(is_text_key(k) and isinstance(v, str) or _has_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_text(v) for v in value)
    return False


class _Overlay:
    def __init__(self, checker, path: Path):
        self.checker = checker  # the English bank's checker: its Problem list and display path
        self.path = path
        from .bank import _display_path

        self.file = _display_path(path)

    def add(self, line, qid, field, message, fix):
        from .bank import Problem

        self.checker.problems.append(Problem(self.file, line, qid, field, message, fix))

    # -- one mapping ------------------------------------------------------------
    def merge(self, en: Map, tr: Any, qid: str | None, prefix: str, where: str) -> None:
        """Check ``tr`` against ``en`` and put its text into ``en`` (text fields, and lists of mappings)."""
        from .. import catalogue

        if not isinstance(tr, dict):
            self.add(line_of(tr), qid, prefix.rstrip(".") or None, f"must be a mapping of the {where}'s text fields",
                     "write 'field: text' lines, as in the English bank")
            return
        wanted = [k for k, v in en.items() if (is_text_key(k) and isinstance(v, str)) or
                  (isinstance(v, list) and _has_text(v))]
        for key in tr:
            if key not in wanted:
                close = difflib.get_close_matches(str(key), wanted, n=1)
                why = ("only text is translated; answers, numbers and citations come from the English bank"
                       if key in en else "the English has no such field")
                hint = f" (did you mean {close[0]!r}?)" if close and key not in en else ""
                self.add(line_of(tr, key), qid, prefix + str(key), f"is not a text field of the English {where}: {why}",
                         f"remove it{hint}")
        for key in wanted:
            value = en[key]
            if key not in tr:
                self.add(line_of(tr), qid, prefix + key, f"is missing: the English {where} has it",
                         f"add '{key}:' with the translation of the English (line {line_of(en, key)})")
                continue
            got = tr[key]
            if isinstance(value, str):
                if not isinstance(got, str) or not got.strip():
                    self.add(line_of(tr, key), qid, prefix + key, "must be non-empty text",
                             "write the translation after the colon; quote it if it starts with a special character")
                    continue
                for problem in catalogue.parity_problems(value, got):
                    self.add(line_of(tr, key), qid, prefix + key, f"{problem} (English: {' '.join(value.split())!r})",
                             "keep every number and citation of the English, written with the same digits")
                en[key] = got
            else:
                self.merge_list(value, got, qid, prefix + key, tr, key)

    def merge_list(self, en: list, tr: Any, qid: str | None, field: str, parent: Any, key: str) -> None:
        if not isinstance(tr, list):
            self.add(line_of(parent, key), qid, field, "must be a list, as in the English",
                     "list the items in the English order, each starting with '- '")
            return
        if len(tr) != len(en):
            self.add(line_of(parent, key), qid, field,
                     f"has {len(tr)} item{'s' if len(tr) != 1 else ''}; the English has {len(en)}",
                     "translate every item of the English, in its order: a translation cannot lose or add one")
            return
        for i, (e, t) in enumerate(zip(en, tr)):
            if isinstance(e, Map):
                self.merge(e, t, qid, f"{field}[{i + 1}].", "item")
        texts = [e.get("text") for e in en if isinstance(e, dict)]
        seen: dict[str, int] = {}
        for i, text in enumerate(texts):
            if isinstance(text, str) and text in seen:
                self.add(line_of(tr), qid, f"{field}[{i + 1}].text",
                         f"the same text as item {seen[text]}", "make every option of a question different")
            seen.setdefault(text, i + 1)

    # -- one bank --------------------------------------------------------------
    def bank(self, data: Map) -> None:
        text = self.path.read_text(encoding="utf-8")
        loader = LineLoader(text)
        try:
            tr = loader.get_single_data()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            self.add(mark.line + 1 if mark else None, None, None, f"is not valid YAML ({getattr(exc, 'problem', exc)})",
                     "check the indentation and quote text that contains ': ' or starts with a special character")
            return
        finally:
            loader.dispose()
        for key, line, first in loader.duplicate_keys:
            self.add(line, None, key, f"the field {key!r} appears twice in one mapping (first on line {first})",
                     "keep one of them; YAML would silently keep only the last")
        if not isinstance(tr, Map):
            self.add(1, None, None, "must be a mapping with 'chapter', the bank's text and 'questions'",
                     "see book/quizzes/README.md (Translations)")
            return
        if tr.get("chapter") != data.get("chapter"):
            self.add(line_of(tr, "chapter"), None, "chapter",
                     f"names chapter {tr.get('chapter')!r}, but the English bank is {data.get('chapter')!r}",
                     f"write 'chapter: {data.get('chapter')}'")
        questions = tr.get("questions")
        head = Map({k: v for k, v in tr.items() if k not in ("chapter", "questions")})
        head.line, head.key_lines = tr.line, tr.key_lines
        bank_text = Map({k: v for k, v in data.items() if k not in ("chapter", "questions")})
        bank_text.key_lines = data.key_lines
        self.merge(bank_text, head, None, "", "bank")
        data.update({k: v for k, v in bank_text.items()})
        if not isinstance(questions, dict):
            self.add(line_of(tr, "questions"), None, "questions",
                     "must map each question id of the English bank to its text",
                     "write 'questions:' and under it '<id>:' with the question's text fields")
            return
        english = {q.get("id"): q for q in data.get("questions") or [] if isinstance(q, Map)}
        for qid, q in english.items():
            if qid not in questions:
                self.add(line_of(tr, "questions"), qid, None, "has no translation: the English bank has this question",
                         f"add '{qid}:' under 'questions:' with its text fields (English: line {line_of(q)})")
            else:
                self.merge(q, questions[qid], qid, "", "question")
        for qid in questions:
            if qid not in english:
                close = difflib.get_close_matches(str(qid), [str(k) for k in english], n=1)
                hint = f"did you mean {close[0]!r}?" if close else "ids never change: use the English id"
                self.add(line_of(questions, qid), str(qid), None, "is not a question of the English bank",
                         f"remove it or correct the id ({hint})")


def overlay(checker, data: Map, lang: str, required: bool) -> None:
    """Put the ``lang`` text of ``checker``'s bank into ``data`` (the English bank, as read).

    Problems go to ``checker.problems``.  Without a parallel file the bank stays English, unless
    ``required`` (an export or a sheet in that language), which is a problem naming the file.
    """
    path = translation_path(checker.path, lang)
    if not path.is_file():
        if required:
            from .bank import _display_path

            checker.add(None, None, None, f"has no {lang} translation ({_display_path(path)} is missing)",
                        f"translate the bank into {_display_path(path)} (book/quizzes/README.md, Translations), "
                        "or leave this chapter out")
        return
    _Overlay(checker, path).bank(data)


def translated(bank_path: Path, lang: str) -> bool:
    """Whether a bank has a parallel file in ``lang``."""
    return translation_path(bank_path, lang).is_file()


# ---------------------------------------------------------------------------
# a translator's starting point
# ---------------------------------------------------------------------------


def _quote(text: str, indent: str) -> str:
    """A YAML scalar for a text: one line in double quotes, or a folded block for a long one."""
    import json
    import textwrap

    if "\n" in str(text).strip():  # paragraphs or a list (Markdown): keep the lines as they are
        return "|-\n" + "\n".join((indent + "  " + line).rstrip() for line in str(text).strip().splitlines())
    flat = " ".join(str(text).split())
    if len(flat) + len(indent) < 100:
        return json.dumps(flat, ensure_ascii=False)
    lines = textwrap.wrap(flat, width=max(40, 110 - len(indent) - 2), break_long_words=False, break_on_hyphens=False)
    return ">-\n" + "\n".join(indent + "  " + line for line in lines)


def skeleton(english: Path) -> str:
    """The parallel file of a bank with the English text in every field, for a translator to replace.

    ``python -m nerveroot.quiz.translation da intro`` writes it to ``book/quizzes/da/intro.yaml``.
    Until every text is replaced, the book shows English there, and the translation tests name
    each text that is still identical to the English.
    """
    data = yaml.safe_load(Path(english).read_text(encoding="utf-8"))
    out = [f"# Text of book/quizzes/{Path(english).name} in another language: the text fields only, keyed by",
           "# question id, lists in the English order (book/quizzes/README.md, Translations). Check with",
           "# `nerveroot quiz check`.",
           f"chapter: {data['chapter']}"]

    def fields(rec: dict, indent: str) -> list[str]:
        lines = []
        for key, value in rec.items():
            if is_text_key(key) and isinstance(value, str):
                lines.append(f"{indent}{key}: {_quote(value, indent)}")
            elif isinstance(value, list) and _has_text(value):
                lines.append(f"{indent}{key}:")
                for item in value:
                    sub = fields(item, indent + "    ")
                    sub[0] = indent + "  - " + sub[0].lstrip()
                    lines += sub
        return lines

    out += fields({k: v for k, v in data.items() if k not in ("chapter", "questions")}, "")
    out.append("questions:")
    for q in data.get("questions") or []:
        out.append(f"  {q['id']}:")
        out += fields(q, "    ")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    import argparse

    from .bank import chapter_path

    parser = argparse.ArgumentParser(prog="python -m nerveroot.quiz.translation",
                                     description="Start the translation of a bank: book/quizzes/<lang>/<chapter>.yaml "
                                                 "with the English text in every field, to replace.")
    parser.add_argument("lang")
    parser.add_argument("chapter")
    args = parser.parse_args(argv)
    english = chapter_path(args.chapter)
    target = translation_path(english, args.lang)
    if target.exists():
        parser.error(f"{target} exists already; edit it (nerveroot quiz check validates it)")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(skeleton(english), encoding="utf-8")
    print(f"wrote {target}: replace the English text of every field, then run 'nerveroot quiz check'")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
