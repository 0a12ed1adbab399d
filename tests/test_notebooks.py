"""tests/notebooks/ holds up-to-date nbval copies of every notebook page of the book.

pytest collects those .ipynb files with --nbval-lax (see the Makefile): every cell
must run, and cells marked '# NBVAL_CHECK_OUTPUT' must reproduce their output.
"""

import jupytext
import nbformat
import pytest

from tools_loader import book_notebooks, target


@pytest.mark.parametrize("path", book_notebooks(), ids=lambda p: p.name)
def test_nbval_copy_is_current(path):
    out = target(path)
    assert out.is_file(), f"{out} is missing: run 'make notebooks' and commit it"
    source = [c.source for c in jupytext.read(path).cells if c.cell_type == "code"]
    copy = [c.source for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code"]
    assert copy == source, f"{out.name} is stale against {path.name}: run 'make notebooks' and commit it"


def test_every_notebook_page_is_in_the_toc(root):
    toc = (root / "_toc.yml").read_text()
    for path in book_notebooks():
        rel = path.relative_to(root).with_suffix("").as_posix()
        assert rel in toc, f"{rel} is a notebook but not in _toc.yml"
