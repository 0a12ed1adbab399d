"""The book's pages in reading order, from _toc.yml (shared by the tests that walk the book)."""

from __future__ import annotations

from pathlib import Path

from nerveroot import paths

ROOT = Path(__file__).resolve().parents[1]


def toc_files(root: Path | None = None) -> list[str]:
    """Every page of the table of contents, the root page first: ``["book/intro", "book/anatomy", ...]``."""
    return paths.toc_files(root or ROOT)
