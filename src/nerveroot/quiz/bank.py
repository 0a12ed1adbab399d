"""Question banks: load the YAML files in ``book/quizzes/`` and validate them.

A bank is one YAML file per chapter (schema: ``book/quizzes/README.md``).  Loading
is strict: every problem in every file is collected, and :class:`BankError` is
raised with all of them, each naming the file, the line, the question id and the
field, and saying how to fix it.  Nothing downstream (the book, the exports, the
printed sheets) ever sees a half-valid bank.

**Languages.** A bank's text in another language is a parallel file of text only,
``book/quizzes/<lang>/<chapter>.yaml`` (:mod:`nerveroot.quiz.translation`); loading a bank in that
language (``lang``, default :func:`nerveroot.i18n.current_lang`) puts its text in place of the
English after checking it, with the same kind of messages.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from .. import citations
from ..datafile import LineLoader, Map, line_of
from ..i18n import DEFAULT_LANG, current_lang
from ..paths import book_dir

TYPES = ("single", "multiple", "truefalse", "numeric", "place")
DIFFICULTIES = ("easy", "medium", "hard")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CHAPTER_RE = re.compile(r"^[a-z0-9_]+$")

BANK_KEYS = {"chapter": True, "title": True, "questions": True, "description": False}
COMMON_KEYS = {"id": True, "type": True, "prompt": True, "objective": True, "difficulty": True,
               "explanation": True, "cite": True}
TYPE_KEYS = {
    "single": {"options": True},
    "multiple": {"options": True},
    "truefalse": {"answer": True, "feedback_true": True, "feedback_false": True},
    "numeric": {"answer": True, "tolerance": True, "unit": False, "feedback_correct": True,
                "feedback_incorrect": True, "near_misses": False},
    # choose a place on the body: the right area is named by the course's data (root, map, view), never drawn here
    "place": {"target": True, "root": True, "map": False, "view": False, "feedback_correct": True,
              "feedback_incorrect": True, "feedback_disputed": False},
}
OPTION_KEYS = {"text": True, "correct": False, "feedback": True}
NEAR_MISS_KEYS = {"value": True, "tolerance": True, "feedback": True}


# ---------------------------------------------------------------------------
# data model
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    id: str  # "A", "B", ... by position in the bank (stable; exports use it)
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class NearMiss:
    value: float
    tolerance: float
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    objective: str
    difficulty: str
    explanation: str
    cite: tuple[str, ...]
    chapter: str
    options: tuple[Option, ...] = ()
    # truefalse
    answer_bool: bool | None = None
    feedback_true: str = ""
    feedback_false: str = ""
    # numeric
    answer: float | None = None
    tolerance: float | None = None
    unit: str = ""
    feedback_correct: str = ""
    feedback_incorrect: str = ""
    near_misses: tuple[NearMiss, ...] = ()
    # place: what the data must say about the right area (see nerveroot.quiz.place)
    target: str = ""  # "area" (a root's dermatome area) or "key_point" (a root's key sensory point)
    root: str = ""
    map: str = "any"  # a map source of roots.yaml, or "any": each map style's answer is accepted
    view: str = ""  # "" (any view) or one of the drawing's views
    feedback_disputed: str = ""  # how the map styles differ here (required when they do)
    source: str = ""  # "file:line", for messages

    @property
    def choices(self) -> tuple[Option, ...]:
        """Options of any choice question; a true/false question has two ("true", "false")."""
        if self.type == "truefalse":
            return (
                Option("true", "", self.answer_bool is True, self.feedback_true),
                Option("false", "", self.answer_bool is False, self.feedback_false),
            )
        return self.options

    @property
    def correct_ids(self) -> tuple[str, ...]:
        if self.type == "place":
            from .place import answer_of

            return answer_of(self).accepted
        return tuple(o.id for o in self.choices if o.correct)

    def numeric_ok(self, value: float) -> bool:
        """Is ``value`` a right answer? (The marking rules: :mod:`nerveroot.quiz.grading`.)"""
        from .grading import within

        return self.answer is not None and within(value, self.answer, self.tolerance or 0)


@dataclass(frozen=True)
class Bank:
    chapter: str
    title: str
    questions: tuple[Question, ...]
    path: Path
    description: str = ""
    #: The language of the text (``en``, or the language of the parallel file that was applied).
    lang: str = DEFAULT_LANG

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(f"bank {self.chapter!r} has no question {qid!r}")


# ---------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    qid: str | None
    field: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = []
        if self.qid:
            what.append(f"question {self.qid!r}")
        if self.field:
            what.append(f"field {self.field!r}")
        head = f"{where}: " + (", ".join(what) + ": " if what else "")
        return f"{head}{self.message}. Fix: {self.fix}"


class BankError(ValueError):
    """One or more problems in one or more banks (all of them, not just the first)."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in the question bank(s):\n{lines}")


# ---------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------


def _display_path(path: Path) -> str:
    try:
        from ..paths import repo_root

        return str(path.resolve().relative_to(repo_root()))
    except (ValueError, FileNotFoundError):
        return str(path)


class _Checker:
    def __init__(self, path: Path, keys: frozenset[str], lang: str = DEFAULT_LANG, require_translation: bool = False):
        self.path = path
        self.file = _display_path(path)
        self.keys = keys
        self.lang = lang
        self.require_translation = require_translation
        self.problems: list[Problem] = []

    def add(self, line, qid, fld, message, fix):
        self.problems.append(Problem(self.file, line, qid, fld, message, fix))

    def unknown_keys(self, data: Map, allowed: Iterable[str], qid: str | None, where: str, prefix: str = ""):
        allowed = list(allowed)
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed fields here: {', '.join(allowed)}"
                self.add(line_of(data, key), qid, prefix + key, f"unknown field in {where}",
                         f"remove it or rename it ({hint})")

    def required(self, data: Map, spec: dict[str, bool], qid: str | None, where: str, prefix: str = "") -> bool:
        ok = True
        for key, needed in spec.items():
            if needed and key not in data:
                ok = False
                self.add(line_of(data), qid, prefix + key, f"{where} lacks the required field {key!r}",
                         f"add '{key}: ...' (see book/quizzes/README.md)")
        return ok

    def text(self, data: Map, key: str, qid: str | None, prefix: str = "") -> str:
        value = data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.add(line_of(data, key), qid, prefix + key, "must be non-empty text",
                     "write the text after the colon; quote it if it starts with a special character")
            return ""
        return value.strip()

    def number(self, data: Map, key: str, qid: str | None, prefix: str = "", minimum: float | None = None):
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.add(line_of(data, key), qid, prefix + key, f"must be a number, not {value!r}",
                     "write a plain number such as 12 or 0.5 (a decimal point, not a comma; no unit)")
            return None
        if minimum is not None and value < minimum:
            self.add(line_of(data, key), qid, prefix + key, f"must be at least {minimum}, not {value}",
                     "use a non-negative number")
            return None
        return float(value)

    # -- one question -----------------------------------------------------
    def question(self, raw: Any, index: int, chapter: str) -> Question | None:
        if not isinstance(raw, Map):
            self.add(line_of(raw), None, f"questions[{index}]", "each question must be a mapping",
                     "start each question with '- id: ...' and indent its fields")
            return None
        qid = raw.get("id")
        if not isinstance(qid, str) or not ID_RE.match(qid):
            self.add(line_of(raw, "id"), None, "id",
                     f"question {index + 1} has a missing or malformed id {qid!r}",
                     "give it an id of lower-case letters, digits and hyphens, e.g. 'anatomy-l5-dorsum'")
            qid_label = f"#{index + 1}"
        else:
            qid_label = qid
        qtype = raw.get("type")
        if qtype not in TYPES:
            self.add(line_of(raw, "type"), qid_label, "type", f"unknown question type {qtype!r}",
                     f"use one of: {', '.join(TYPES)}")
            self.unknown_keys(raw, list(COMMON_KEYS) + sorted({k for t in TYPE_KEYS.values() for k in t}),
                              qid_label, "a question")
            return None
        spec = {**COMMON_KEYS, **TYPE_KEYS[qtype]}
        self.unknown_keys(raw, spec, qid_label, f"a {qtype} question")
        self.required(raw, spec, qid_label, f"this {qtype} question")
        n_before = len(self.problems)

        prompt = self.text(raw, "prompt", qid_label)
        objective = self.text(raw, "objective", qid_label)
        explanation = self.text(raw, "explanation", qid_label)
        difficulty = raw.get("difficulty")
        if "difficulty" in raw and difficulty not in DIFFICULTIES:
            self.add(line_of(raw, "difficulty"), qid_label, "difficulty", f"unknown difficulty {difficulty!r}",
                     f"use one of: {', '.join(DIFFICULTIES)}")
        cite = raw.get("cite")
        cites: tuple[str, ...] = ()
        if "cite" in raw:
            if isinstance(cite, str):
                cite = [cite]
            if not isinstance(cite, list) or not cite or not all(isinstance(c, str) for c in cite):
                self.add(line_of(raw, "cite"), qid_label, "cite", "must be a non-empty list of citation keys",
                         "write e.g. 'cite: [Deville2000, Capra2011]' with keys from book/references.bib")
            else:
                for key in cite:
                    if key not in self.keys:
                        close = difflib.get_close_matches(key, sorted(self.keys), n=1)
                        hint = f" (did you mean {close[0]!r}?)" if close else ""
                        self.add(line_of(raw, "cite"), qid_label, "cite",
                                 f"unknown citation key {key!r}{hint}",
                                 "cite only keys defined in book/references.bib; add a reference there "
                                 "only for a source you have actually seen")
                cites = tuple(cite)

        kwargs: dict[str, Any] = {}
        if qtype in ("single", "multiple"):
            kwargs["options"] = self.options(raw, qid_label, qtype)
        elif qtype == "truefalse":
            answer = raw.get("answer")
            if "answer" in raw and not isinstance(answer, bool):
                self.add(line_of(raw, "answer"), qid_label, "answer", f"must be true or false, not {answer!r}",
                         "write 'answer: true' or 'answer: false' (no quotes)")
            kwargs.update(answer_bool=answer if isinstance(answer, bool) else None,
                          feedback_true=self.text(raw, "feedback_true", qid_label),
                          feedback_false=self.text(raw, "feedback_false", qid_label))
        elif qtype == "place":
            kwargs.update(self.place(raw, qid_label))
        else:  # numeric
            answer = self.number(raw, "answer", qid_label) if "answer" in raw else None
            if "tolerance" not in raw:
                tolerance = None  # reported as missing by required()
            else:
                tolerance = self.number(raw, "tolerance", qid_label, minimum=0)
            unit = raw.get("unit", "")
            if not isinstance(unit, str):
                self.add(line_of(raw, "unit"), qid_label, "unit", "must be text", "quote it, e.g. unit: \"%\"")
                unit = ""
            kwargs.update(answer=answer, tolerance=tolerance, unit=unit,
                          feedback_correct=self.text(raw, "feedback_correct", qid_label),
                          feedback_incorrect=self.text(raw, "feedback_incorrect", qid_label),
                          near_misses=self.near_misses(raw, qid_label, answer, tolerance))
        if len(self.problems) > n_before or qid_label != qid:
            return None
        return Question(id=qid, type=qtype, prompt=prompt, objective=objective, difficulty=difficulty,
                        explanation=explanation, cite=cites, chapter=chapter,
                        source=f"{self.file}:{line_of(raw)}", **kwargs)

    def place(self, raw: Map, qid: str) -> dict[str, Any]:
        """A place question: the target must exist in the course's data, and a disputed answer must say so."""
        from .place import check_target

        fields = {"target": raw.get("target"), "root": raw.get("root"), "map": raw.get("map", "any"),
                  "view": raw.get("view", "")}
        out: dict[str, Any] = {
            "feedback_correct": self.text(raw, "feedback_correct", qid),
            "feedback_incorrect": self.text(raw, "feedback_incorrect", qid),
            "feedback_disputed": self.text(raw, "feedback_disputed", qid),
        }
        if any(k not in raw for k in ("target", "root")):
            return out  # reported as missing by required()
        for fld, problem, fix in check_target(fields, has_disputed_note="feedback_disputed" in raw):
            self.add(line_of(raw, fld if fld in raw else None), qid, fld, problem, fix)
        out.update(target=fields["target"], root=fields["root"], map=fields["map"], view=fields["view"] or "")
        return out

    def options(self, raw: Map, qid: str, qtype: str) -> tuple[Option, ...]:
        opts = raw.get("options")
        if opts is None:
            return ()
        if not isinstance(opts, list) or len(opts) < 2:
            self.add(line_of(raw, "options"), qid, "options", "needs a list of at least two options",
                     "list the options under 'options:', each starting with '- text: ...'")
            return ()
        if len(opts) > 26:
            self.add(line_of(raw, "options"), qid, "options", "has more than 26 options",
                     "use at most 26 options (they are lettered A-Z)")
            return ()
        out: list[Option] = []
        seen: dict[str, int] = {}
        for i, o in enumerate(opts):
            prefix = f"options[{i + 1}]."
            if not isinstance(o, Map):
                self.add(line_of(opts), qid, f"options[{i + 1}]", "each option must be a mapping",
                         "write '- text: ...' with 'feedback: ...' (and 'correct: true' for right answers)")
                continue
            self.unknown_keys(o, OPTION_KEYS, qid, "an option", prefix)
            self.required(o, OPTION_KEYS, qid, f"option {i + 1}", prefix)
            text = self.text(o, "text", qid, prefix)
            fb = self.text(o, "feedback", qid, prefix)
            correct = o.get("correct", False)
            if not isinstance(correct, bool):
                self.add(line_of(o, "correct"), qid, prefix + "correct", f"must be true or false, not {correct!r}",
                         "write 'correct: true' on right answers and leave it out on the others")
                correct = False
            if text:
                if text in seen:
                    self.add(line_of(o, "text"), qid, prefix + "text",
                             f"the same option text appears twice (options {seen[text]} and {i + 1})",
                             "make every option of a question different")
                seen.setdefault(text, i + 1)
            out.append(Option(chr(ord("A") + i), text, correct, fb))
        n_correct = sum(o.correct for o in out)
        if n_correct == 0:
            self.add(line_of(raw, "options"), qid, "options", "no option is marked correct",
                     "add 'correct: true' to the right answer" + ("s" if qtype == "multiple" else ""))
        elif qtype == "single" and n_correct > 1:
            self.add(line_of(raw, "options"), qid, "options",
                     f"a single-choice question has {n_correct} options marked correct",
                     "mark exactly one option 'correct: true', or change the type to 'multiple'")
        return tuple(out)

    def near_misses(self, raw: Map, qid: str, answer, tolerance) -> tuple[NearMiss, ...]:
        items = raw.get("near_misses")
        if items is None:
            return ()
        if not isinstance(items, list):
            self.add(line_of(raw, "near_misses"), qid, "near_misses", "must be a list",
                     "list them as '- value: ...', 'tolerance: ...', 'feedback: ...'")
            return ()
        out = []
        for i, item in enumerate(items):
            prefix = f"near_misses[{i + 1}]."
            if not isinstance(item, Map):
                self.add(line_of(items), qid, f"near_misses[{i + 1}]", "must be a mapping",
                         "write '- value: ...' with 'tolerance:' and 'feedback:'")
                continue
            self.unknown_keys(item, NEAR_MISS_KEYS, qid, "a near miss", prefix)
            if not self.required(item, NEAR_MISS_KEYS, qid, f"near miss {i + 1}", prefix):
                continue
            value = self.number(item, "value", qid, prefix)
            tol = self.number(item, "tolerance", qid, prefix, minimum=0)
            fb = self.text(item, "feedback", qid, prefix)
            if None in (value, tol):
                continue
            if answer is not None and tolerance is not None and abs(value - answer) <= tol + tolerance:
                self.add(line_of(item, "value"), qid, prefix + "value",
                         f"the near miss {value:g}±{tol:g} overlaps the right answer {answer:g}±{tolerance:g}",
                         "move the near miss away from the answer or make the tolerances smaller")
                continue
            out.append(NearMiss(value, tol, fb))
        return tuple(out)

    # -- one file ------------------------------------------------------------
    def bank(self) -> Bank | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as exc:
            self.add(None, None, None, f"cannot read the file ({exc.strerror})", "check the path")
            return None
        loader = LineLoader(text)
        try:
            data = loader.get_single_data()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            problem = getattr(exc, "problem", None) or str(exc)
            context = getattr(exc, "context", None)
            detail = f"{context}: {problem}" if context else problem
            self.add(line, None, None, f"is not valid YAML ({detail})",
                     "check the indentation and quote text that contains ': ' or starts with a special character")
            return None
        finally:
            loader.dispose()
        for key, line, first in loader.duplicate_keys:
            self.add(line, None, key, f"the field {key!r} appears twice in one mapping (first on line {first})",
                     "keep one of them; YAML would silently keep only the last")
        if not isinstance(data, Map):
            self.add(1, None, None, "the file must be a mapping with 'chapter', 'title' and 'questions'",
                     "see book/quizzes/README.md for the layout of a bank")
            return None
        lang = DEFAULT_LANG
        if self.lang != DEFAULT_LANG:
            from .translation import overlay, translated

            overlay(self, data, self.lang, self.require_translation)
            lang = self.lang if translated(self.path, self.lang) else DEFAULT_LANG
        self.unknown_keys(data, BANK_KEYS, None, "the bank")
        self.required(data, BANK_KEYS, None, "the bank")
        chapter = data.get("chapter")
        if "chapter" in data and (not isinstance(chapter, str) or not CHAPTER_RE.match(chapter)):
            self.add(line_of(data, "chapter"), None, "chapter", f"malformed chapter name {chapter!r}",
                     "use the chapter's file name without '.md', e.g. 'anatomy' for book/anatomy.md")
            chapter = None
        title = self.text(data, "title", None)
        description = self.text(data, "description", None) if "description" in data else ""
        questions = data.get("questions")
        if "questions" in data and (not isinstance(questions, list) or not questions):
            self.add(line_of(data, "questions"), None, "questions", "must be a non-empty list of questions",
                     "list the questions under 'questions:', each starting with '- id: ...'")
            questions = []
        parsed = [self.question(q, i, chapter or "?") for i, q in enumerate(questions or [])]
        seen: dict[str, int | None] = {}
        for q in questions or []:
            qid = q.get("id") if isinstance(q, Map) else None
            if isinstance(qid, str):
                if qid in seen:
                    self.add(line_of(q, "id"), qid, "id",
                             f"duplicate question id (also used on line {seen[qid]})",
                             "give every question its own id; ids never change once published "
                             "(the exports use them)")
                else:
                    seen[qid] = line_of(q, "id")
        if self.problems:
            return None
        return Bank(chapter=chapter, title=title, questions=tuple(parsed), path=self.path,
                    description=description, lang=lang)


def load_banks(paths: Iterable[Path | str], keys: frozenset[str] | None = None, lang: str | None = None,
               require_translation: bool = False) -> list[Bank]:
    """Load and validate banks; raise :class:`BankError` listing every problem in every file.

    ``lang`` (default: the current language): the text of each bank's parallel file in that
    language, checked against the English; a bank without one stays English, unless
    ``require_translation`` (then its absence is a problem too).
    """
    keys = citations.keys() if keys is None else keys
    lang = current_lang(lang)
    banks: list[Bank] = []
    problems: list[Problem] = []
    for p in paths:
        checker = _Checker(Path(p), keys, lang, require_translation)
        bank = checker.bank()
        problems += checker.problems
        if bank is not None:
            banks.append(bank)
    # ids and chapters must be unique across banks too
    first_q: dict[str, Question] = {}
    first_b: dict[str, Bank] = {}
    for bank in banks:
        if bank.chapter in first_b:
            problems.append(Problem(_display_path(bank.path), None, None, "chapter",
                                    f"chapter {bank.chapter!r} already has a bank "
                                    f"({_display_path(first_b[bank.chapter].path)})",
                                    "merge the two files; one bank per chapter"))
        first_b.setdefault(bank.chapter, bank)
        for q in bank.questions:
            if q.id in first_q:
                file, _, line = q.source.rpartition(":")
                problems.append(Problem(file, int(line), q.id, "id",
                                        f"duplicate question id (also used in {first_q[q.id].source})",
                                        "give every question its own id across all banks"))
            first_q.setdefault(q.id, q)
    if problems:
        raise BankError(problems)
    return banks


def load_bank(path: Path | str, keys: frozenset[str] | None = None, lang: str | None = None,
              require_translation: bool = False) -> Bank:
    return load_banks([path], keys, lang, require_translation)[0]


def bank_dir() -> Path:
    return book_dir() / "quizzes"


def bank_paths() -> list[Path]:
    """Every bank of the book, in file-name order."""
    return sorted(bank_dir().glob("*.yaml"))


def chapter_path(chapter: str) -> Path:
    path = bank_dir() / f"{chapter}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in bank_paths())
        raise FileNotFoundError(f"no question bank for chapter {chapter!r} at {path}; banks: {known}")
    return path


def all_banks(lang: str | None = None, require_translation: bool = False) -> list[Bank]:
    """All banks of the book, validated together (ids unique across banks), in ``lang``."""
    return load_banks(bank_paths(), lang=lang, require_translation=require_translation)


def chapter_bank(chapter: str, lang: str | None = None) -> Bank:
    """The bank of one chapter, validated together with all the others, in ``lang``."""
    chapter_path(chapter)
    for bank in all_banks(lang):
        if bank.chapter == chapter:
            return bank
    raise FileNotFoundError(f"book/quizzes/{chapter}.yaml declares another chapter name")



QUIZ_CALL_RE = re.compile(r"""Quiz\.from_chapter\(\s*["']([a-z0-9_]+)["']""")


def book_quiz_chapters() -> list[str]:
    """Chapters whose page shows its quiz, in the order of ``_toc.yml``.

    The answer key lists exactly these, so the printed appendix never answers a quiz
    that the book does not contain.
    """
    from ..paths import repo_root

    root = repo_root()
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    files: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    files.append(node[key])
            for key in ("parts", "chapters", "sections"):
                for child in node.get(key) or []:
                    walk(child)

    walk(toc)
    chapters: list[str] = []
    for f in files:
        path = root / (f if f.endswith(".md") else f + ".md")
        if path.is_file():
            for name in QUIZ_CALL_RE.findall(path.read_text(encoding="utf-8")):
                if name not in chapters:
                    chapters.append(name)
    return chapters


def book_banks(lang: str | None = None) -> list[Bank]:
    """The banks of the quizzes the book shows, in reading order (all banks are validated)."""
    banks = {b.chapter: b for b in all_banks(lang)}
    return [banks[c] for c in book_quiz_chapters() if c in banks]
