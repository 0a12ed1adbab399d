"""Where the course's files are, whatever the working directory.

Notebooks run with different working directories (``book/`` in the book build and
in JupyterLab, ``tests/notebooks/`` under nbval), so code never opens paths
relative to the working directory: it asks :func:`repo_root`.
"""

from __future__ import annotations

import os
from pathlib import Path


def repo_root(start: Path | None = None) -> Path:
    """The course's root folder (the one holding ``_config.yml`` and ``book/``).

    ``NERVEROOT_ROOT`` overrides the search; otherwise the working directory and
    its parents are searched, then the package's own location (editable install).
    """
    env = os.environ.get("NERVEROOT_ROOT")
    if env:
        return Path(env).resolve()
    candidates = [Path(start or Path.cwd()).resolve()]
    candidates.append(Path(__file__).resolve())
    for base in candidates:
        for folder in [base, *base.parents]:
            if (folder / "_config.yml").is_file() and (folder / "book").is_dir():
                return folder
    raise FileNotFoundError(
        "cannot find the course folder (with _config.yml and book/) from "
        f"{candidates[0]}; run from inside the repository or set NERVEROOT_ROOT"
    )


def book_dir() -> Path:
    return repo_root() / "book"


def toc_files(root: Path | None = None) -> list[str]:
    """Every page of the table of contents (``_toc.yml``) in reading order, the root page first:
    ``["book/intro", "book/anatomy", ...]``."""
    import yaml

    toc = yaml.safe_load(((root or repo_root()) / "_toc.yml").read_text(encoding="utf-8"))
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
