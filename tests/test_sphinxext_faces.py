"""The Sphinx extension tells the kernels which builder runs, gives each builder its own cache,
and fails the build when an output is an error (a small Sphinx site built in the test process)."""

import io
import os
from pathlib import Path

import pytest
from sphinx.application import Sphinx

from nerveroot.display import BUILD_ENV

ERROR_PAGE = """Title
=====

.. code-block:: text
   :class: output traceback

   Traceback (most recent call last):
   FaceError: BrowserMissing: No Chromium-based browser was found. Install the Debian package 'chromium'
"""


def build(tmp_path: Path, page: str = "Title\n=====\n\ntext\n", extensions=("nerveroot.sphinxext",)):
    (tmp_path / "conf.py").write_text(f"extensions = {list(extensions)!r}\nhtml_theme = 'sphinx_book_theme'\n")
    (tmp_path / "index.rst").write_text(page)
    warnings = io.StringIO()
    out = tmp_path / "_build"
    app = Sphinx(str(tmp_path), str(tmp_path), str(out / "html"), str(out / ".doctrees"), "html", status=None,
                 warning=warnings)
    seen = []
    app.connect("doctree-read", lambda app, doctree: seen.append(os.environ.get(BUILD_ENV)))
    app.build()
    return app, seen, warnings.getvalue()


def test_kernels_are_told_the_builder_and_the_variable_is_restored(tmp_path, monkeypatch):
    monkeypatch.delenv(BUILD_ENV, raising=False)
    _, seen, _ = build(tmp_path)
    assert seen == ["html"]
    assert BUILD_ENV not in os.environ  # nothing leaks into the rest of the test run


def test_each_builder_has_its_own_execution_cache(tmp_path, monkeypatch):
    monkeypatch.delenv(BUILD_ENV, raising=False)
    app, _, _ = build(tmp_path, extensions=("myst_nb", "nerveroot.sphinxext"))
    assert Path(app.env.mystnb_config.execution_cache_path) == tmp_path / "_build" / ".jupyter_cache" / "html"


def test_an_error_output_fails_the_build_with_its_message(tmp_path, monkeypatch):
    monkeypatch.delenv(BUILD_ENV, raising=False)
    _, _, warnings = build(tmp_path, ERROR_PAGE)
    assert "a cell's output is an error: FaceError: BrowserMissing:" in warnings
    assert "Install the Debian package 'chromium'" in warnings


@pytest.mark.parametrize("builder, faces", [("html", "static"), ("dirhtml", "static"), ("latex", "print")])
def test_builders_show_static_or_print_faces(builder, faces):
    from nerveroot.sphinxext import _faces_of

    assert _faces_of(builder) == faces
