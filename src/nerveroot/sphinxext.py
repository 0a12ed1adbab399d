"""The course's small Sphinx extension.

It does these things, once for the whole book, so chapters never special-case
anything:

1. Sets :data:`nerveroot.display.BUILD_ENV` to the builder's name, so that the kernels
   the build starts (which inherit the environment) compute only that builder's faces:
   ``text/html`` for HTML (no browser needed), the print face for LaTeX, and never the
   live ipywidgets face (executed notebooks carry no widget state, no page needs widget
   JavaScript).  Because the outputs now differ by builder, each builder gets its own
   myst-nb execution cache (``_build/.jupyter_cache/<builder>``), and a builder re-reads
   the notebooks that another builder read last (they share ``_build/.doctrees``).
2. Serves the repository's ``assets/`` folder as static files (copied to
   ``_static/``; nothing there is loaded unless asked for).
3. Fails the strict build when a cell's output is an error (a display that failed, such as a
   PNG print face without Chromium), with the error's message.
4. Per page, adds the scripts and styles that the page's interactive elements
   declare with ``data-nr-needs="group ..."`` (see :data:`ASSET_GROUPS`), deferred
   so text renders first.  A page without figures loads no plotly.js.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from . import i18n
from .display import BUILD_ENV, prints
from .i18n import DEFAULT_LANG

logger = logging.getLogger(__name__)

#: Asset groups: name -> (scripts, stylesheets), paths relative to ``assets/``.
#: Scripts are loaded with ``defer`` in this order; each script once per page.  Every group
#: starts with ``js/nr-core.js``: the shared runtime (readiness signal, ``window.nerveroot``).
#: plotly.js is in no group: ``js/nr-plotly.js`` loads it (:data:`PLOTLY_JS`) when the reader
#: comes to a figure.
CORE_JS = "js/nr-core.js"
PLOTLY_JS = "vendor/plotly.js-basic-dist-min/plotly-basic.min.js"
ASSET_GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "plotly": ((CORE_JS, "js/nr-plotly.js"), ()),
    "quiz": ((CORE_JS, "quiz/quiz.js"), ("quiz/quiz.css",)),
    "localiser": ((CORE_JS, "js/nr-rules.js", "js/nr-localiser.js"), ("css/nr-localiser.css",)),
    "triage": ((CORE_JS, "js/nr-rules.js", "js/nr-triage.js"), ("css/nr-triage.css",)),
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


#: Name of the cache folder myst-nb's default would use, under the build folder.
CACHE_DIR = ".jupyter_cache"


def _faces_of(builder_name: str) -> str:
    """Which kind of faces a builder's notebooks carry (what their doctrees depend on)."""
    return "print" if prints(builder_name) else "static"


def _builder_inited(app: Sphinx) -> None:
    """Tell the kernels which builder runs, and give that builder its own execution cache.

    Connected before myst-nb's own ``builder-inited`` handler, which reads
    ``nb_execution_cache_path``.
    """
    app._nerveroot_previous_build_env = os.environ.get(BUILD_ENV)
    os.environ[BUILD_ENV] = app.builder.name
    if hasattr(app.config, "nb_execution_cache_path") and not app.config.nb_execution_cache_path:
        app.config.nb_execution_cache_path = str(_build_root(app) / CACHE_DIR / _cache_name(app))


def _build_root(app: Sphinx) -> Path:
    """The build folder (``_build``): the parent of the doctrees, wherever the output goes
    (``_build/html``, ``_build/html/da``, ``_build/latex-da``...)."""
    return Path(app.doctreedir).parent


def _cache_name(app: Sphinx) -> str:
    """The execution cache of a builder in an edition: ``html``, ``latex``, ``html-da``..."""
    lang = _edition_lang(app)
    return app.builder.name if lang == DEFAULT_LANG else f"{app.builder.name}-{lang}"


def _outdated_for_faces(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Re-read every document when the last build that read them showed the other faces.

    The HTML and LaTeX builders share the doctree cache, but their notebooks' outputs now
    differ (static faces against print faces): a PDF built after the HTML book must not reuse
    doctrees without the PNGs, nor the reverse.
    """
    faces = _faces_of(app.builder.name)
    previous = getattr(env, "nerveroot_faces", None)
    env.nerveroot_faces = faces
    if previous is None or previous == faces:
        return []
    return sorted(set(env.found_docs) - set(added) - set(changed))


def _build_finished(app: Sphinx, exception) -> None:
    """Put the environment back, so a build run inside another program (a test) leaves no trace."""
    previous = getattr(app, "_nerveroot_previous_build_env", None)
    if previous is None:
        os.environ.pop(BUILD_ENV, None)
    else:
        os.environ[BUILD_ENV] = previous


def _report_error_outputs(app: Sphinx, doctree) -> None:
    """An output that is an error fails the strict build, with the error's own message.

    ``allow_errors: false`` only catches a cell that raises.  When a *display* fails, IPython
    catches the error, shows its traceback as an output and carries on, and the build would
    print that traceback where a figure belongs: a PDF built without Chromium, for instance,
    would silently lose every figure.  The error's last line names the problem and the fix
    (``BrowserMissing: ... sudo apt-get install chromium``).
    """
    for node in doctree.findall(nodes.literal_block):
        classes = node.get("classes", [])
        if "output" in classes and "traceback" in classes:
            lines = [line for line in node.astext().splitlines() if line.strip()]
            logger.warning("a cell's output is an error: %s", lines[-1] if lines else "(no message)",
                           location=node, type="nerveroot", subtype="output")


def _static_path(app: Sphinx) -> None:
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


# --- Page weight (issue 14): nothing in <head> that a page does not use -------------------------------
#
# Sphinx, the theme and their extensions put about ten scripts and eleven stylesheets in every page's
# <head>, most of them synchronous: the first paint waits for all of them.  Per page, from the page's
# own HTML, these handlers keep only what the page uses and defer every script that can wait.  The
# theme's own markup is adjusted by two small template blocks (templates/layout.html, search.html)
# through the filters below; nothing of the theme is copied.

#: Assets of the theme stack that only some pages use: (scripts, stylesheets, uses(body)).
#: Inline scripts are dropped with their script when their text names it (``togglebutton``).
def _class_tokens(body: str) -> set[str]:
    return {tok for value in re.findall(r'class="([^"]*)"', body) for tok in value.split()}


def uses_code_blocks(body: str) -> bool:
    """A code block (Pygments' ``div.highlight``): the copy button and Pygments' colours."""
    return "highlight" in _class_tokens(body)


def uses_toggles(body: str) -> bool:
    """sphinx-togglebutton's elements: ``.toggle`` or a dropdown admonition."""
    tokens = _class_tokens(body)
    return "toggle" in tokens or any({"admonition", "dropdown"} <= set(v.split())
                                     for v in re.findall(r'class="([^"]*)"', body))


def uses_design(body: str) -> bool:
    """A sphinx-design component (cards, dropdowns, grids, tabs...)."""
    return any(tok.startswith("sd-") for tok in _class_tokens(body))


def uses_tabs(body: str) -> bool:
    return "sd-tab-set" in _class_tokens(body)


def uses_cells(body: str) -> bool:
    """A notebook cell (myst-nb's input and output styles)."""
    return bool({"cell", "cell_input", "cell_output"} & _class_tokens(body))


PAGE_FEATURES: dict[str, tuple[tuple[str, ...], tuple[str, ...], object]] = {
    "copybutton": (("clipboard.min.js", "copybutton.js"), ("copybutton.css",), uses_code_blocks),
    "pygments": ((), ("pygments.css",), uses_code_blocks),
    "togglebutton": (("togglebutton.js",), ("togglebutton.css",), uses_toggles),
    "sphinx-design": ((), ("sphinx-design.min.css",), uses_design),
    "sphinx-design tabs": (("design-tabs.js",), (), uses_tabs),
    "myst-nb cells": ((), ("mystnb.",), uses_cells),
}

#: Scripts that stay synchronous: inline scripts of the theme read ``DOCUMENTATION_OPTIONS`` at once.
KEEP_SYNC = ("documentation_options.js",)


def _asset_name(asset) -> str:
    return os.path.basename(str(getattr(asset, "filename", asset) or "").split("?")[0])


def _matches(name: str, names: tuple[str, ...]) -> bool:
    return any(name == n or (n.endswith(".") and name.startswith(n)) for n in names)


def unused_features(body: str) -> list[str]:
    """The features of :data:`PAGE_FEATURES` a page's HTML does not use."""
    return [name for name, (_, _, used) in PAGE_FEATURES.items() if not used(body)]


def _lean_page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Drop the theme stack's scripts and styles that this page does not use; defer the others.

    Pages without a body of their own (search, the general index) use none of them."""
    body = context.get("body")
    body = body if isinstance(body, str) else ""
    scripts, styles = context.get("script_files"), context.get("css_files")
    unused = unused_features(body)
    drop_js = tuple(n for f in unused for n in PAGE_FEATURES[f][0])
    drop_css = tuple(n for f in unused for n in PAGE_FEATURES[f][1])
    if isinstance(styles, list):
        styles[:] = [c for c in styles if not _matches(_asset_name(c), drop_css)]
    if not isinstance(scripts, list):
        return
    kept = []
    for js in scripts:
        name = _asset_name(js)
        attrs = dict(getattr(js, "attributes", {}) or {})
        if name and _matches(name, drop_js):
            continue
        inline = attrs.get("body", "")
        if not name and "togglebutton" in unused and "toggle" in inline.lower():
            continue  # sphinx-togglebutton's settings (toggleHintShow, togglebuttonSelector...)
        if name and name not in KEEP_SYNC and "async" not in attrs and "defer" not in attrs:
            js = type(js)(js.filename, priority=js.priority, **{**attrs, "defer": "defer"})
        kept.append(js)
    scripts[:] = kept


_SCRIPT_TAG = re.compile(r"\s*<script\b[^>]*>\s*</script>")
_PRELOAD_SCRIPT = re.compile(r'\s*<link rel="preload" as="script"[^>]*>')
#: Scripts the theme writes into every page's <head> that the course does not use there:
#: Font Awesome's 1.5 MB SVG script (the course's icons are ``css/nr-icons.css``) and Sphinx's
#: search (it runs on the search page, which loads it itself; the search box elsewhere is a form).
HEAD_SCRIPTS_NOT_USED = ("scripts/fontawesome.js", "_static/searchtools.js", "_static/language_data.js",
                         "searchindex.js")


#: Each figure's spec leaves the page for a file of its own, ``_static/figures/<figure id>.js``, which
#: ``js/nr-plotly.js`` loads with plotly.js when the reader comes to the figure: until then a page
#: carries only the figure's picture (the accuracy calculator's spec alone is 55 KB).
FIGURE_SPECS = "figures"
_SPEC_SCRIPT = re.compile(r'<script type="application/json" class="nr-plotly-spec" data-for="([^"]+)">(.*?)</script>',
                          re.S)


def _figure_specs_to_files(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Move every figure spec of the page into its own script file (named by the figure's id, a hash
    of the spec: the same figure on two pages is one file), leaving an empty element that names it."""
    body = context.get("body")
    if not isinstance(body, str) or 'class="nr-plotly-spec"' not in body:
        return
    folder = Path(app.outdir) / "_static" / FIGURE_SPECS
    folder.mkdir(parents=True, exist_ok=True)

    def move(match):
        fid, spec = match.group(1), match.group(2).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        (folder / f"{fid}.js").write_text(f'window.nerveroot.figureSpec("{fid}",{spec});\n', encoding="utf-8")
        src = context["pathto"](f"_static/{FIGURE_SPECS}/{fid}.js", 1)
        return f'<script type="application/json" class="nr-plotly-spec" data-for="{fid}" data-src="{src}"></script>'

    context["body"] = _SPEC_SCRIPT.sub(move, body)


#: The theme's stylesheets as one (:func:`_write_theme_css`): pydata-sphinx-theme's ``theme.css`` only
#: ``@import``s Sphinx's ``basic.css`` (a second round trip before the first paint), and its main
#: stylesheet carries a rule for each of Font Awesome's ~1900 icons (70 KB) for a font no page uses.
THEME_CSS = "styles/nr-theme.css"
_THEME_LINK = re.compile(r'\s*<link href="([^"]*)styles/(theme|pydata-sphinx-theme)\.css(\?[^"]*)?" rel="stylesheet" />')
_FA_GLYPHS = re.compile(r'(?:\.fa-[a-z0-9-]+:(?:before|after),?)+\{content:"[^"]*"\}')


def lean_head(markup: str) -> str:
    """Template filter ``nr_lean_head``: the theme's head markup without the scripts the course
    does not use (:data:`HEAD_SCRIPTS_NOT_USED`), without preloading the theme's own scripts (they
    are deferred at the end of the page: in <head> they compete with the stylesheets), and with the
    theme's two stylesheets as the one :data:`THEME_CSS`."""
    def keep(match):
        tag = match.group(0)
        src = re.search(r'src="([^"?]*)', tag)
        return "" if src and src.group(1).endswith(HEAD_SCRIPTS_NOT_USED) else tag

    def one_sheet(match):
        prefix, name, query = match.group(1), match.group(2), match.group(3) or ""
        if name == "theme":
            return ""
        return f'\n<link href="{prefix}{THEME_CSS}{query}" rel="stylesheet" />'

    text = _SCRIPT_TAG.sub(keep, str(markup))
    text = _THEME_LINK.sub(one_sheet, text)
    return _markup(_PRELOAD_SCRIPT.sub("", text))


def theme_css(basic: str, theme: str) -> str:
    """Sphinx's ``basic.css`` and pydata-sphinx-theme's stylesheet as one, without Font Awesome's
    icon rules (the course's icons are ``css/nr-icons.css``).  Relative URLs of ``basic.css`` are
    rewritten for the ``styles/`` folder."""
    basic = re.sub(r"url\((['\"]?)(?![a-z]+:|/|\.\./)", r"url(\1../", basic)
    return ("/* nerveroot: Sphinx's basic.css and pydata-sphinx-theme's stylesheet, without Font Awesome's "
            "icon rules (nerveroot.sphinxext.theme_css) */\n" + basic + "\n" + _FA_GLYPHS.sub("", theme))


def _write_theme_css(app: Sphinx, exception) -> None:
    """Write :data:`THEME_CSS` from the theme's files the build copied (the pages link it)."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    basic, theme = static / "basic.css", static / "styles" / "pydata-sphinx-theme.css"
    if not (basic.is_file() and theme.is_file()):
        return  # another theme: its pages keep their own stylesheets (the filter found no link)
    (static / THEME_CSS).write_text(theme_css(basic.read_text(encoding="utf-8"), theme.read_text(encoding="utf-8")),
                                    encoding="utf-8")


def defer_scripts(markup: str) -> str:
    """Template filter ``nr_defer_scripts``: every external script deferred (order kept), but
    :data:`KEEP_SYNC`."""
    def defer(match):
        tag = match.group(0)
        if "src=" not in tag or re.search(r"\s(defer|async)\b", tag) or any(n in tag for n in KEEP_SYNC):
            return tag
        return tag.replace("<script ", "<script defer ", 1)

    return _markup(re.sub(r"<script\b[^>]*>", defer, str(markup)))


def _markup(text: str):
    from markupsafe import Markup

    return Markup(text)


def _template_filters(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None:
        environment.filters["nr_lean_head"] = lean_head
        environment.filters["nr_defer_scripts"] = defer_scripts


# --- Reader experience (issue 9): landmarks, ARIA roles, link previews, a 404 page ---------------

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: sphinx-book-theme's primary sidebar (its theme.conf ``sidebars``), with the title link wrapped
#: in a landmark: axe-core's "region" rule finds the bare title link outside every landmark.
SIDEBAR = ["nr-sidebar-brand.html", "icon-links.html", "search-button-field.html", "sbt-sidebar-nav.html"]

#: Environment variable giving the URL the site is published at (for example
#: ``https://example.github.io/nerveroot/``) when ``html_baseurl`` is not set; the Pages
#: workflow sets it, so the 404 page links work from a sub-path.
BASEURL_ENV = "NERVEROOT_BASEURL"


def _config_inited(app: Sphinx, config) -> None:
    # a new list: the default one is shared, and another Sphinx app in the same process (a test)
    # would inherit the course's templates
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    if not config.html_sidebars:
        config.html_sidebars = {"**": SIDEBAR}
    # sphinx-book-theme hides pydata-sphinx-theme's header bar, but that bar's hidden menu button
    # comes first in the page, and both themes' scripts bind only the first ".primary-toggle":
    # the visible button in the article header then does nothing, and on a phone the table of
    # contents cannot be opened.  A header bar with no items is not rendered at all.
    for key in ("navbar_start", "navbar_center", "navbar_end", "navbar_persistent"):
        config.html_theme_options.setdefault(key, [])
    if not config.html_baseurl and os.environ.get(BASEURL_ENV):
        config.html_baseurl = os.environ[BASEURL_ENV]


def base_path(baseurl: str) -> str:
    """The path part of the published URL, ending in '/': what the 404 page's ``<base>`` is."""
    from urllib.parse import urlparse

    path = urlparse(baseurl or "").path or "/"
    return path if path.endswith("/") else path + "/"


def fix_body_markup(body: str) -> str:
    """Small ARIA repairs to docutils' HTML that axe-core reports (no rule is disabled).

    docutils gives each bibliography entry ``role="doc-biblioentry"`` inside a
    ``role="list"``: the role is deprecated (DPUB-ARIA 1.1) and not allowed on a ``div``, so
    the list has no list items ("aria-required-children").  ``listitem`` is what it means.
    """
    return body.replace('role="doc-biblioentry"', 'role="listitem"')


def _meta_tags(app: Sphinx, pagename: str, context: dict) -> str:
    """Link-preview text (Open Graph, ``description``); nothing that fetches anything."""
    from html import escape

    site = context.get("docstitle") or app.config.project
    title = context.get("title") or site
    desc = _description(app)
    tags = []
    if desc and 'name="description"' not in (context.get("metatags") or ""):
        tags.append(f'<meta name="description" content="{escape(desc)}" />')
    tags += [
        f'<meta property="og:title" content="{escape(title if title == site else f"{title} | {site}", quote=True)}" />',
        f'<meta property="og:site_name" content="{escape(site)}" />',
        '<meta property="og:type" content="website" />',
        f'<meta property="og:locale" content="{escape(app.config.language or "en")}" />',
        '<meta name="twitter:card" content="summary" />',
    ]
    if desc:
        tags.append(f'<meta property="og:description" content="{escape(desc)}" />')
    if app.config.html_baseurl:
        url = app.config.html_baseurl.rstrip("/") + "/" + app.builder.get_target_uri(pagename)
        tags.append(f'<meta property="og:url" content="{escape(url)}" />')
    return "\n".join(tags)


NOT_FOUND = "404"


def _collect_pages(app: Sphinx):
    """A themed 404 page at the site root.  Static hosts (GitHub Pages, Netlify, nginx with
    ``error_page``) serve it at whatever URL was missing, so its relative links are resolved
    against a ``<base>`` naming the site root (from ``html_baseurl`` / ``NERVEROOT_BASEURL``)."""
    if app.builder.format != "html" or app.builder.name == "singlehtml":
        return
    from html import escape

    home = app.builder.get_relative_uri(NOT_FOUND, app.config.root_doc)
    s = _site_strings(app)
    body = (
        f'<section id="page-not-found"><h1>{escape(s["not_found_title"])}</h1>'
        f"<p>{escape(s['not_found_text'])}</p>"
        f'<p><a href="{home}">{escape(s["not_found_home"])}</a>{escape(s["not_found_rest"])}</p></section>'
    )
    yield NOT_FOUND, {"title": s["not_found_title"], "body": body, "display_toc": False}, "page.html"


def _reader_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if isinstance(context.get("body"), str):
        context["body"] = fix_body_markup(context["body"])
    extra = _meta_tags(app, pagename, context)
    metatags = context.get("metatags") or ""
    if pagename == NOT_FOUND:
        # the <base> comes before every relative URL of the page (the editions' hreflang links among them)
        base = f'<base href="{base_path(app.config.html_baseurl)}{i18n.edition_prefix(_edition_lang(app))}" />'
        metatags = base + "\n" + metatags
        extra = '<meta name="robots" content="noindex" />\n' + extra
    context["metatags"] = metatags + "\n" + extra


# ---------------------------------------------------------------------------
# Danish terms: {da}`ridebukseanæstesi`
# ---------------------------------------------------------------------------


class danish(nodes.emphasis):
    """A Danish term in the English text: italic, marked as Danish.

    HTML: ``<em lang="da">`` so screen readers switch voice (WCAG 3.1.2, language of parts).
    LaTeX: ``\\foreignlanguage{danish}`` so XeLaTeX hyphenates it with Danish patterns
    (polyglossia; the preamble declares Danish as an other language).
    """


def danish_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [danish(rawtext, text)], []


class english(nodes.emphasis):
    """An English term in the text of another edition (``{en}`sciatica```): italic, marked as English.

    The Danish edition names the English terms a student will meet in the literature; marked, a
    screen reader says them in English and XeLaTeX hyphenates them with English patterns.
    """


def english_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [english(rawtext, text)], []


def _visit_english_html(self, node):
    self.body.append(self.starttag(node, "em", "", lang="en", CLASS="nr-en"))


def _visit_english_latex(self, node):
    self.body.append(r"\foreignlanguage{english}{\sphinxstyleemphasis{")


def _visit_danish_html(self, node):
    self.body.append(self.starttag(node, "em", "", lang="da", CLASS="nr-da"))


def _depart_danish_html(self, node):
    self.body.append("</em>")


def _visit_danish_latex(self, node):
    self.body.append(r"\foreignlanguage{danish}{\sphinxstyleemphasis{")


def _depart_danish_latex(self, node):
    self.body.append("}}")


def _visit_danish_text(self, node):
    pass


def _depart_danish_text(self, node):
    pass


REDIRECT_RE = re.compile(r'^\s*<meta http-equiv="Refresh" content="0; url=([^"]+)" />\s*$')


def _complete_redirect(app: Sphinx, exception) -> None:
    """Make the site's ``index.html`` a small proper page, not a bare ``<meta>`` redirect.

    sphinx-external-toc writes ``index.html`` as one ``<meta http-equiv="Refresh">`` line. With no
    icon link, Chromium sometimes asks the host root for ``/favicon.ico`` while following it: a 404
    (and a console error) for a site served from a sub-path, as on GitHub Pages. The page written
    here keeps the same redirect and adds a language, a title, the course's icon and a visible link.
    """
    if exception is not None or "html" not in app.builder.format:
        return
    index = Path(app.outdir) / "index.html"
    if not index.is_file():
        return
    match = REDIRECT_RE.match(index.read_text(encoding="utf-8"))
    if not match:
        return
    target = match.group(1)
    title = app.config.html_title or app.config.project
    icon = "_static/favicon.svg" if (Path(app.outdir) / "_static" / "favicon.svg").is_file() else None
    icon_link = f'<link rel="icon" href="{icon}" type="image/svg+xml" />\n' if icon else ""
    index.write_text(
        "<!DOCTYPE html>\n"
        f'<html lang="{app.config.language or "en"}">\n<head>\n<meta charset="utf-8" />\n'
        f'<meta http-equiv="Refresh" content="0; url={target}" />\n'
        f"<title>{title}</title>\n{icon_link}</head>\n"
        f'<body><p><a href="{target}">{title}</a></p></body>\n</html>\n',
        encoding="utf-8",
    )


# ---------------------------------------------------------------------------
# Editions in several languages (issue 15): one source, English at the site root and each other
# language under /<lang>/ with the same page paths (built by nerveroot.build).
# ---------------------------------------------------------------------------

#: The template of the language switcher, first in the article header of every page.
EDITIONS_TEMPLATE = "nr-editions.html"


def _edition_lang(app: Sphinx) -> str:
    """The edition being built: the configured language if the course has it, else English."""
    lang = app.config.language or DEFAULT_LANG
    return lang if lang in i18n.languages() else DEFAULT_LANG


def _site_strings(app: Sphinx) -> dict:
    """The site's own words (title, link preview, 404 page, switcher) in the edition's language."""
    return i18n.strings("site", _edition_lang(app))


def _description(app: Sphinx) -> str:
    """Link-preview text: ``nerveroot_description`` if a site sets it (English), else the edition's."""
    if app.config.nerveroot_description and _edition_lang(app) == DEFAULT_LANG:
        return app.config.nerveroot_description
    return _site_strings(app)["description"] if "site" in i18n.widgets(_edition_lang(app)) else ""


def _edition_config(app: Sphinx, config) -> None:
    """Title, language switcher and LaTeX languages of the edition being built."""
    lang = config.language or DEFAULT_LANG
    if lang not in i18n.languages():
        return
    if lang != DEFAULT_LANG:
        site = i18n.strings("site", lang)
        config.project = config.html_title = site["title"]
        config.author = site["author"]
    # the search box's placeholder (Jupyter Book sets an English one for every language)
    config.html_theme_options["search_bar_text"] = i18n.strings("site", lang)["search_placeholder"]
    if len(i18n.languages()) > 1:
        options = config.html_theme_options
        end = list(options.get("article_header_end") or ["article-header-buttons.html"])
        if EDITIONS_TEMPLATE not in end:
            options["article_header_end"] = [EDITIONS_TEMPLATE, *end]
    # {da} terms are Danish: in an edition whose main language is not Danish, XeLaTeX needs Danish
    # declared as an other language (polyglossia) to hyphenate them with Danish patterns
    # ({en} terms likewise in the other editions: English is then an other language)
    others = [r"\setotherlanguage{danish}"] if lang != "da" else []
    if lang != DEFAULT_LANG:
        others.append(r"\setotherlanguage{english}")
    preamble = config.latex_elements.get("preamble", "")
    config.latex_elements["preamble"] = "".join(o for o in others if o not in preamble) + preamble


def _edition_bibliography(app: Sphinx, config) -> None:
    """The citations and the bibliography in the edition's words ("u.å.", "m.fl.", "I:", "s."...).

    sphinxcontrib-bibtex's reference style and pybtex's formatting style write English words; in
    another edition the configured styles are replaced by the same styles with the edition's words,
    registered in the two packages' plugin registries (:mod:`nerveroot.bibstyle`).  English keeps the
    packages' own styles.
    """
    lang = config.language or DEFAULT_LANG
    if lang == DEFAULT_LANG or lang not in i18n.languages() or not hasattr(config, "bibtex_reference_style"):
        return
    from . import bibstyle

    config.bibtex_reference_style = bibstyle.register_reference_style(config.bibtex_reference_style, lang)
    config.bibtex_default_style = bibstyle.register_formatting_style(config.bibtex_default_style, lang)


def _edition_builder(app: Sphinx) -> None:
    """The kernels the build starts write the edition's language; the message templates need none.

    Connected before myst-nb's ``builder-inited`` handler (it reads the execution settings).
    """
    app._nerveroot_previous_lang = os.environ.get(i18n.LANG_ENV)
    os.environ[i18n.LANG_ENV] = _edition_lang(app)
    if app.builder.name == "gettext" and hasattr(app.config, "nb_execution_mode"):
        # the templates hold the chapters' own text; outputs are translated where they are made
        # (widget strings, data catalogues, quiz files), so notebooks are not run, and the values
        # their cells would glue into the text are missing (expected, and only here)
        app.config.nb_execution_mode = "off"
        app.config.suppress_warnings = [*app.config.suppress_warnings, "mystnb.glue"]


def _edition_finished(app: Sphinx, exception) -> None:
    previous = getattr(app, "_nerveroot_previous_lang", None)
    if previous is None:
        os.environ.pop(i18n.LANG_ENV, None)
    else:
        os.environ[i18n.LANG_ENV] = previous


def _edition_latex_documents(app: Sphinx, env) -> None:
    """The edition's PDF: ``nerveroot-<lang>.pdf`` with the edition's title.

    Jupyter Book applies ``_config.yml``'s ``latex_documents`` after Sphinx starts, so this runs
    once the documents are read, before the LaTeX builder writes.
    """
    lang = _edition_lang(app)
    if lang == DEFAULT_LANG or app.builder.format != "latex":
        return
    site = _site_strings(app)
    docs = []
    for entry in app.config.latex_documents:
        entry = list(entry)
        stem = Path(entry[1]).stem
        if not stem.endswith(f"-{lang}"):
            entry[1] = f"{stem}-{lang}.tex"
        entry[2], entry[3] = site["title"], site["author"]
        docs.append(tuple(entry))
    app.config.latex_documents = docs


def _edition_toc_captions(app: Sphinx, doctree) -> None:
    """The table of contents' part captions ("The condition"...) in the edition's language.

    sphinx-external-toc inserts the toctrees after Sphinx has translated the page, so their
    captions stay English; the gettext builder extracts them into the root page's catalogue
    (``book/intro.po``), and they are translated from it here.
    """
    from sphinx import addnodes
    from sphinx.locale import init as init_locale
    from sphinx.util.i18n import docname_to_domain

    if _edition_lang(app) == DEFAULT_LANG:
        return
    # the toctrees, and the wrappers sphinx-jupyterbook-latex copied their captions to (the PDF's parts)
    toctrees = [n for n in doctree.findall(addnodes.toctree) if n.get("caption")]
    toctrees += [n for n in doctree.findall(nodes.compound)
                 if "toctree-wrapper" in n.get("classes", []) and n.get("caption")]
    if not toctrees:
        return
    domain = docname_to_domain(app.env.docname, app.config.gettext_compact)
    dirs = [str(Path(app.srcdir) / d) for d in app.config.locale_dirs]
    catalog, found = init_locale(dirs, app.config.language, domain)
    if found:
        for node in toctrees:
            node["caption"] = catalog.gettext(node["caption"])


def _edition_translations_js(app: Sphinx, exception) -> None:
    """The search page's messages in the edition's language.

    Sphinx writes ``_static/translations.js`` from its own catalogue, which lacks some of the
    messages its search script shows (Danish: "Search finished, found ... page(s)").  The course's
    ``locales/<lang>/LC_MESSAGES/sphinx.po`` fills them in.
    """
    import json

    if exception is not None or app.builder.format != "html" or _edition_lang(app) == DEFAULT_LANG:
        return
    target = Path(app.outdir) / "_static" / "translations.js"
    po = Path(app.srcdir) / "locales" / _edition_lang(app) / "LC_MESSAGES" / "sphinx.po"
    if not target.is_file() or not po.is_file():
        return
    from .catalogue import read_po

    text = target.read_text(encoding="utf-8")
    start, end = text.index("{"), text.rindex("}") + 1
    data = json.loads(text[start:end])
    messages = data.setdefault("messages", {})
    for entry in read_po(po):
        if entry.msgstr and not entry.fuzzy and (entry.msgid in messages or "${" in entry.msgid):
            messages[entry.msgid] = entry.msgstr
    target.write_text(text[:start] + json.dumps(data, ensure_ascii=False, indent=4) + text[end:], encoding="utf-8")


def edition_links(pagename: str, own: str, baseurl: str = "") -> list[dict]:
    """The same page in every edition: ``[{lang, name, title, href, current}]``.

    ``href`` is relative to the page (or absolute under ``baseurl`` when given); the 404 page's
    links are relative to its ``<base>``, the root of its own edition, which this also gives.
    """
    own_prefix = i18n.edition_prefix(own)
    depth = (0 if pagename == NOT_FOUND else pagename.count("/")) + own_prefix.count("/")
    to_root = "../" * depth
    links = []
    for lang in i18n.languages():
        s = i18n.strings("site", lang)
        target = i18n.edition_prefix(lang) + pagename + ".html"
        href = baseurl.rstrip("/") + "/" + target if baseurl else to_root + target
        links.append({"lang": lang, "name": s["language_name"], "title": s["switch_title"], "href": href,
                      "current": lang == own})
    return links


def _edition_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The language switcher's links and ``<link rel="alternate" hreflang>`` to every edition."""
    from html import escape

    if len(i18n.languages()) < 2 or app.builder.format != "html":
        return
    own = _edition_lang(app)
    links = edition_links(pagename, own)
    context["nr_editions"] = links
    context["nr_editions_label"] = _site_strings(app)["switch_label"]
    absolute = edition_links(pagename, own, app.config.html_baseurl) if app.config.html_baseurl else links
    tags = [f'<link rel="alternate" hreflang="{e["lang"]}" href="{escape(e["href"])}" />' for e in absolute]
    default = next(e for e in absolute if e["lang"] == DEFAULT_LANG)
    tags.append(f'<link rel="alternate" hreflang="x-default" href="{escape(default["href"])}" />')
    context["metatags"] = (context.get("metatags") or "") + "\n" + "\n".join(tags)


def setup(app: Sphinx) -> dict:
    app.add_node(
        danish,
        html=(_visit_danish_html, _depart_danish_html),
        latex=(_visit_danish_latex, _depart_danish_latex),
        text=(_visit_danish_text, _depart_danish_text),
        man=(_visit_danish_text, _depart_danish_text),
        texinfo=(_visit_danish_text, _depart_danish_text),
    )
    app.add_role("da", danish_role)
    app.add_node(
        english,
        html=(_visit_english_html, _depart_danish_html),
        latex=(_visit_english_latex, _depart_danish_latex),
        text=(_visit_danish_text, _depart_danish_text),
        man=(_visit_danish_text, _depart_danish_text),
        texinfo=(_visit_danish_text, _depart_danish_text),
    )
    app.add_role("en", english_role)
    app.add_config_value("nerveroot_description", "", "html")
    app.connect("config-inited", _config_inited)
    app.connect("config-inited", _edition_config)
    app.connect("config-inited", _edition_bibliography)
    app.connect("builder-inited", _edition_builder, priority=100)
    app.connect("env-updated", _edition_latex_documents)
    app.connect("doctree-read", _edition_toc_captions)
    # before pydata-sphinx-theme drops header templates that render empty (priority 500)
    app.connect("html-page-context", _edition_page_context, priority=400)
    app.connect("build-finished", _edition_finished)
    app.connect("build-finished", _edition_translations_js)
    app.connect("html-collect-pages", _collect_pages)
    app.connect("html-page-context", _reader_page_context, priority=950)
    # before myst-nb's handler (priority 500), which reads the execution cache path
    app.connect("builder-inited", _builder_inited, priority=100)
    app.connect("builder-inited", _static_path)
    app.connect("env-get-outdated", _outdated_for_faces)
    app.connect("doctree-read", _report_error_outputs)
    app.connect("build-finished", _build_finished)
    # late: after sphinx-thebe and the theme have added their assets to the page
    app.connect("html-page-context", _page_context, priority=900)
    # after sphinx-external-toc (priority 500) has written its redirect
    app.connect("build-finished", _complete_redirect, priority=900)
    # page weight (issue 14): after every extension has added its assets to the page
    app.connect("builder-inited", _template_filters)
    app.connect("html-page-context", _lean_page_assets, priority=910)
    app.connect("html-page-context", _figure_specs_to_files, priority=800)
    app.connect("build-finished", _write_theme_css)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
