"""The citation registry: the keys of ``book/references.bib`` and the one way each is written.

Every citation key in the course's data, quizzes and chapters must be a key of
``book/references.bib`` (the data loader checks it, :meth:`nerveroot.datafile.Checker.cite`).
One formatter per form, shared by the figures, the quizzes, the chapters and the handout:

* :func:`role` - a MyST citation role for the book (``{cite:p}`Deville2000,Capra2011```);
  Sphinx turns it into the book's author-year citation and bibliography entry;
* :func:`label` / :func:`labels` - a short author-year label ("Devillé et al. 2000"), for
  text that Sphinx does not process (figure captions, quiz feedback, exports);
* :func:`reference` - the parts of a full reference (authors, title, where, year;volume:pages,
  URLs, DOI) as plain text, for lists that are not Sphinx's (the handout's numbered list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .paths import book_dir

_KEY_RE = re.compile(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", flags=re.M)


def bib_path() -> Path:
    return book_dir() / "references.bib"


@lru_cache(maxsize=None)
def _keys(path: str, mtime: float) -> frozenset[str]:
    return frozenset(_KEY_RE.findall(Path(path).read_text(encoding="utf-8")))


def keys(path: Path | None = None) -> frozenset[str]:
    """The citation keys defined in the book's bibliography (re-read when the file changes)."""
    path = path or bib_path()
    return _keys(str(path), path.stat().st_mtime)


@lru_cache(maxsize=None)
def _database(path: str, mtime: float):
    from pybtex.database import parse_file

    return parse_file(path, bib_format="bibtex")


def database():
    """The bibliography parsed by pybtex (re-read when the file changes)."""
    path = bib_path()
    return _database(str(path), path.stat().st_mtime)


def plain(text: str) -> str:
    """BibTeX field text as plain Unicode: accents decoded, braces dropped (``Devill{\\'e}`` -> Devillé)."""
    from pybtex.richtext import Text

    return Text.from_latex(text).render_as("text").strip()


# ---------------------------------------------------------------------------
# the forms of a citation
# ---------------------------------------------------------------------------


def role(keys: Iterable[str], kind: str = "p") -> str:
    """A MyST citation role (``{cite:p}`a,b```); duplicate keys once, in order; empty for no keys."""
    keys = list(dict.fromkeys(keys))
    return f"{{cite:{kind}}}`{','.join(keys)}`" if keys else ""


@lru_cache(maxsize=None)
def _labels(path: str, mtime: float, lang: str) -> dict[str, str]:
    from .i18n import strings

    words = strings("bibliography", lang)  # "n.d." and "et al." in the reader's language
    labels: dict[str, str] = {}
    for key, entry in _database(path, mtime).entries.items():
        people = entry.persons.get("author", [])
        year = entry.fields.get("year", words["no_year"])
        if not people:
            name = entry.fields.get("title", key)
        else:
            first = people[0]
            name = plain(" ".join(first.prelast_names + first.last_names) or str(first))
            if len(people) == 2 and str(people[1]) != "others":
                name += " & " + plain(" ".join(people[1].prelast_names + people[1].last_names))
            elif len(people) > 1:
                name += " " + words["others"]
        labels[key] = f"{name} {year}"
    return labels


def label(key: str, lang: str | None = None) -> str:
    """A short label such as "Devillé et al. 2000" for a key of ``book/references.bib``, in the reader's
    language ("Devillé m.fl. 2000")."""
    from .i18n import current_lang

    path = bib_path()
    return _labels(str(path), path.stat().st_mtime, lang or current_lang()).get(key, key)


def labels(keys: Iterable[str]) -> str:
    """Labels of several keys, separated by semicolons."""
    return "; ".join(label(k) for k in keys)


@dataclass(frozen=True)
class Reference:
    """The parts of one full reference, as plain text (the caller escapes them for its format)."""

    key: str
    authors: str
    title: str
    where: str
    detail: str  # "2007;356:2245-56"
    urls: tuple[str, ...]
    doi: str

    def parts(self) -> list[str]:
        """Authors, title and where, those that are not empty."""
        return [p for p in (self.authors, self.title, self.where) if p]


def reference(key: str) -> Reference:
    """The full reference of a key (``KeyError`` naming the file if it is not there)."""
    db = database()
    if key not in db.entries:
        raise KeyError(f"{key!r} is not in book/references.bib")
    e = db.entries[key]
    people = e.persons.get("author", [])
    if people:
        names = [plain(" ".join(p.last_names)) for p in people[:3]]
        from .i18n import strings

        authors = ", ".join(names) + (" " + strings("bibliography")["others"] if len(people) > 3 else "")
    else:
        authors = plain(e.fields.get("author", "")) if e.fields.get("author") else ""
    f = e.fields
    raw = [f.get("title", ""), f.get("journal") or f.get("institution") or f.get("publisher")
           or f.get("howpublished") or ""]
    urls = tuple(u for b in raw if b for u in re.findall(r"\\url\{([^}]*)\}", b))
    title, where = (plain(re.sub(r"\\url\{[^}]*\}", "", b)).rstrip(".").strip() if b else "" for b in raw)
    detail = f.get("year", "")
    if f.get("volume"):
        detail += f";{f['volume']}"
    if f.get("pages"):
        detail += ":" + f["pages"].replace("--", "–")
    return Reference(key=key, authors=authors.rstrip(".").strip(), title=title, where=where, detail=detail,
                     urls=urls, doi=f.get("doi", ""))
