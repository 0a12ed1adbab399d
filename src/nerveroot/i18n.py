"""Languages of the course, and the user-facing strings of the widgets.

**Which language.** :func:`current_lang` answers, in this order: the language set with
:func:`use_language` (a context manager, for code that renders one object in a given language),
else ``NERVEROOT_LANG`` (the Danish book build sets it for its kernels), else English.  Every
function that takes ``lang=None`` means "the current language".

**Widget strings** live in ``nerveroot/strings/<lang>/<widget>.yaml``: one folder per language
(``en`` is the reference), one file per widget; ``tests/test_i18n.py`` checks that every
language has every file and key of English, with the same ``{placeholders}``.  Prose goes
through Sphinx's gettext catalogues (``locales/<lang>/LC_MESSAGES/book/``), the clinical data's
text through the data catalogues (:mod:`nerveroot.catalogue`), quiz banks through parallel files
(``book/quizzes/<lang>/``).

**Editions.** Every language with a strings folder is an edition of the book: English at the
site root (``_build/html/book/...``), another language ``L`` under ``_build/html/L/`` with the same
page paths (:func:`edition_prefix`).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from functools import lru_cache
from importlib import resources

import yaml

#: Widget strings an edition may leave empty (then the text they would add is left out), and why.
MAY_BE_EMPTY = {
    ("tables", "symptoms_danish"): "in the Danish edition the symptom is already named in Danish",
}
DEFAULT_LANG = "en"
LANG_ENV = "NERVEROOT_LANG"

_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("nerveroot_lang", default=None)


def _folder(lang: str | None = None):
    base = resources.files("nerveroot") / "strings"
    return base if lang is None else base / lang


@lru_cache(maxsize=1)
def languages() -> list[str]:
    """The languages that have a strings folder (the editions of the book), English first."""
    found = sorted(p.name for p in _folder().iterdir() if p.is_dir() and not p.name.startswith("_"))
    return sorted(found, key=lambda lang: lang != DEFAULT_LANG)


def check_lang(lang: str) -> str:
    """``lang`` if the course has it; otherwise a ``ValueError`` naming the languages there are."""
    if lang not in languages():
        raise ValueError(f"no strings for language {lang!r}; available: {', '.join(languages())}")
    return lang


def current_lang(lang: str | None = None) -> str:
    """``lang`` if given, else the language of :func:`use_language`, else ``NERVEROOT_LANG``, else English."""
    return lang or _LANG.get() or os.environ.get(LANG_ENV) or DEFAULT_LANG


@contextlib.contextmanager
def use_language(lang: str | None):
    """Within the block, :func:`current_lang` is ``lang`` (``None``: leave it as it is)."""
    if not lang:
        yield
        return
    token = _LANG.set(check_lang(lang))
    try:
        yield
    finally:
        _LANG.reset(token)


def edition_prefix(lang: str) -> str:
    """Where an edition lives in the built site, relative to its root: ``""`` for English, ``"da/"``."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def widgets(lang: str = DEFAULT_LANG) -> list[str]:
    """The widgets that have strings in ``lang``."""
    return sorted(p.name[:-5] for p in _folder(lang).iterdir() if p.name.endswith(".yaml"))


@lru_cache(maxsize=None)
def _load(lang: str, widget: str) -> dict:
    check_lang(lang)
    path = _folder(lang) / f"{widget}.yaml"
    if not path.is_file():
        raise KeyError(
            f"strings/{lang}/ has no file {widget}.yaml; widgets with strings: {', '.join(widgets(lang))}"
        )
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"strings/{lang}/{widget}.yaml: expected a mapping of key -> text")
    return data


def strings(widget: str, lang: str | None = None) -> dict:
    """All strings of one widget, in ``lang`` (default: :func:`current_lang`)."""
    return _load(current_lang(lang), widget)


def decimal(text: str, lang: str | None = None) -> str:
    """Numbers in a text written with the language's decimal mark: ``"0.91 (0.82–0.94)"`` is
    ``"0,91 (0,82–0,94)"`` in Danish (``decimal_mark`` in ``strings/<lang>/display.yaml``)."""
    import re

    mark = strings("display", lang)["decimal_mark"]
    return text if mark == "." else re.sub(r"(?<=\d)\.(?=\d)", mark, text)


def says(text: str, term: str) -> bool:
    """Whether ``text`` already says ``term`` (case aside): then a gloss "(term)" after it would only repeat
    it, as a Danish term after Danish text does in the Danish edition."""
    return term.casefold() in text.casefold()
