"""User-facing strings of the widgets, kept together for translation.

Each language is one YAML file in ``nerveroot/strings/`` (``en.yaml`` is the
reference); each widget has its own section.  A Danish edition adds ``da.yaml``
with the same keys; ``tests/test_i18n.py`` checks that every language has every
key of English.  Choose the language with ``NERVEROOT_LANG`` (default ``en``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources

import yaml

DEFAULT_LANG = "en"


def languages() -> list[str]:
    """The languages that have a strings file."""
    folder = resources.files("nerveroot") / "strings"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@lru_cache(maxsize=None)
def _load(lang: str) -> dict:
    path = resources.files("nerveroot") / "strings" / f"{lang}.yaml"
    if not path.is_file():
        raise ValueError(f"no strings for language {lang!r}; available: {', '.join(languages())}")
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of widget name -> strings")
    return data


def strings(widget: str, lang: str | None = None) -> dict:
    """All strings of one widget, in ``lang`` (default: ``NERVEROOT_LANG`` or English)."""
    lang = lang or os.environ.get("NERVEROOT_LANG", DEFAULT_LANG)
    data = _load(lang)
    if widget not in data:
        raise KeyError(f"strings/{lang}.yaml has no section {widget!r}; sections: {', '.join(sorted(data))}")
    return data[widget]
