"""Import tools/make_test_notebooks.py (not a package) for the tests."""

import importlib.util
from pathlib import Path

_path = Path(__file__).resolve().parents[1] / "tools" / "make_test_notebooks.py"
_spec = importlib.util.spec_from_file_location("make_test_notebooks", _path)
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)

book_notebooks = _mod.book_notebooks
target = _mod.target
