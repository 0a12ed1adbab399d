"""The vendored plotly.js bundle matches what plotly.py expects, and keeps its licence."""

import json
import re

import plotly.offline

from nerveroot.sphinxext import ASSET_GROUPS


def test_vendored_plotlyjs_version_matches_plotly_py(root):
    folder = root / "assets" / "vendor" / "plotly.js-basic-dist-min"
    package = json.loads((folder / "package.json").read_text())
    expected = plotly.offline.get_plotlyjs_version()
    assert package["version"] == expected, (
        f"assets/vendor has plotly.js {package['version']} but plotly.py expects {expected}: "
        f"run 'npm pack plotly.js-basic-dist-min@{expected}' and replace the folder"
    )
    head = (folder / "plotly-basic.min.js").read_text(encoding="utf-8")[:400]
    assert re.search(rf"v{re.escape(expected)}\b", head)
    assert "MIT License" in (folder / "LICENSE").read_text()


def test_every_asset_group_file_exists(root):
    for name, (scripts, styles) in ASSET_GROUPS.items():
        for rel in (*scripts, *styles):
            assert (root / "assets" / rel).is_file(), f"asset group {name}: assets/{rel} is missing"
