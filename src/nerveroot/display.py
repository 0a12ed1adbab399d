"""The three-face display protocol.

Every interactive element of the course is one Python object shown with
``display(obj)``.  Its ``_repr_mimebundle_`` offers these faces, and computes only
the ones asked for:

=====================================================  =================================
mime type                                              face
=====================================================  =================================
``text/html``                                          static face: plotly or HTML+JS,
                                                       runs in the built book, no kernel
``image/png`` or ``text/markdown``                     print face, for the PDF build
``application/vnd.jupyter.widget-view+json`` or        live face, in a running kernel
``application/vnd.plotly.v1+json``                     (never while the book builds)
``text/plain``                                         a short text summary
=====================================================  =================================

Which faces are computed (:meth:`Interactive.faces`):

* ``include`` given (``display(obj, include=[...])``, a front end): those faces only;
* while the book builds (:data:`BUILD_ENV` names the Sphinx builder, set by
  :mod:`nerveroot.sphinxext`): the faces that builder shows - ``text/html`` for HTML,
  the print face for LaTeX - and ``text/plain``;
* otherwise (Jupyter): every face except a PNG, which needs a browser
  (:mod:`nerveroot.browser`) and is drawn only when asked for.

``exclude`` removes faces in every case.  Within one display a plotly figure is built once.

A display class derives from one of the two print bases, :class:`PngPrint` (a picture,
from :meth:`PngPrint.print_figure`; :class:`PlotlyInteractive` for plotly figures) or
:class:`MarkdownPrint` (real text, from :meth:`MarkdownPrint.print_markdown`), and
implements :meth:`Interactive.static_html`, :meth:`Interactive.summary` and optionally
:meth:`Interactive.live`.

The static face never loads anything itself.  It declares what it needs with a
``data-nr-needs="..."`` attribute; the course's Sphinx extension
(:mod:`nerveroot.sphinxext`) adds the matching local assets to exactly the pages
whose HTML carries that marker.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import inspect
import json
import os
import re
import struct
from typing import Any, Callable, ClassVar, Iterable

from .browser import figure_png
from .i18n import strings, use_language
from .svgplot import NARROW_WIDTH, REFERENCE_WIDTH, figure_svg

#: Environment variable the Sphinx extension sets to the builder's name (``html``,
#: ``latex``...) while the book builds.  Kernels started by the build inherit it; they then
#: compute only that builder's faces and never the live face, so executed notebooks carry
#: no widget state (which would make pages load widget JS) and the HTML build needs no browser.
BUILD_ENV = "NERVEROOT_BOOK_BUILD"

PLAIN_MIME = "text/plain"
HTML_MIME = "text/html"
PNG_MIME = "image/png"
MARKDOWN_MIME = "text/markdown"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: The live face is one of these (a widget, or for a plain plotly figure the figure itself).
LIVE_MIMES = frozenset({WIDGET_MIME, PLOTLY_MIME})
#: Every face there is: ``obj._repr_mimebundle_(include=EVERY_FACE)`` computes all an object has.
EVERY_FACE = frozenset({PLAIN_MIME, HTML_MIME, PNG_MIME, MARKDOWN_MIME, *LIVE_MIMES})


def book_builder() -> str | None:
    """The Sphinx builder running the book build (``"html"``, ``"latex"``...), or ``None``."""
    return os.environ.get(BUILD_ENV) or None


def building_book() -> bool:
    """True while the Jupyter Book build executes this code."""
    return book_builder() is not None


def prints(builder: str) -> bool:
    """Whether a builder shows print faces (the PDF's LaTeX builders) rather than static ones."""
    return "latex" in builder


def stable_id(prefix: str, payload: Any) -> str:
    """A DOM id derived from the content, so outputs are deterministic."""
    blob = json.dumps(payload, sort_keys=True, default=str).encode()
    return f"{prefix}-{hashlib.sha256(blob).hexdigest()[:12]}"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG image (read from its IHDR chunk)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image (bad signature)")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def json_for_script(payload: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``."""
    text = json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    # A literal "</script" or "<!--" would end or confuse the script element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class FaceError(BaseException):
    """A face could not be computed while the book builds (the message is the original error's).

    IPython's display catches any ``Exception`` from ``_repr_mimebundle_`` and prints its traceback
    where the output belongs, and the cell still counts as run: the build would then cache and
    publish the traceback instead of the figure (a PDF built without Chromium would lose every
    figure, and keep losing them from the cache after Chromium is installed).  This error is not
    an ``Exception``, so it stops the cell, the build reports it and caches nothing.
    """


class Interactive:
    """Base class of every element shown with ``display(obj)``.

    Do not derive from it directly: derive from :class:`PngPrint` or :class:`MarkdownPrint`
    (which give the print face), set :attr:`needs` (asset groups the static face uses, see
    :data:`nerveroot.sphinxext.ASSET_GROUPS`) and implement the face methods.
    """

    #: Asset groups the static face needs in the built book.
    needs: ClassVar[tuple[str, ...]] = ()
    #: The language the object was made in (its ``lang`` argument; ``None``: the current language,
    #: :func:`nerveroot.i18n.current_lang`).  Its constructor and every face run in it, so the
    #: clinical data's text, read through :mod:`nerveroot.datafile`, matches the widget strings.
    lang: str | None = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None or getattr(init, "_nr_in_language", False):
            return
        signature = inspect.signature(init)
        if "lang" not in signature.parameters:
            return

        @functools.wraps(init)
        def __init__(self, *args, **kw):
            lang = signature.bind(self, *args, **kw).arguments.get("lang")
            with use_language(lang):
                init(self, *args, **kw)
            self.lang = lang

        __init__._nr_in_language = True
        cls.__init__ = __init__
    #: The print face's mime type, set by the print base (:class:`PngPrint`, :class:`MarkdownPrint`).
    print_mime: ClassVar[str]

    # -- faces -----------------------------------------------------------
    def static_html(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def summary(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def print_face(self) -> bytes | str:  # pragma: no cover - given by the print bases
        raise NotImplementedError(f"{type(self).__name__} needs a print face: derive from PngPrint or MarkdownPrint")

    def live(self) -> Any | None:
        """The live face: an ipywidgets widget, or ``None`` if Python adds nothing.

        Never called while the book builds (the protocol leaves the live face out).
        """
        return None

    def live_bundle(self) -> dict[str, Any]:
        """Mime data of the live face (default: the widget from :meth:`live`)."""
        widget = self.live()
        if widget is None:
            return {}
        bundle = widget._repr_mimebundle_()
        return {k: v for k, v in bundle.items() if k == WIDGET_MIME}

    # -- protocol --------------------------------------------------------
    def faces(self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None) -> set[str]:
        """The mime types a display computes (see the module documentation)."""
        offered = {PLAIN_MIME, HTML_MIME, self.print_mime, *LIVE_MIMES}
        builder = book_builder()
        if include:
            wanted = offered & set(include)
        elif builder is not None:
            wanted = {PLAIN_MIME, self.print_mime if prints(builder) else HTML_MIME}
        else:
            wanted = offered - {PNG_MIME}  # a picture needs a browser: only when asked for
        if builder is not None:
            wanted -= LIVE_MIMES
        return wanted - set(exclude or ())

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        wanted = self.faces(include, exclude)
        bundle: dict[str, Any] = {}
        try:
            with self._one_display():
                if PLAIN_MIME in wanted:
                    bundle[PLAIN_MIME] = self.summary()
                if HTML_MIME in wanted:
                    bundle[HTML_MIME] = self.wrap_html(self.static_html())
                if self.print_mime in wanted:
                    bundle[self.print_mime] = self.print_face()
                if wanted & LIVE_MIMES:
                    bundle.update({k: v for k, v in self.live_bundle().items() if k in wanted})
        except Exception as err:
            if building_book():
                raise FaceError(f"{type(err).__name__}: {err}") from err
            raise
        return bundle

    @contextlib.contextmanager
    def _one_display(self):
        """Within one display, :meth:`once` computes each value once (e.g. a plotly figure)."""
        outer = self.__dict__.get("_nr_memo")
        if outer is None:
            self._nr_memo = {}
        try:
            with use_language(self.lang):
                yield
        finally:
            if outer is None:
                self.__dict__.pop("_nr_memo", None)

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()``, computed once per display (every call outside a display computes it)."""
        memo = self.__dict__.get("_nr_memo")
        if memo is None:
            return make()
        if key not in memo:
            memo[key] = make()
        return memo[key]

    def wrap_html(self, inner: str) -> str:
        """Mark the static face with the asset groups it needs."""
        needs = " ".join(self.needs)
        return f'<div class="nr-face" data-nr-needs="{html.escape(needs)}">{inner}</div>'

    def __repr__(self) -> str:
        return self.summary()


class PngPrint(Interactive):
    """Print base: the print face is a picture (``image/png``) of :meth:`print_figure`.

    The PNG has a fixed pixel size, ``print_size`` times ``print_scale``.  Drawing it needs a
    headless Chromium (:mod:`nerveroot.browser`), so it is computed only for the PDF or
    when asked for; without a browser it fails within seconds, naming the Debian package.
    """

    print_mime: ClassVar[str] = PNG_MIME
    #: Size of the print face in CSS pixels; the PNG is ``print_scale`` times that.
    print_size: ClassVar[tuple[int, int]] = (900, 560)
    print_scale: ClassVar[float] = 2.0

    def print_figure(self):  # pragma: no cover - abstract
        """The plotly figure the PDF shows."""
        raise NotImplementedError

    def print_png(self) -> bytes:
        w, h = self.print_size
        return figure_png(self.print_figure(), w, h, self.print_scale)

    def print_face(self) -> bytes:
        return self.print_png()


class MarkdownPrint(Interactive):
    """Print base: the print face is real text (``text/markdown``) from :meth:`print_markdown`.

    For elements whose printed form is text (a quiz, an answer key, a checklist): searchable
    and sharp in the PDF.  The LaTeX builder takes ``image/png`` first and ``text/markdown``
    after it, so one priority list serves both print bases.
    """

    print_mime: ClassVar[str] = MARKDOWN_MIME

    def print_markdown(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def print_face(self) -> str:
        return self.print_markdown()


class Markdown:
    """A snippet of MyST Markdown that ``display()`` renders (in HTML and in the PDF alike)."""

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


# ---------------------------------------------------------------------------
# plotly
# ---------------------------------------------------------------------------

#: plotly config for the static face. No modebar: its buttons ("Download plot as PNG",
#: "Share chart...", which sends the figure to plotly's cloud) are focusable controls inside
#: the figure's role="img" element (axe: nested-interactive), the sharing one breaks the
#: course's privacy rule, and the print face already is the downloadable picture.
STATIC_CONFIG = {
    "displayModeBar": False,
    "displaylogo": False,
    "responsive": True,
    "showLink": False,
    "showSendToCloud": False,
    "scrollZoom": False,
}


#: An annotation named ``caption``, or ``caption-<part>`` for a caption in several parts, is
#: the figure's caption: shown as text with the figure, never drawn in the plot.
CAPTION = "caption"
_PATH_RE = re.compile(r"^annotations\[(\d+)\]\.text$")


def is_caption(note: Any) -> bool:
    name = note.get("name") if isinstance(note, dict) else None
    return isinstance(name, str) and (name == CAPTION or name.startswith(CAPTION + "-"))


def _caption_clean(text: str) -> str:
    return re.sub(r"<br\s*/?>", " ", text or "")


def _caption_texts(annotations) -> dict[str, str]:
    """``{part: text}`` of the caption annotations in a list, in order."""
    return {n["name"]: _caption_clean(n.get("text", "")) for n in annotations or [] if is_caption(n)}


def _hide_caption(annotations):
    return [dict(n, visible=False) if is_caption(n) else n for n in annotations or []]


#: Template layout keys a 2-D course figure can use; the rest of plotly's default template
#: (polar, ternary, geo, colour scales...) is dead weight in every page.
TEMPLATE_LAYOUT_KEYS = frozenset({
    "autotypenumbers", "colorway", "font", "hovermode", "hoverlabel", "paper_bgcolor", "plot_bgcolor",
    "xaxis", "yaxis", "title", "legend", "margin", "annotationdefaults", "shapedefaults", "separators",
})


def lean_template(template: dict | None, trace_types: set[str]) -> dict | None:
    """The part of a figure's template that can affect it.

    ``update_layout(template=...)`` merges into plotly's default template instead of
    replacing it, so a figure carries trace defaults for some 24 trace types (about 7 KB
    per figure, in every page). Keeping the layout keys above and the defaults of the
    trace types the figure draws changes nothing on screen.
    """
    if not template:
        return template
    layout = {k: v for k, v in (template.get("layout") or {}).items() if k in TEMPLATE_LAYOUT_KEYS}
    data = {k: v for k, v in (template.get("data") or {}).items() if k in trace_types}
    return {"layout": layout, "data": data}


def _flatten(obj: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in obj.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and value:
            out.update(_flatten(value, path))
        else:
            out[path] = value
    return out


def _as_paths(base: dict, updates: list[dict], key: str) -> None:
    """Rewrite whole ``shapes``/``annotations`` lists in control updates as attribute paths.

    A button that restyles one shape otherwise carries every shape again (a figure with five
    buttons carried the same 20 KB five times). Each update is rewritten in place to set, as
    ``"shapes[3].fillcolor"``-style paths, every property that differs between ANY two of the
    states (the initial layout and each control's), so applying a control gives the same
    result whatever state the figure is in. Lists whose lengths differ are left whole.
    """
    lists = [u[key] for u in updates if isinstance(u.get(key), list)]
    if not lists:
        return
    start = base.get(key) or []
    if any(len(items) != len(start) for items in lists):
        return
    states = [[_flatten(item) for item in start]] + [[_flatten(item) for item in items] for items in lists]
    varying = []
    for i in range(len(start)):
        paths = sorted(set().union(*(state[i].keys() for state in states)))
        for path in paths:
            values = [json.dumps(state[i].get(path), sort_keys=True) for state in states]
            if len(set(values)) > 1:
                varying.append((i, path))
    for update in updates:
        if not isinstance(update.get(key), list):
            continue
        flat = [_flatten(item) for item in update.pop(key)]
        for i, path in varying:
            update[f"{key}[{i}].{path}"] = flat[i].get(path)


def round_floats(obj, digits: int = 5):
    """Floats to ``digits`` significant digits, recursively.

    plotly serialises coordinates at full double precision ("0.9542425094393249"); a
    figure needs far less, and a slider with twenty steps repeats every number twenty
    times. Five significant digits are exact at any screen or print resolution. Only figure
    specs are rounded; data that the browser computes with (localiser, triage) is not.
    """
    if isinstance(obj, float):
        return float(f"{obj:.{digits}g}")
    if isinstance(obj, list):
        return [round_floats(v, digits) for v in obj]
    if isinstance(obj, dict):
        return {k: round_floats(v, digits) for k, v in obj.items()}
    return obj


def _layout_args(method: str, args: list) -> list[dict]:
    """The layout updates among a control's plotly arguments (relayout: the first; update: the second)."""
    if method == "relayout":
        return [a for a in args[:1] if isinstance(a, dict)]
    if method == "update":
        return [a for a in args[1:2] if isinstance(a, dict)]
    return []


def _control_captions(method: str, args: list, parts: dict[int, str]) -> dict[str, str]:
    """The caption parts a control sets, taken out of its plotly arguments.

    A control sets a part either with a whole ``annotations`` list (its caption annotations)
    or with an attribute path ``"annotations[i].text"`` naming a caption annotation.
    """
    captions: dict[str, str] = {}
    for update in _layout_args(method, args):
        if isinstance(update.get("annotations"), list):
            captions.update(_caption_texts(update["annotations"]))
            update["annotations"] = _hide_caption(update["annotations"])
        for key in [k for k in update if _PATH_RE.match(k)]:
            index = int(_PATH_RE.match(key).group(1))
            if index in parts:
                captions[parts[index]] = _caption_clean(update.pop(key))
    return captions


def _drop_caption_paths(updates: list[dict], parts: dict[int, str]) -> None:
    """Attribute paths into caption annotations: the caption is HTML text, the annotation stays hidden."""
    pattern = re.compile(r"^annotations\[(\d+)\]")
    for update in updates:
        for key in [k for k in update if (m := pattern.match(k)) and int(m.group(1)) in parts]:
            del update[key]


def web_spec(fig) -> dict:
    """The JSON spec of a figure's static face.

    plotly draws its buttons and sliders in SVG, which a keyboard cannot reach.
    So they are moved out of the layout into ``spec["controls"]``, which
    ``assets/js/nr-plotly.js`` renders as native HTML buttons and range inputs.
    The caption annotations (named ``caption`` or ``caption-<part>``) are shown as HTML
    text with the figure (it wraps at any width and is announced by screen readers)
    instead of in the plot: ``spec["captions"]`` holds each part's first text, and each
    button or slider step the parts it changes (``"captions": {part: text}``).
    """
    plain = fig.to_plotly_json()
    layout = dict(plain.get("layout", {}))
    notes = layout.get("annotations") or []
    parts = {i: n["name"] for i, n in enumerate(notes) if is_caption(n)}
    controls: dict[str, list] = {"menus": [], "sliders": []}
    for menu in layout.pop("updatemenus", []) or []:
        buttons = []
        for button in menu.get("buttons", []):
            method = button.get("method", "update")
            args = [dict(a) if isinstance(a, dict) else a for a in button.get("args", [])]
            buttons.append({"label": button.get("label", ""), "method": method, "args": args,
                            "captions": _control_captions(method, args, parts)})
        # showactive false: the buttons are actions (Play, Start), not a choice; no pressed state
        controls["menus"].append({"buttons": buttons, "active": menu.get("active", 0),
                                  "toggle": menu.get("showactive", True) is not False})
    for slider in layout.pop("sliders", []) or []:
        steps = []
        for st in slider.get("steps", []):
            method = st.get("method", "update")
            args = [dict(a) if isinstance(a, dict) else a for a in st.get("args", [])]
            steps.append({"label": st.get("label", ""), "method": method, "args": args,
                          "captions": _control_captions(method, args, parts)})
        prefix = (slider.get("currentvalue") or {}).get("prefix", "")
        controls["sliders"].append({"steps": steps, "active": slider.get("active", 0), "prefix": prefix})
    every = [c for menu in controls["menus"] for c in menu["buttons"]] + \
            [c for sl in controls["sliders"] for c in sl["steps"]]
    layout_updates = [a for c in every for a in _layout_args(c["method"], c["args"])]
    for key in ("shapes", "annotations"):
        _as_paths(layout, layout_updates, key)
    _drop_caption_paths(layout_updates, parts)
    captions = _caption_texts(notes)
    if captions:
        layout["annotations"] = _hide_caption(notes)
        margin = dict(layout.get("margin", {}))
        margin["b"] = 10  # the caption was drawn in the bottom margin; now it is HTML text
        layout["margin"] = margin
    frames = plain.get("frames") or [f.to_plotly_json() for f in getattr(fig, "frames", [])]
    traces = list(plain.get("data", [])) + [t for f in frames for t in f.get("data", [])]
    if "template" in layout:
        layout["template"] = lean_template(layout["template"], {t.get("type", "scatter") for t in traces})
    spec = {"data": plain.get("data", []), "layout": layout, "config": STATIC_CONFIG,
            "controls": controls, "captions": captions}
    if frames:
        spec["frames"] = frames
    return round_floats(spec)


#: Below this width (CSS px) a figure's picture is the narrow one (``assets/css/nerveroot.css``
#: switches at the same width).
PHONE_COLUMN = 540


class PlotlyInteractive(PngPrint):
    """An element drawn as a plotly figure.

    Subclasses implement :meth:`figure` (the interactive figure: sliders,
    buttons, frames) and may override :meth:`print_figure` (what the PDF shows;
    by default the same figure without its controls), :attr:`alt_text` and
    :meth:`summary`.  Within one display :meth:`figure` is called once
    (:meth:`the_figure`), whichever faces are computed.
    """

    needs = ("plotly",)
    #: Height of the static face in the page.
    html_height: ClassVar[int] = 520
    #: Narrowest width (CSS px) at which the figure stays legible. On a narrower screen it keeps
    #: this width and scrolls sideways inside its own keyboard-focusable box (the page itself
    #: never scrolls sideways). ``None``: the figure reflows to any width.
    min_width: ClassVar[int | None] = None
    #: Caption parts shown above the plot, next to the controls that change them (in a box);
    #: the others are shown under it.
    caption_above: ClassVar[tuple[str, ...]] = ()

    def figure(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def the_figure(self):
        """:meth:`figure`, built once per display (do not change it: copy it, as print_figure does)."""
        return self.once("figure", self.figure)

    def print_figure(self):
        import plotly.graph_objects as go

        fig = go.Figure(self.the_figure())  # a copy: the static face may use the same figure
        fig.layout.updatemenus = ()
        fig.layout.sliders = ()
        fig.frames = ()
        return fig

    @property
    def alt_text(self) -> str:
        return self.summary()

    def static_html(self) -> str:
        """The figure's static face: a picture of its first state, its controls and captions, and
        the spec plotly.js draws from when the reader comes near (``assets/js/nr-plotly.js``).

        The picture (:mod:`nerveroot.svgplot`, an inline SVG) fills the plot's reserved height until
        plotly.js replaces it, so nothing moves when the figure draws; it is also what a reader without
        JavaScript sees. The controls are real buttons and sliders from the start (hidden without
        JavaScript): focusing or operating one draws the figure at once and applies it. The spec is
        inert JSON in the face; the book build moves it into a file of its own, loaded with plotly.js
        (``nerveroot.sphinxext``).
        """
        spec = web_spec(self.the_figure())
        spec["layout"].setdefault("height", self.html_height)
        text = strings("display")
        div_id = stable_id("nr-fig", spec)
        alt = html.escape(self.alt_text)
        height = spec["layout"]["height"]
        picture = self._picture(spec, max(REFERENCE_WIDTH, self.min_width or 0), "nr-wide", div_id)
        if (self.min_width or 0) < PHONE_COLUMN:  # on a phone it is laid out at the phone's width
            picture = self._picture(spec, max(NARROW_WIDTH, self.min_width or 0), "nr-narrow", div_id + "-n") + picture
        return (
            f'<figure class="nr-figure" data-nr-state="picture" data-nr-failed="{html.escape(text["load_failed"])}">'
            f'<div class="nr-controls pst-js-only" data-for="{div_id}">{self._controls_html(spec, div_id)}</div>'
            f"{self._captions_html(spec['captions'], div_id, above=True)}"
            f"{self._scroll_open()}"
            f'<div id="{div_id}" class="nr-plotly" role="img" aria-label="{alt}" '
            f'style="min-height:{height}px{self._min_width_css()}">{picture}</div>'
            f"{'</div>' if self.min_width else ''}"
            f"{self._captions_html(spec['captions'], div_id, above=False)}"
            f'<script type="application/json" class="nr-plotly-spec" data-for="{div_id}">'
            f"{json_for_script(spec)}</script>"
            f'<figcaption class="nr-visually-hidden">{alt}</figcaption>'
            f"</figure>"
        )

    @staticmethod
    def _picture(spec: dict, width: int, kind: str, id_prefix: str) -> str:
        """The picture of the figure's first state at one width (an inline SVG, hidden from assistive
        technology: the plot's ``role="img"`` and text alternative speak for it)."""
        height = spec["layout"]["height"]
        svg = figure_svg(spec, width, height, id_prefix=id_prefix)
        # inline in HTML the parser gives <svg> its namespace: no xmlns (and no URL in the face)
        return svg.replace('<svg xmlns="http://www.w3.org/2000/svg" ',
                           f'<svg class="nr-picture {kind}" aria-hidden="true" focusable="false" width="100%" '
                           f'height="{height}" preserveAspectRatio="xMidYMid meet" ', 1)

    @staticmethod
    def _controls_html(spec: dict, div_id: str) -> str:
        """The figure's buttons and sliders as native controls, in their first state.

        ``assets/js/nr-plotly.js`` binds them to the figure (``data-menu``/``data-button``,
        ``data-slider`` index ``spec["controls"]``).
        """
        text = strings("display")
        out = []
        controls = spec.get("controls") or {}
        for m, menu in enumerate(controls.get("menus") or []):
            buttons = []
            for b, button in enumerate(menu["buttons"]):
                pressed = (f' aria-pressed="{"true" if b == menu.get("active", 0) else "false"}"'
                           if menu.get("toggle", True) else "")
                buttons.append(f'<button type="button" class="nr-button" data-menu="{m}" data-button="{b}"{pressed}>'
                               f"{html.escape(str(button['label']))}</button>")
            out.append(f'<div class="nr-buttons" role="group" aria-label="{html.escape(text["controls"])}">'
                       f'{"".join(buttons)}</div>')
        for k, slider in enumerate(controls.get("sliders") or []):
            steps = slider["steps"]
            active = slider.get("active", 0) or 0
            prefix = slider.get("prefix") or ""
            label = steps[active]["label"] if steps else ""
            sid = f"{div_id}-slider-{k}"
            labels = json.dumps([str(st["label"]) for st in steps], ensure_ascii=False)
            out.append(
                f'<div class="nr-slider"><label for="{sid}">{html.escape(prefix or text["slider"])}</label>'
                f'<input type="range" id="{sid}" data-slider="{k}" min="0" max="{max(len(steps) - 1, 0)}" step="1" '
                f'value="{active}" aria-valuetext="{html.escape(prefix + str(label))}" '
                f'data-prefix="{html.escape(prefix)}" data-labels="{html.escape(labels)}">'
                f'<output for="{sid}">{html.escape(str(label))}</output></div>')
        return "".join(out)

    def _captions_html(self, captions: dict[str, str], div_id: str, above: bool) -> str:
        """The caption parts as text (each a live region the controls update), above or under the plot."""
        shown = [(part, text) for part, text in captions.items() if (part in self.caption_above) == above]
        paragraphs = "".join(f'<p class="nr-caption" aria-live="polite" data-for="{div_id}" data-part="{part}">'
                             f"{html.escape(text)}</p>" for part, text in shown)
        if above and paragraphs:
            return f'<div class="nr-caption-above">{paragraphs}</div>'
        return paragraphs

    def _min_width_css(self) -> str:
        return f";min-width:{self.min_width}px" if self.min_width else ""

    def _scroll_open(self) -> str:
        if not self.min_width:
            return ""
        label = html.escape(strings("display")["scroll_region"])
        return f'<div class="nr-scroll" tabindex="0" role="region" aria-label="{label}">'

    def live_bundle(self) -> dict[str, Any]:
        bundle = super().live_bundle()
        if bundle:
            return bundle
        # No widget: the plain plotly figure is already interactive in JupyterLab.
        return {PLOTLY_MIME: self.the_figure().to_plotly_json()}
