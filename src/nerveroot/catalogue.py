"""Translations of the clinical data's text: one gettext catalogue per data file.

Facts live once, in ``src/nerveroot/data/*.yaml``, in English.  Their user-facing text (a red
flag's label, a cause, an action, a patient's wording...) is translated the way Sphinx translates
prose: a template of every text (``msgid`` = the English text, whitespace collapsed) is extracted
to ``_build/gettext/data/<file>.pot`` (``make gettext``), ``sphinx-intl update`` merges it into
``locales/<lang>/LC_MESSAGES/data/<file>.po``, and a translator fills in the ``msgstr``.  The one
loader, :func:`nerveroot.datafile.read`, then replaces each text by its translation when the
language (:func:`nerveroot.i18n.current_lang`) is not English.  Numbers, ids, levels, citation
keys and every other field stay the English file's: nothing but text is ever copied.

Which fields are text is declared once, here (:data:`TEXT_FIELDS`); the extractor and the
loader both use :func:`text_items`, so they agree on every path.  A translation that is missing,
empty or marked fuzzy (by ``sphinx-intl update`` when the English changed) is not used: the
English text shows, and ``tests/test_translations.py`` names it.  :func:`parity_problems` is the
check that a translation keeps every number and citation of its source.

The bibliography's own remarks are text too: the ``note`` fields of ``book/references.bib``
(what of a source was seen) have the catalogue ``data/references.po`` (:data:`BIBLIOGRAPHY`),
extracted the same way and applied where the bibliography is formatted
(:mod:`nerveroot.bibstyle`).  Every other field of an entry (authors, titles, journals) is the
source's own and is never translated.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from .i18n import DEFAULT_LANG

#: The text fields of each data file, by key name (at any depth; a list of texts under such a
#: key is translated item by item).  Every other value (ids, levels, numbers, citation keys,
#: Danish terms, map and root names) is never translated.  A new text field is added here.
TEXT_FIELDS: dict[str, frozenset[str]] = {
    "red_flags.yaml": frozenset({"label", "action", "patient", "evidence"}),
    "symptoms.yaml": frozenset({"symptom", "cause", "action"}),
    "roots.yaml": frozenset({"standard", "claim", "source", "movement", "muscles", "summary", "extent", "topic",
                             "lesson", "where", "site", "name", "note"}),
    "findings.yaml": frozenset({"label", "short", "meaning", "explain", "sensation", "weakness", "reflex", "pain",
                                "tests", "red_flags"}),
    "tests.yaml": frozenset({"label", "population", "note", "name", "how", "positive", "reference", "what",
                             "range", "disputed", "text"}),
    "prognosis.yaml": frozenset({"outcome", "design", "population", "factor", "label", "arm"}),
    "guidelines.yaml": frozenset({"name", "topic", "nice", "dk", "note", "title", "status"}),
    "exercises.yaml": frozenset({"instructions", "stop_rules", "cautions", "name", "position", "purpose", "dosage",
                                 "progression", "dosage_note"}),
    "dermatome_geometry.yaml": frozenset(),
}

#: The book's bibliography, whose remarks on each source are text (catalogue ``data/references.po``).
BIBLIOGRAPHY = "references.bib"
#: The text fields of a bibliography entry: BibTeX field names.
BIB_TEXT_FIELDS = frozenset({"note"})
TEXT_FIELDS[BIBLIOGRAPHY] = BIB_TEXT_FIELDS

#: The gettext folder of every language's catalogues (Sphinx's ``locale_dirs``).
LOCALES = "locales"
#: Sub-folder of ``LC_MESSAGES`` (and of ``_build/gettext``) holding the data catalogues.
DATA_DOMAIN = "data"


def msgid(text: str) -> str:
    """The catalogue key of a text: the English with every run of white space made one space."""
    return " ".join(str(text).split())


def locales_dir() -> Path:
    from .paths import repo_root

    return repo_root() / LOCALES


def po_path(lang: str, name: str) -> Path:
    """``locales/<lang>/LC_MESSAGES/data/<stem>.po`` for the data file ``name``."""
    return locales_dir() / lang / "LC_MESSAGES" / DATA_DOMAIN / (Path(name).stem + ".po")


# ---------------------------------------------------------------------------
# which values are text
# ---------------------------------------------------------------------------


def _join(field: str, key: Any) -> str:
    return f"{field}[{key}]" if isinstance(key, int) else (f"{field}.{key}" if field else str(key))


def text_items(name: str, data: Any) -> Iterator[tuple[Any, Any, str, str]]:
    """Every translatable text of a data file: ``(container, key, field path, text)``.

    ``container[key]`` is the text (so the loader can replace it in place).
    """
    fields = TEXT_FIELDS.get(name, frozenset())

    def walk(node: Any, field: str, is_text: bool):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from visit(node, key, value, _join(field, key), key in fields)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from visit(node, i, value, _join(field, i), is_text)

    def visit(container, key, value, path, is_text):
        if isinstance(value, str):
            if is_text and value.strip():
                yield container, key, path, value
        else:
            yield from walk(value, path, is_text)

    yield from walk(data, "", False)


def data_files() -> list[str]:
    """The data files that have text fields, in name order (the bibliography, :data:`BIBLIOGRAPHY`, is one)."""
    return sorted(name for name, fields in TEXT_FIELDS.items() if fields)


# ---------------------------------------------------------------------------
# catalogues
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    msgid: str
    msgstr: str
    fuzzy: bool
    line: int | None


def read_po(path: Path) -> list[Entry]:
    """The entries of a ``.po`` file (babel's reader; the header is left out)."""
    from babel.messages.pofile import read_po as babel_read

    with path.open("rb") as fh:
        catalog = babel_read(fh, abort_invalid=True)
    out = []
    for message in catalog:
        if not message.id or isinstance(message.id, tuple):
            continue
        string = message.string if isinstance(message.string, str) else ""
        line = message.lineno if hasattr(message, "lineno") else None
        out.append(Entry(message.id, string, message.fuzzy, line))
    return out


@lru_cache(maxsize=None)
def translations(lang: str, name: str) -> dict[str, str]:
    """``{English text: translation}`` for one data file: translated, non-fuzzy entries only."""
    if lang == DEFAULT_LANG:
        return {}
    path = po_path(lang, name)
    if not path.is_file():
        return {}
    return {e.msgid: e.msgstr for e in read_po(path) if e.msgstr.strip() and not e.fuzzy}


def translate(name: str, data: Any, lang: str) -> Any:
    """Replace, in place, every text of ``data`` (read from ``name``) that has a translation in ``lang``."""
    table = translations(lang, name)
    if not table:
        return data
    for container, key, _path, text in list(text_items(name, data)):
        done = table.get(msgid(text))
        if done is not None:
            container[key] = done
    return data


def bib_text_items() -> Iterator[tuple[str, str, str]]:
    """Every translatable text of the bibliography: ``(key, field, text)``, the text as a reader sees
    it (BibTeX accents decoded, braces dropped: ``g{\\ae}ldende`` is ``gældende``), in file order."""
    from .citations import database, plain

    for key, entry in database().entries.items():
        for field, value in entry.fields.items():
            if field.lower() in BIB_TEXT_FIELDS and value.strip():
                yield key, field.lower(), plain(value)


def bib_translation(text: str, lang: str) -> str | None:
    """The ``lang`` translation of a bibliography text (the BibTeX source of a field), or ``None``."""
    from .citations import plain

    return translations(lang, BIBLIOGRAPHY).get(msgid(plain(text)))


def source_path(name: str) -> str:
    """Where the text of ``name`` lives, from the repository's root."""
    return f"book/{name}" if name == BIBLIOGRAPHY else f"src/nerveroot/data/{name}"


def template_entries(name: str) -> dict[str, list[str]]:
    """``{msgid: [field paths]}`` of one data file, in file order (what ``make gettext`` extracts)."""
    from .datafile import read

    out: dict[str, list[str]] = {}
    if name == BIBLIOGRAPHY:
        for key, field, text in bib_text_items():
            out.setdefault(msgid(text), []).append(f"{key}.{field}")
        return out
    for _c, _k, path, text in text_items(name, read(name, lang=DEFAULT_LANG)):
        out.setdefault(msgid(text), []).append(path)
    return out


def write_templates(out_dir: Path) -> list[Path]:
    """Write ``<out_dir>/data/<stem>.pot`` for every data file with text (``make gettext``)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    folder = Path(out_dir) / DATA_DOMAIN
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in data_files():
        catalog = Catalog(project="nerveroot", header_comment=(
            f"# Text of {source_path(name)}, for translation (make gettext).\n"
            "# Translate the text only: keep every number and citation key exactly as it is."))
        for text, paths in template_entries(name).items():
            catalog.add(text, auto_comments=[f"{name}: {p}" for p in paths[:5]])
        path = folder / (Path(name).stem + ".pot")
        with path.open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)
        written.append(path)
    return written


# ---------------------------------------------------------------------------
# checks a translation must pass
# ---------------------------------------------------------------------------

NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
ROLE_RE = re.compile(r"\{(cite(?::[a-z]+)?|doc|ref|numref|term|download)\}`([^`]*)`")


def numbers(text: str) -> Counter:
    """The numbers in a text, a decimal comma read as a point (``"0,91"`` and ``"0.91"`` are one number)."""
    return Counter(m.group(0).replace(",", ".") for m in NUMBER_RE.finditer(text or ""))


def _role_target(role: str, body: str) -> str:
    """What a role points to: a citation's keys, a link's target (``text <target>`` or the text)."""
    if role.startswith("cite"):
        return ",".join(sorted(k.strip() for k in body.split(",")))
    m = re.search(r"<([^>]+)>\s*$", body)
    return m.group(1) if m else body


def citations(text: str) -> Counter:
    """The citation and cross-reference roles of a text (``{cite:p}`Key```, ``{doc}`x```), by target."""
    return Counter(f"{role.split(':')[0]}:{_role_target(role, body)}"
                   for role, body in ROLE_RE.findall(text or "") if role != "term")


def parity_problems(source: str, translation: str) -> list[str]:
    """What a translation loses or adds: numbers and citation/cross-reference targets, as messages."""
    problems = []
    for what, count in (("number", numbers), ("citation or link", citations)):
        a, b = count(source), count(translation)
        if a != b:
            lost = ", ".join(sorted((a - b).elements()))
            added = ", ".join(sorted((b - a).elements()))
            bits = ([f"lost {lost}"] if lost else []) + ([f"added {added}"] if added else [])
            problems.append(f"{what}s differ: " + "; ".join(bits))
    return problems
