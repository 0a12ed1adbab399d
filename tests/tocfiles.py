"""The book's pages in reading order, from _toc.yml (shared by the tests that walk the book)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def toc_files(root: Path | None = None) -> list[str]:
    """Every page of the table of contents, the root page first: ``["book/intro", "book/anatomy", ...]``."""
    toc = yaml.safe_load(((root or ROOT) / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc.get("parts", toc.get("chapters", [])))
    return files
