"""The one loader of the course's YAML files, and the one way they report a problem.

Every data module of :mod:`nerveroot.clinical` reads its file with :func:`read` and checks
it with a :class:`Checker`; the quiz banks use the same loader.  A problem is reported as::

    src/nerveroot/data/roots.yaml:212: roots.L5.reflex.cite: unknown citation key 'Smith2020'. Fix: ...

- the file, relative to the repository;
- the line, when the value was read from the file (:func:`read` remembers the line of every
  mapping, key and list; data built in Python, as in tests, has none);
- the field, as a path (``roots.L5.muscles[0].cite``);
- what is wrong, and the fix.

:class:`DataError` carries every problem found (a module may stop at the first one it
cannot get past); each module's error class (``RootDataError``...) is a subclass.
Citation keys are resolved against ``book/references.bib`` (:mod:`nerveroot.citations`).

**Languages.** :func:`read` returns a file's text in the current language
(:func:`nerveroot.i18n.current_lang`): the English file with each text field replaced by its
translation from the file's data catalogue (:mod:`nerveroot.catalogue`); everything that is not
text stays the English file's.  The modules' loaders cache one result per language
(:func:`per_language`).
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any, Iterable

import yaml

#: Where the data files live, as reported in messages (relative to the repository).
DATA_DIR = "src/nerveroot/data"


def data_file(name: str) -> str:
    """How messages name a data file: ``src/nerveroot/data/<name>``."""
    return f"{DATA_DIR}/{name}"


def path(name: str):
    """The data file ``name`` of the installed package (a :class:`importlib.resources` path)."""
    return resources.files("nerveroot") / "data" / name


# ---------------------------------------------------------------------------
# YAML with line numbers
# ---------------------------------------------------------------------------


class Map(dict):
    """A mapping read from YAML that remembers its own line and the line of each key."""

    line: int | None = None
    key_lines: dict

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines = {}


class Seq(list):
    """A list read from YAML that remembers its line and the line of each item."""

    line: int | None = None
    item_lines: list

    def __init__(self, *args):
        super().__init__(*args)
        self.item_lines = []


class LineLoader(yaml.SafeLoader):
    """A safe YAML loader whose mappings and lists remember their lines (:class:`Map`, :class:`Seq`)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicate_keys: list[tuple[str, int, int]] = []


def _construct_map(loader: LineLoader, node: yaml.MappingNode) -> Map:
    loader.flatten_mapping(node)
    out = Map()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key).lower() if isinstance(key, bool) else str(key)
        if key in out:
            loader.duplicate_keys.append((key, key_node.start_mark.line + 1, out.key_lines[key]))
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_seq(loader: LineLoader, node: yaml.SequenceNode) -> Seq:
    out = Seq(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def parse_yaml(text: str, file: str) -> tuple[Any, list[tuple[str, int, int]]]:
    """YAML text to :class:`Map`/:class:`Seq` values and the duplicate keys found (key, line, first line).

    A syntax error raises :class:`DataError` with the line where YAML stopped.
    """
    loader = LineLoader(text)
    try:
        return loader.get_single_data(), loader.duplicate_keys
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataError([Problem(file, line, None, f"not valid YAML ({getattr(err, 'problem', None) or err})",
                                 "check the indentation and quoting on this line and the one before it; text "
                                 "containing ': ' or starting with a special character needs quotes")]) from None
    finally:
        loader.dispose()


def read(name: str, error: type[DataError] | None = None, lang: str | None = None) -> Any:
    """Read the data file ``name`` (line-aware); syntax errors and repeated keys raise ``error``.

    Its text fields come in ``lang`` (default: the current language) where the file's data
    catalogue has a translation, in English otherwise.
    """
    from . import catalogue
    from .i18n import DEFAULT_LANG, current_lang

    file = data_file(name)
    with path(name).open(encoding="utf-8") as fh:
        text = fh.read()
    try:
        data, duplicates = parse_yaml(text, file)
    except DataError as err:
        raise (error or DataError)(err.problems) from None
    if duplicates:
        raise (error or DataError)([
            Problem(file, line, key, f"appears twice (first on line {first}); YAML keeps only the last",
                    "remove one of them, or rename it") for key, line, first in duplicates])
    lang = current_lang(lang)
    if lang != DEFAULT_LANG:
        catalogue.translate(name, data, lang)
    return data


def per_language(fn):
    """Cache a loader's result once per language (in place of ``functools.lru_cache``).

    The language is :func:`nerveroot.i18n.current_lang` when the loader is called, so a loader
    that calls :func:`read` returns the text of that language; ``fn.cache_clear()`` empties it.
    """
    from .i18n import current_lang

    cache: dict = {}

    @functools.wraps(fn)
    def wrapper(*args):
        key = (current_lang(), *args)
        if key not in cache:
            cache[key] = fn(*args)
        return cache[key]

    wrapper.cache_clear = cache.clear
    return wrapper


def line_of(obj: Any, key: Any = None) -> int | None:
    """The line of a value read by :func:`read` (of ``obj[key]`` when given), or ``None``."""
    if isinstance(obj, Map):
        if key is not None and key in obj.key_lines:
            return obj.key_lines[key]
        return obj.line
    if isinstance(obj, Seq):
        if isinstance(key, int) and 0 <= key < len(obj.item_lines):
            return obj.item_lines[key]
        return obj.line
    return None


# ---------------------------------------------------------------------------
# problems
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}. Fix: {self.fix}"


class DataError(ValueError):
    """One or more problems in a data file (each names the file, line, field and fix)."""

    def __init__(self, problems: Iterable[Problem] | str):
        if isinstance(problems, str):  # a message of its own, for compatibility with ValueError
            self.problems: list[Problem] = []
            super().__init__(problems)
            return
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _choices(values: Iterable[Any]) -> str:
    return ", ".join(str(v) for v in values)


class Checker:
    """Checks the values of one data file and reports problems in the one format.

    Every helper takes the record it reads from (``rec``, a mapping), the key, and the record's
    field path (``"roots.L5"``); it returns the checked value.  A problem either raises at once
    (``first_only=True``) or is collected, the helper returning ``None``, and :meth:`done`
    raises every collected problem together.
    """

    def __init__(self, file: str, error: type[DataError] = DataError, first_only: bool = True):
        self.file, self.error, self.first_only = file, error, first_only
        self.problems: list[Problem] = []

    # -- reporting ----------------------------------------------------------
    def problem(self, field: str | None, message: str, fix: str, at: Any = None, key: Any = None) -> None:
        """Record a problem (``at``/``key``: the value it was read from, for the line); raise if first_only."""
        self.problems.append(Problem(self.file, line_of(at, key), field or None, message, fix))
        if self.first_only:
            raise self.error(self.problems)

    def fail(self, field: str | None, message: str, fix: str, at: Any = None, key: Any = None) -> DataError:
        """A problem that stops checking: returns the error (with every problem so far) to raise."""
        self.problems.append(Problem(self.file, line_of(at, key), field or None, message, fix))
        return self.error(self.problems)

    def done(self) -> None:
        """Raise the collected problems, if any."""
        if self.problems:
            raise self.error(self.problems)

    # -- values -------------------------------------------------------------
    @staticmethod
    def join(field: str, key: Any) -> str:
        if isinstance(key, int):
            return f"{field}[{key}]"
        return f"{field}.{key}" if field else str(key)

    def mapping(self, value: Any, field: str, at: Any = None, key: Any = None) -> dict | None:
        if isinstance(value, dict):
            return value
        self.problem(field, f"expected a mapping, got {type(value).__name__}",
                     "write it as 'name: value' lines, indented under it", at, key)
        return None

    def fields(self, rec: dict, field: str, required: Iterable[str], optional: Iterable[str] = ()) -> bool:
        """Missing required keys and unknown keys, as problems; True if there were none."""
        required, optional = list(required), list(optional)
        ok = True
        missing = [k for k in required if k not in rec]
        if missing:
            ok = False
            self.problem(field, f"lacks {', '.join(missing)}",
                         "add " + ", ".join(f"'{k}: ...'" for k in missing), rec)
        for k in rec:
            if k not in required and k not in optional:
                ok = False
                close = difflib.get_close_matches(str(k), required + optional, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed: {_choices(required + optional)}"
                self.problem(self.join(field, k), "unknown field", f"remove or rename it ({hint})", rec, k)
        return ok

    def text(self, rec: dict, key: str, field: str, optional: bool = False, collapse: bool = True) -> str | None:
        """Non-empty text (``collapse``: runs of white space made one space, else only stripped)."""
        value = rec.get(key)
        if value is None and optional:
            return None
        if value is None:
            self.problem(self.join(field, key), "missing", f"add '{key}: ...' to {field or 'the file'}", rec)
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(self.join(field, key), f"must be non-empty text, not {value!r}",
                         f"write the text after '{key}:' (quote it if it starts with a special character)", rec, key)
            return None
        return " ".join(value.split()) if collapse else value.strip()

    def choice(self, rec: dict, key: str, field: str, choices: Iterable[Any]) -> Any:
        choices = list(choices)
        value = rec.get(key)
        if value not in choices:
            what = "missing" if key not in rec else f"{value!r} is not one of {_choices(choices)}"
            self.problem(self.join(field, key), what, f"use one of: {_choices(choices)}", rec, key)
            return None
        return value

    def number(self, rec: dict, key: str, field: str, low: float | None = None, high: float | None = None,
               what: str = "a number") -> float | None:
        value = rec.get(key)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and ((low is not None and value < low) or (high is not None and value > high)):
            ok = False
        if not ok:
            bounds = (f" between {low:g} and {high:g}" if low is not None and high is not None
                      else f" of at least {low:g}" if low is not None else "")
            self.problem(self.join(field, key), f"must be {what}{bounds}, not {value!r}",
                         f"write a plain number{bounds} (a decimal point, no unit)", rec, key)
            return None
        return float(value) if isinstance(value, float) else value

    def cite(self, rec: dict, field: str, key: str = "cite") -> tuple[str, ...] | None:
        """A non-empty list of citation keys, each defined in ``book/references.bib``."""
        from . import citations

        value = rec.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(k, str) and k for k in value):
            self.problem(self.join(field, key), "missing or empty" if value in (None, []) else
                         f"expected a list of citation keys, got {value!r}",
                         f"cite the sources, e.g. '{key}: [Deville2000]' with keys of book/references.bib", rec, key)
            return None
        known = citations.keys()
        for k in value:
            if k not in known:
                close = difflib.get_close_matches(k, sorted(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.problem(self.join(field, key), f"unknown citation key {k!r}{hint}",
                             "use a key defined in book/references.bib; add a reference there only for a "
                             "source you have seen", rec, key)
                return None
        return tuple(value)
