#!/usr/bin/env python3
"""Write tests/notebooks/: executed .ipynb copies of the book's notebooks, for nbval.

The chapters are MyST Markdown notebooks (book/*.md with a kernelspec), which read
and diff well; nbval collects only .ipynb.  This script converts each one with
jupytext, executes it (as a reader's kernel would: live faces included), and keeps
the outputs only of cells marked ``# NBVAL_CHECK_OUTPUT`` - those nbval compares;
the rest only have to run without error (``--nbval-lax``).

tests/test_notebooks.py fails when a copy is missing or its cell sources differ
from the chapter: then run ``make notebooks`` and commit the result.

Usage: tools/make_test_notebooks.py [book/chapter.md ...]   (default: all)
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "notebooks"
MARK = "# NBVAL_CHECK_OUTPUT"


def book_notebooks() -> list[Path]:
    """Every book page that is a notebook (has code cells and a kernelspec)."""
    found = []
    for path in sorted((ROOT / "book").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---") and "kernelspec:" in text.split("\n---", 1)[0]:
            found.append(path)
    return found


def target(path: Path) -> Path:
    rel = path.relative_to(ROOT / "book").with_suffix(".ipynb")
    return OUT / rel


def convert(path: Path) -> nbformat.NotebookNode:
    nb = jupytext.read(path)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(target(path).parent)}})
    target(path).parent.mkdir(parents=True, exist_ok=True)
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        if MARK not in cell.source:
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("jupytext", None)
    return nb


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or book_notebooks()
    for path in paths:
        nb = convert(path)
        out = target(path)
        nbformat.write(nb, out)
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
