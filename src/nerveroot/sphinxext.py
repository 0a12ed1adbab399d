"""The course's small Sphinx extension.

It does three things, once for the whole book, so chapters never special-case
anything:

1. Sets :data:`nerveroot.display.BUILD_ENV` so that the kernels the build starts
   (which inherit the environment) emit no live ipywidgets face: executed
   notebooks then carry no widget state, and no page needs widget JavaScript.
2. Serves the repository's ``assets/`` folder as static files (copied to
   ``_static/``; nothing there is loaded unless asked for).
3. Per page, adds the scripts and styles that the page's interactive elements
   declare with ``data-nr-needs="group ..."`` (see :data:`ASSET_GROUPS`), deferred
   so text renders first.  A page without figures loads no plotly.js.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .display import BUILD_ENV

logger = logging.getLogger(__name__)

#: Asset groups: name -> (scripts, stylesheets), paths relative to ``assets/``.
#: Scripts are loaded with ``defer`` in this order.
ASSET_GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "plotly": (
        ("vendor/plotly.js-basic-dist-min/plotly-basic.min.js", "js/nr-plotly.js"),
        (),
    ),
    "quiz": (("quiz/quiz.js",), ("quiz/quiz.css",)),
    "localiser": (("js/nr-localiser.js",), ("css/nr-localiser.css",)),
    "triage": (("js/nr-triage.js",), ("css/nr-triage.css",)),
}

NEEDS_RE = re.compile(r'data-nr-needs="([^"]*)"')


def needed_groups(body: str) -> list[str]:
    """Asset groups named by the ``data-nr-needs`` markers in a page's HTML."""
    groups: list[str] = []
    for match in NEEDS_RE.finditer(body):
        for name in match.group(1).split():
            if name not in groups:
                groups.append(name)
    return groups


def _builder_inited(app: Sphinx) -> None:
    os.environ[BUILD_ENV] = app.builder.name
    assets = Path(app.srcdir) / "assets"
    if assets.is_dir() and str(assets) not in app.config.html_static_path:
        app.config.html_static_path.append(str(assets))


def _is_unused(asset) -> bool:
    """Assets the theme stack adds to every page that the course never uses.

    thebe is disabled (``launch_buttons.thebe: false``), yet sphinx-thebe still adds
    its script, its stylesheet and an inline ``const THEBE_JS_URL`` - twice, which
    is a JavaScript error ("Identifier 'THEBE_JS_URL' has already been declared").
    """
    text = " ".join(str(v) for v in (getattr(asset, "filename", asset), *getattr(asset, "attributes", {}).values()))
    return "thebe" in text.lower()


def _drop_unused(files: list) -> None:
    files[:] = [f for f in files if not _is_unused(f)]


def _page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        if isinstance(context.get(key), list):
            _drop_unused(context[key])
    body = context.get("body") or ""
    for name in needed_groups(body):
        if name not in ASSET_GROUPS:
            logger.warning(
                "page %s asks for unknown asset group %r (known: %s); add it to "
                "nerveroot.sphinxext.ASSET_GROUPS",
                pagename,
                name,
                ", ".join(sorted(ASSET_GROUPS)),
                type="nerveroot",
                subtype="asset",
            )
            continue
        scripts, styles = ASSET_GROUPS[name]
        for path in scripts:
            app.add_js_file(path, loading_method="defer")
        for path in styles:
            app.add_css_file(path)


def setup(app: Sphinx) -> dict:
    os.environ[BUILD_ENV] = "1"  # as early as possible: before any notebook runs
    app.connect("builder-inited", _builder_inited)
    # late: after sphinx-thebe and the theme have added their assets to the page
    app.connect("html-page-context", _page_context, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
