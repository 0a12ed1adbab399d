"""User-facing strings of the widgets, kept together for translation.

Strings live in ``nerveroot/strings/<lang>/<widget>.yaml``: one folder per
language (``en`` is the reference), one file per widget.  A Danish edition adds
``strings/da/`` with the same files and keys; ``tests/test_i18n.py`` checks that
every language has every key of English.  Choose the language with the argument
or with ``NERVEROOT_LANG`` (default ``en``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources

import yaml

DEFAULT_LANG = "en"


def _folder(lang: str | None = None):
    base = resources.files("nerveroot") / "strings"
    return base if lang is None else base / lang


def languages() -> list[str]:
    """The languages that have a strings folder."""
    return sorted(p.name for p in _folder().iterdir() if p.is_dir() and not p.name.startswith("_"))


def widgets(lang: str = DEFAULT_LANG) -> list[str]:
    """The widgets that have strings in ``lang``."""
    return sorted(p.name[:-5] for p in _folder(lang).iterdir() if p.name.endswith(".yaml"))


@lru_cache(maxsize=None)
def _load(lang: str, widget: str) -> dict:
    if lang not in languages():
        raise ValueError(f"no strings for language {lang!r}; available: {', '.join(languages())}")
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
    """All strings of one widget, in ``lang`` (default: ``NERVEROOT_LANG`` or English)."""
    return _load(lang or os.environ.get("NERVEROOT_LANG", DEFAULT_LANG), widget)
