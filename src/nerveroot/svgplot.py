"""A light SVG picture of a plotly figure's first state, drawn in Python (no browser).

The static face of a figure shows this picture until plotly.js draws the live figure
(``assets/js/nr-plotly.js`` loads plotly.js only when the figure comes near or the reader reaches
for it).  It is made while the HTML book builds, which needs no browser, so it cannot come from
kaleido: it is drawn here from the same JSON spec that plotly.js draws (:func:`nerveroot.display.web_spec`).

It draws the subset of plotly the course's figures use, at one width (the picture scales to the
page; plotly lays the figure out again at the page's width):

* layout: paper and plot backgrounds, margins (with plotly's automatic margins for axis labels and
  a legend outside the plot), title, several subplots (axis domains and anchors);
* axes: linear and category axes, given ranges or a 5 % padded data range, equal scales
  (``scaleanchor``/``scaleratio``, by shrinking the domain or widening the range, as ``constrain``
  says), ticks from ``tickvals``/``ticktext``, ``dtick`` or a 1-2-5 step, tick labels, grid lines,
  axis titles;
* ``scatter``: lines (``linear`` and ``spline``, dashes, gaps at ``None``), markers (circle, square,
  diamond, line-ew/line-ns, ``-open`` and ``-dot`` variants), text with ``textposition``, fills
  ``toself``, ``tozeroy`` and ``tozerox`` with fill patterns, horizontal and vertical error bars;
* ``bar``: vertical and horizontal, grouped (``offsetgroup``) or overlaid, patterns, text outside or
  inside;
* shapes (``rect``, ``circle``, ``path`` in data or paper coordinates, below or above the traces),
  annotations without arrows (anchors, alignment, background, angle), the legend (vertical or
  horizontal, with legend groups).

Text is not measured (there is no browser): widths are estimated from standard sans-serif
character widths, which only matters for centred multi-line annotations, annotation backgrounds and
the legend's layout.  Hover labels, animations and anything the reader does are plotly.js's.
Anything else (another trace type, an arrow) raises :class:`UnsupportedFigure`, naming it.
"""

from __future__ import annotations

import html
import math
import re
from typing import Any

#: The width the picture is drawn at, in CSS pixels: about the book's text column on a desktop
#: (672 px at 1280 px, 774 px at 1920 px). The picture scales to the column it is shown in.
REFERENCE_WIDTH = 720
#: The width of the second picture, for phones (390 px wide: a 342 px column), where plotly lays the
#: figure out again with its text at full size: scaling the wide picture down would shrink the text.
NARROW_WIDTH = 360

LINE_SPACING = 1.3  # plotly's line height, in font sizes
#: Estimated text widths are Arial's times this: system-ui fonts (DejaVu Sans, Segoe UI) run wider,
#: and a margin too wide is better than a clipped label.
WIDTH_FACTOR = 1.15
DEFAULT_FONT = {"family": '"Open Sans", verdana, arial, sans-serif', "size": 12, "color": "#444"}
DEFAULT_COLORWAY = ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880",
                    "#FF97FF", "#FECB52"]
DEFAULT_MARGIN = {"l": 80, "r": 80, "t": 100, "b": 80}
MINUS = "\u2212"


class UnsupportedFigure(ValueError):
    """The figure uses a part of plotly this renderer does not draw."""


# ------------------------------------------------------------------------------------ helpers


def _num(v: float) -> str:
    """A coordinate: one decimal at most, no trailing zeros."""
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


_POINT_DECIMALS = [1]


def _px(v: float) -> str:
    """A point of a line or outline (most of a picture's bytes): whole pixels in a wide picture (half
    a pixel off at most), tenths in a narrow one, where small curves would show their corners."""
    s = f"{v:.{_POINT_DECIMALS[0]}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _merge(base: Any, over: Any) -> Any:
    """``over`` merged into ``base`` (dicts recursively; ``over`` wins)."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merge(base.get(k), v) if k in base else v
        return out
    return over if over is not None else base


def _font(*layers: dict | None) -> dict:
    out = dict(DEFAULT_FONT)
    for layer in layers:
        for k, v in (layer or {}).items():
            if v is not None:
                out[k] = v
    return out


def _attr(s: Any) -> str:
    return html.escape(str(s), quote=True)


#: Advance widths of a standard sans-serif (Helvetica/Arial metrics), in 1/1000 em, for ASCII.
_WIDTHS = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278] + [556] * 10
    + [278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
       722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
       556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556,
       500, 722, 500, 500, 500, 334, 260, 334, 584],
))


def text_width(runs: list[tuple[str, bool, bool]], size: float) -> float:
    """Estimated width in px of one line of text runs ``(text, bold, italic)``."""
    total = 0.0
    for text, bold, _ in runs:
        w = sum(_WIDTHS.get(ch, 556) for ch in text) / 1000 * size
        total += w * (1.06 if bold else 1.0)
    return total * WIDTH_FACTOR


_TAG_RE = re.compile(r"<(/?)([a-zA-Z]\w*)[^>]*>|([^<]+|<)", re.S)


def rich_lines(text: Any) -> list[list[tuple[str, bool, bool]]]:
    """plotly's pseudo-HTML (``<br>``, ``<b>``, ``<i>``, entities) as lines of ``(text, bold, italic)`` runs."""
    lines: list[list[tuple[str, bool, bool]]] = [[]]
    bold = italic = 0
    for m in _TAG_RE.finditer("" if text is None else str(text)):
        closing, tag, chunk = m.group(1), (m.group(2) or "").lower(), m.group(3)
        if chunk is not None:
            lines[-1].append((html.unescape(chunk), bold > 0, italic > 0))
        elif tag == "br":
            lines.append([])
        elif tag in ("b", "strong"):
            bold += -1 if closing else 1
        elif tag in ("i", "em"):
            italic += -1 if closing else 1
    return lines


def _line_width(line, size):
    return text_width(line, size)


class Text:
    """One SVG ``<text>`` element of several lines (plotly's line spacing)."""

    def __init__(self, content: Any, font: dict):
        self.lines = rich_lines(content)
        self.font = font
        self.size = float(font.get("size", 12))

    @property
    def empty(self) -> bool:
        return not any(t.strip() for line in self.lines for t, _, _ in line)

    @property
    def width(self) -> float:
        return max((_line_width(line, self.size) for line in self.lines), default=0.0)

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LINE_SPACING

    def svg(self, x: float, first_baseline: float, anchor: str = "start", base_font: dict | None = None,
            line_x: list[float] | None = None, extra: str = "") -> str:
        attrs = [f'x="{_num(x)}"', f'y="{_num(first_baseline)}"']
        base = base_font or {}
        if self.size != float(base.get("size", -1)):
            attrs.append(f'font-size="{_num(self.size)}"')
        if self.font.get("color") and self.font.get("color") != base.get("color"):
            attrs.append(f'fill="{_attr(self.font["color"])}"')
        if self.font.get("family") and self.font.get("family") != base.get("family"):
            attrs.append(f'font-family="{_attr(self.font["family"])}"')
        if anchor != "start":
            attrs.append(f'text-anchor="{anchor}"')
        out = []
        for i, line in enumerate(self.lines):
            runs = "".join(_run(t, b, it) for t, b, it in line) or ""
            lx = line_x[i] if line_x else x
            if i == 0 and lx == x:
                out.append(runs)
            else:
                dy = self.size * LINE_SPACING if i else 0
                out.append(f'<tspan x="{_num(lx)}" dy="{_num(dy)}">{runs}</tspan>' if i
                           else f'<tspan x="{_num(lx)}">{runs}</tspan>')
        return f'<text {" ".join(attrs)}{extra}>{"".join(out)}</text>'


def _run(text: str, bold: bool, italic: bool) -> str:
    t = html.escape(text, quote=False)
    if not (bold or italic):
        return t
    style = (' font-weight="bold"' if bold else "") + (' font-style="italic"' if italic else "")
    return f"<tspan{style}>{t}</tspan>"


def _anchor(xanchor: str) -> str:
    return {"left": "start", "center": "middle", "right": "end"}.get(xanchor, "middle")


def _first_baseline(y: float, yanchor: str, text: Text) -> float:
    """Baseline of the first line of a text block whose box is anchored at ``y`` (px, down)."""
    h = text.height
    top = {"top": y, "bottom": y - h}.get(yanchor, y - h / 2)
    # plotly centres each line box on its text: baseline about 0.35 em below the line's middle
    return top + text.size * LINE_SPACING / 2 + 0.35 * text.size


def _dash(dash: Any, width: float) -> str:
    if not dash or dash == "solid":
        return ""
    w = max(width, 3)
    pattern = {"dot": [w, w], "dash": [3 * w, 3 * w], "longdash": [5 * w, 5 * w],
               "dashdot": [3 * w, w, w, w], "longdashdot": [5 * w, 2 * w, w, 2 * w]}.get(dash)
    if pattern is None:  # "5px,10px,2px"
        pattern = [float(p.strip().rstrip("px%")) for p in str(dash).split(",") if p.strip()]
    return f' stroke-dasharray="{",".join(_num(p) for p in pattern)}"'


def _stroke(line: dict | None, default_color: str = "#444", default_width: float = 2) -> str:
    line = line or {}
    width = line.get("width", default_width)
    if width is None:
        width = default_width
    if not width:
        return ' stroke="none"'
    color = line.get("color") or default_color
    return f' stroke="{_attr(color)}" stroke-width="{_num(width)}"{_dash(line.get("dash"), width)}'


# ------------------------------------------------------------------------------------ axes


class Axis:
    def __init__(self, name: str, cfg: dict, figure: "Figure"):
        self.name = name
        self.letter = name[0]
        self.id = self.letter + name[5:]  # xaxis2 -> x2
        self.cfg = cfg
        self.domain = list(cfg.get("domain") or [0, 1])
        self.visible = cfg.get("visible", True) is not False
        self.categories: list[Any] | None = None
        self.range: list[float] = [0, 1]
        self.p0 = 0.0  # pixel start (left for x, top for y)
        self.length = 1.0
        self.figure = figure

    # value -> linear coordinate
    def lin(self, v: Any) -> float | None:
        if v is None:
            return None
        if self.categories is not None:
            try:
                return float(self.categories.index(v))
            except ValueError:
                if isinstance(v, (int, float)):
                    return float(v)
                return None
        try:
            f = float(v)
        except (TypeError, ValueError):
            return None
        return None if math.isnan(f) else f

    def px(self, v: Any) -> float | None:
        c = self.lin(v)
        if c is None:
            return None
        return self.lin_px(c)

    def lin_px(self, c: float) -> float:
        r0, r1 = self.range
        frac = (c - r0) / (r1 - r0) if r1 != r0 else 0.5
        if self.letter == "x":
            return self.p0 + frac * self.length
        return self.p0 + (1 - frac) * self.length

    @property
    def anchor(self) -> str:
        return self.cfg.get("anchor") or ("y" if self.letter == "x" else "x")

    def ticks(self) -> list[tuple[float, str]]:
        """(linear position, label) of every tick inside the range."""
        lo, hi = sorted(self.range)
        eps = (hi - lo) * 1e-9
        cfg = self.cfg
        if cfg.get("tickvals") is not None:
            vals = cfg["tickvals"]
            texts = cfg.get("ticktext") or [self._label(self.lin(v) or 0, None) for v in vals]
            out = []
            for v, t in zip(vals, texts):
                c = self.lin(v)
                if c is not None and lo - eps <= c <= hi + eps:
                    out.append((c, str(t)))
            return out
        if self.categories is not None:
            return [(float(i), str(c)) for i, c in enumerate(self.categories) if lo - eps <= i <= hi + eps]
        dtick = cfg.get("dtick")
        if not isinstance(dtick, (int, float)) or dtick <= 0:
            dtick = self._auto_dtick(hi - lo)
        tick0 = float(cfg.get("tick0", 0) or 0)
        first = math.ceil((lo - tick0 - eps) / dtick)
        out = []
        k = first
        while True:
            c = tick0 + k * dtick
            if c > hi + eps or len(out) > 100:
                break
            out.append((c, self._label(c, dtick)))
            k += 1
        return out

    def _auto_dtick(self, span: float) -> float:
        target = max(4.0, min(9.0, self.length / (40 if self.letter == "y" else 80))) + 1
        rough = span / target if span > 0 else 1
        base = 10 ** math.floor(math.log10(rough))
        for m in (1, 2, 5, 10):
            if rough <= m * base * 1.0000001:
                return m * base
        return 10 * base

    @staticmethod
    def _label(c: float, dtick: float | None) -> str:
        if dtick and dtick < 1:
            decimals = max(0, -math.floor(math.log10(dtick) + 1e-9))
            s = f"{c:.{decimals}f}"
        else:
            s = f"{c:.10g}"
            if abs(c - round(c)) < 1e-9:
                s = str(int(round(c)))
        if s.startswith("-"):
            s = MINUS + s[1:]
        return "0" if s in ("\u22120", MINUS + "0") else s

    def tick_font(self) -> dict:
        return _font(self.figure.font, self.cfg.get("tickfont"))

    def title_text(self) -> Text | None:
        title = self.cfg.get("title")
        if isinstance(title, str):
            title = {"text": title}
        if not title or not title.get("text"):
            return None
        base = self.figure.font
        font = _font(base, {"size": base.get("size", 12) * 1.2}, title.get("font"))
        return Text(title["text"], font)

    def shows_labels(self) -> bool:
        return self.visible and self.cfg.get("showticklabels", True) is not False

    def label_extent(self) -> float:
        """How far the tick labels (and the title) reach out from the axis line, in px."""
        if not self.visible:
            return 0.0
        extent = 0.0
        font = self.tick_font()
        size = float(font["size"])
        if self.shows_labels():
            labels = [Text(t, font) for _, t in self.ticks()]
            if self.letter == "y":
                extent = max((t.width for t in labels), default=0) + 4
            else:
                extent = max((t.height for t in labels), default=size * LINE_SPACING) + 2
        title = self.title_text()
        if title is not None:
            standoff = (self.cfg.get("title") or {}).get("standoff", 10) if isinstance(self.cfg.get("title"),
                                                                                         dict) else 10
            extent += standoff + title.height
        return extent + self._tick_len()

    def _tick_len(self) -> float:
        return float(self.cfg.get("ticklen", 5)) if self.cfg.get("ticks") in ("outside",) else 0.0


# ------------------------------------------------------------------------------------ figure


class Figure:
    """The picture of one figure spec (``{"data", "layout"}``) at a given size."""

    def __init__(self, spec: dict, width: float, height: float, id_prefix: str = "nr"):
        layout = spec.get("layout") or {}
        template = (layout.get("template") or {})
        self.tlayout = template.get("layout") or {}
        self.tdata = template.get("data") or {}
        self.layout = layout
        self.width = float(width)
        self.height = float(layout.get("height") or height)
        self.prefix = id_prefix
        self.font = _font(self.tlayout.get("font"), layout.get("font"))
        self.colorway = layout.get("colorway") or self.tlayout.get("colorway") or DEFAULT_COLORWAY
        self.traces = [self._with_defaults(t, i) for i, t in enumerate(spec.get("data") or [])]
        for t in self.traces:
            kind = t.get("type", "scatter")
            if kind not in ("scatter", "bar"):
                raise UnsupportedFigure(f"svgplot: trace type {kind!r} is not drawn (scatter and bar are); "
                                        "extend nerveroot.svgplot to draw it")
        self.defs: list[str] = []
        self._patterns: dict[tuple, str] = {}
        self._ids = 0
        self.axes: dict[str, Axis] = {}
        self._make_axes()

    # -- defaults --------------------------------------------------------------------------
    def _with_defaults(self, trace: dict, index: int) -> dict:
        kind = trace.get("type", "scatter")
        defaults = self.tdata.get(kind) or []
        t = _merge(defaults[index % len(defaults)] if defaults else {}, trace)
        t["_color"] = self.colorway[index % len(self.colorway)]
        t["_index"] = index
        return t

    def new_id(self, kind: str) -> str:
        self._ids += 1
        return f"{self.prefix}-{kind}{self._ids}"

    # -- axes -------------------------------------------------------------------------------
    def _axis_cfg(self, name: str) -> dict:
        return _merge(self.tlayout.get(name[:5]) or {}, self.layout.get(name) or {})

    def _make_axes(self) -> None:
        names = {k for k in self.layout if re.fullmatch(r"[xy]axis\d*", k)}
        for t in self.traces:
            for letter in "xy":
                ref = t.get(f"{letter}axis") or letter
                names.add(f"{letter}axis{ref[1:]}")
        names |= {"xaxis", "yaxis"}
        for name in sorted(names):
            self.axes[name] = Axis(name, self._axis_cfg(name), self)
        for ax in self.axes.values():
            self._set_range(ax)

    def axis(self, ref: str | None, letter: str) -> Axis:
        ref = ref or letter
        return self.axes[f"{letter}axis{ref[1:]}"]

    def traces_on(self, ax: Axis) -> list[dict]:
        return [t for t in self.traces if (t.get(f"{ax.letter}axis") or ax.letter) == ax.id]

    def _set_range(self, ax: Axis) -> None:
        traces = self.traces_on(ax)
        values = [v for t in traces for v in (t.get(ax.letter) or [])]
        is_category = ax.cfg.get("type") == "category" or (
            ax.cfg.get("type") in (None, "-") and any(isinstance(v, str) for v in values))
        if is_category:
            order = list(ax.cfg.get("categoryarray") or []) if ax.cfg.get("categoryorder") == "array" else []
            for v in values:
                if v not in order and v is not None:
                    order.append(v)
            ax.categories = order
        rng = ax.cfg.get("range")
        if rng and len(rng) == 2 and None not in rng:
            ax.range = [float(rng[0]), float(rng[1])]
            return
        if ax.categories is not None:
            ax.range = [-0.5, len(ax.categories) - 0.5]
            return
        nums = [c for c in (ax.lin(v) for v in values) if c is not None]
        has_bars = any(t.get("type") == "bar" and self._value_letter(t) == ax.letter for t in traces)
        if has_bars:
            nums.append(0.0)
        if not nums:
            ax.range = [-1, 6] if ax.letter == "x" else [-1, 4]
            return
        lo, hi = min(nums), max(nums)
        pad = (hi - lo) * 0.05 or 1
        ax.range = [lo if (has_bars and lo == 0) else lo - pad, hi + pad]

    @staticmethod
    def _value_letter(trace: dict) -> str:
        return "x" if trace.get("orientation") == "h" else "y"

    # -- margins and positions -------------------------------------------------------------------
    def _margins(self) -> dict:
        m = dict(DEFAULT_MARGIN)
        m.update({k: v for k, v in (self.tlayout.get("margin") or {}).items() if k in m})
        m.update({k: v for k, v in (self.layout.get("margin") or {}).items() if k in m})
        return {k: float(v) for k, v in m.items()}

    def layout_axes(self) -> None:
        """Margins (plotly's automatic margins: axis labels and a legend outside the plot push them),
        then the axes' pixel positions and their scale constraints."""
        base = self._margins()
        m = dict(base)
        legend = self.legend()
        for _ in range(6):
            self._place(m)
            new = dict(base)
            for side, f, size in self._pushes(legend):
                # the pushed element sits at fraction f of the plot and reaches `size` px outwards
                if side == "b" and f < 1:
                    need = (size - f * (self.height - m["t"])) / (1 - f)
                elif side == "t" and f > 0:
                    need = (size - (1 - f) * (self.height - m["b"])) / f
                elif side == "l" and f < 1:
                    need = (size - f * (self.width - m["r"])) / (1 - f)
                elif side == "r" and f > 0:
                    need = (size - (1 - f) * (self.width - m["l"])) / f
                else:
                    continue
                new[side] = max(new[side], need)
            if all(abs(new[k] - m[k]) < 0.5 for k in m):
                m = new
                break
            m = new
        self.margin = m
        self._place(m)
        self._constrain()

    def _place(self, m: dict) -> None:
        self.plot = (m["l"], m["t"], max(1.0, self.width - m["l"] - m["r"]), max(1.0, self.height - m["t"] - m["b"]))
        x0, y0, pw, ph = self.plot
        for ax in self.axes.values():
            d0, d1 = ax.domain
            if ax.letter == "x":
                ax.p0, ax.length = x0 + d0 * pw, (d1 - d0) * pw
            else:
                ax.p0, ax.length = y0 + (1 - d1) * ph, (d1 - d0) * ph

    def _pushes(self, legend) -> list[tuple[str, float, float]]:
        pushes = []
        for ax in self.axes.values():
            if not (ax.visible and ax.cfg.get("automargin")):
                continue
            extent = ax.label_extent()
            if not extent:
                continue
            other = self.axes.get(("y" if ax.letter == "x" else "x") + "axis" + ax.anchor[1:])
            if ax.letter == "x":
                side = "t" if ax.cfg.get("side") == "top" else "b"
                frac = (other.domain[1] if side == "t" else other.domain[0]) if other else 0
            else:
                side = "r" if ax.cfg.get("side") == "right" else "l"
                frac = (other.domain[1] if side == "r" else other.domain[0]) if other else 0
            pushes.append((side, frac, extent))
        if legend is not None:
            pushes.extend(legend.pushes())
        return pushes

    def _constrain(self) -> None:
        """Equal scales: ``scaleanchor``/``scaleratio``, like plotly's constraint solver (pairs)."""
        for ax in list(self.axes.values()):
            ref = ax.cfg.get("scaleanchor")
            if not ref:
                continue
            other = self.axes.get(("x" if ref[0] == "x" else "y") + "axis" + ref[1:])
            if other is None or other is ax:
                continue
            ratio = float(ax.cfg.get("scaleratio", 1) or 1)
            # px per unit: ax must be ratio * other
            pairs = [(ax, ratio), (other, 1.0)]
            scales = [a.length / abs(a.range[1] - a.range[0]) / r for a, r in pairs]
            s = min(scales)
            for (a, r), sc in zip(pairs, scales):
                if sc <= s * 1.0000001:
                    continue
                want = s * r  # px per unit for this axis
                if a.cfg.get("constrain") == "domain":
                    new_len = abs(a.range[1] - a.range[0]) * want
                    toward = a.cfg.get("constraintoward") or ("center" if a.letter == "x" else "middle")
                    shift = {"left": 0, "bottom": 0, "right": 1, "top": 1}.get(toward, 0.5)
                    if a.letter == "y":
                        shift = 1 - shift
                    a.p0 += (a.length - new_len) * shift
                    a.length = new_len
                else:
                    span = a.length / want
                    mid = (a.range[0] + a.range[1]) / 2
                    sign = 1 if a.range[1] >= a.range[0] else -1
                    a.range = [mid - sign * span / 2, mid + sign * span / 2]

    # -- legend -----------------------------------------------------------------------------------
    def legend(self) -> "Legend | None":
        shown = [t for t in self.traces if self._in_legend(t)]
        explicit = self.layout.get("showlegend")
        if explicit is False or not shown:
            return None
        if explicit is None and len([t for t in self.traces if t.get("visible", True) is not False]) < 2:
            return None
        return Legend(self, shown)

    @staticmethod
    def _in_legend(t: dict) -> bool:
        return t.get("showlegend", True) is not False and t.get("visible", True) is not False and bool(t.get("name"))

    # -- drawing -----------------------------------------------------------------------------------
    def svg(self) -> str:
        self.layout_axes()
        x0, y0, pw, ph = self.plot
        paper = self.layout.get("paper_bgcolor") or self.tlayout.get("paper_bgcolor") or "#fff"
        plot_bg = self.layout.get("plot_bgcolor") or self.tlayout.get("plot_bgcolor") or "#fff"
        body: list[str] = [f'<rect width="{_num(self.width)}" height="{_num(self.height)}" fill="{_attr(paper)}"/>']
        subplots = self._subplots()
        for xa, ya in subplots:
            if plot_bg != paper:
                body.append(f'<rect x="{_num(xa.p0)}" y="{_num(ya.p0)}" width="{_num(xa.length)}" '
                            f'height="{_num(ya.length)}" fill="{_attr(plot_bg)}"/>')
        body += self._shapes("below")
        for xa, ya in subplots:
            body += self._grid(xa, ya)
        for xa, ya in subplots:
            clip = self.new_id("c")
            self.defs.append(f'<clipPath id="{clip}"><rect x="{_num(xa.p0)}" y="{_num(ya.p0)}" '
                             f'width="{_num(xa.length)}" height="{_num(ya.length)}"/></clipPath>')
            traces = [t for t in self.traces if self.axis(t.get("xaxis"), "x") is xa
                      and self.axis(t.get("yaxis"), "y") is ya and t.get("visible", True) is True and _opacity(t) > 0]
            bars = [t for t in traces if t.get("type") == "bar"]
            layer = self._bars(bars, xa, ya) + [p for t in traces if t.get("type") == "scatter"
                                                 for p in self._scatter(t, xa, ya)]
            text_layer = [p for t in traces for p in getattr(self, f"_{t.get('type')}_text", lambda *a: [])(t, xa, ya)]
            if layer:
                body.append(f'<g clip-path="url(#{clip})">{"".join(layer)}</g>')
            body += text_layer
        body += self._shapes("above")
        for ax in self.axes.values():
            body += self._axis(ax)
        body += self._annotations()
        legend = self.legend()
        if legend is not None:
            body.append(legend.svg())
        body += self._title()
        defs = f'<defs>{"".join(self.defs)}</defs>' if self.defs else ""
        f = self.font
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(self.width)} {_num(self.height)}" '
                f'font-family="{_attr(f["family"])}" font-size="{_num(float(f["size"]))}" fill="{_attr(f["color"])}">'
                f"{defs}{''.join(body)}</svg>")

    def _subplots(self) -> list[tuple[Axis, Axis]]:
        pairs = []
        for t in self.traces:
            pair = (self.axis(t.get("xaxis"), "x"), self.axis(t.get("yaxis"), "y"))
            if pair not in pairs:
                pairs.append(pair)
        for ax in self.axes.values():
            if ax.letter == "x":
                ya = self.axes.get("yaxis" + ax.anchor[1:])
                if ya is not None and (ax, ya) not in pairs:
                    pairs.append((ax, ya))
        return pairs or [(self.axes["xaxis"], self.axes["yaxis"])]

    # -- grid and axes ----------------------------------------------------------------------------
    def _grid(self, xa: Axis, ya: Axis) -> list[str]:
        out = []
        for ax, other in ((xa, ya), (ya, xa)):
            if ax.anchor != other.id or not ax.visible:
                continue
            bars_on_position = any(t.get("type") == "bar" and self._value_letter(t) != ax.letter
                                   for t in self.traces_on(ax))
            show = ax.cfg.get("showgrid")
            if show is None:
                show = not bars_on_position and ax.categories is None
            if show:
                color = ax.cfg.get("gridcolor") or "#eee"
                width = ax.cfg.get("gridwidth", 1)
                for c, _ in ax.ticks():
                    p = ax.lin_px(c)
                    out.append(self._rule(ax, other, p, color, width))
            zeroline = ax.cfg.get("zeroline")
            if zeroline is None:
                zeroline = bool(show)
            if zeroline and ax.categories is None and min(ax.range) < 0 < max(ax.range):
                p = ax.lin_px(0)
                if abs(p - ax.p0) > 1 and abs(p - ax.p0 - ax.length) > 1:
                    out.append(self._rule(ax, other, p, ax.cfg.get("zerolinecolor") or "#444",
                                          ax.cfg.get("zerolinewidth", 1)))
        return out

    @staticmethod
    def _rule(ax: Axis, other: Axis, p: float, color: str, width: float) -> str:
        if ax.letter == "x":
            return (f'<path d="M{_num(p)} {_num(other.p0)}V{_num(other.p0 + other.length)}" '
                    f'stroke="{_attr(color)}" stroke-width="{_num(width)}"/>')
        return (f'<path d="M{_num(other.p0)} {_num(p)}H{_num(other.p0 + other.length)}" '
                f'stroke="{_attr(color)}" stroke-width="{_num(width)}"/>')

    def _axis(self, ax: Axis) -> list[str]:
        if not ax.visible:
            return []
        other = self.axes.get(("y" if ax.letter == "x" else "x") + "axis" + ax.anchor[1:])
        if other is None:
            return []
        out = []
        font = ax.tick_font()
        size = float(font["size"])
        ticklen = ax._tick_len()
        if ax.letter == "x":
            line_y = other.p0 if ax.cfg.get("side") == "top" else other.p0 + other.length
            if ax.cfg.get("showline"):
                out.append(f'<path d="M{_num(ax.p0)} {_num(line_y)}H{_num(ax.p0 + ax.length)}"'
                           f'{_stroke({"color": ax.cfg.get("linecolor"), "width": ax.cfg.get("linewidth", 1)})}/>')
            if ax.shows_labels():
                for c, label in ax.ticks():
                    x = ax.lin_px(c)
                    if ticklen:
                        out.append(f'<path d="M{_num(x)} {_num(line_y)}v{_num(ticklen)}"'
                                   f'{_stroke({"color": ax.cfg.get("tickcolor", "#444"), "width": 1})}/>')
                    t = Text(label, font)
                    out.append(t.svg(x, line_y + ticklen + 2 + size * 0.5 + 0.35 * size + size * 0.15,
                                     "middle", self.font))
            title = ax.title_text()
            if title is not None:
                standoff = (ax.cfg.get("title") or {}).get("standoff", 10) if isinstance(ax.cfg.get("title"), dict) else 10
                labels_h = size * LINE_SPACING + 2 if ax.shows_labels() else 0
                top = line_y + ticklen + labels_h + standoff
                out.append(title.svg(ax.p0 + ax.length / 2, _first_baseline(top, "top", title), "middle", self.font))
        else:
            line_x = other.p0 + other.length if ax.cfg.get("side") == "right" else other.p0
            if ax.cfg.get("showline"):
                out.append(f'<path d="M{_num(line_x)} {_num(ax.p0)}V{_num(ax.p0 + ax.length)}"'
                           f'{_stroke({"color": ax.cfg.get("linecolor"), "width": ax.cfg.get("linewidth", 1)})}/>')
            widest = 0.0
            if ax.shows_labels():
                for c, label in ax.ticks():
                    y = ax.lin_px(c)
                    if ticklen:
                        out.append(f'<path d="M{_num(line_x)} {_num(y)}h{_num(-ticklen)}"'
                                   f'{_stroke({"color": ax.cfg.get("tickcolor", "#444"), "width": 1})}/>')
                    t = Text(label, font)
                    widest = max(widest, t.width)
                    out.append(t.svg(line_x - ticklen - 4, _first_baseline(y, "middle", t), "end", self.font))
            title = ax.title_text()
            if title is not None:
                standoff = (ax.cfg.get("title") or {}).get("standoff", 10) if isinstance(ax.cfg.get("title"), dict) else 10
                right = line_x - ticklen - (widest + 4 if ax.shows_labels() else 0) - standoff
                cx, cy = right - title.height / 2, ax.p0 + ax.length / 2
                out.append(title.svg(cx, cy + 0.35 * title.size, "middle", self.font,
                                     extra=f' transform="rotate(-90 {_num(cx)} {_num(cy)})"'))
        return out

    # -- traces ------------------------------------------------------------------------------------
    def _points(self, t: dict, xa: Axis, ya: Axis) -> list[tuple[float, float] | None]:
        xs, ys = t.get("x") or [], t.get("y") or []
        if not xs and ys:
            xs = list(range(len(ys)))
        if not ys and xs:
            ys = list(range(len(xs)))
        pts: list[tuple[float, float] | None] = []
        for x, y in zip(xs, ys):
            px, py = xa.px(x), ya.px(y)
            pts.append(None if px is None or py is None else (px, py))
        return pts

    @staticmethod
    def _segments(pts) -> list[list[tuple[float, float]]]:
        segs, cur = [], []
        for p in pts:
            if p is None:
                if cur:
                    segs.append(cur)
                cur = []
            else:
                cur.append(p)
        if cur:
            segs.append(cur)
        return segs

    def _scatter(self, t: dict, xa: Axis, ya: Axis) -> list[str]:
        mode = t.get("mode") or ("lines+markers" if len(t.get("x") or t.get("y") or []) < 20 else "lines")
        color = t["_color"]
        line = dict(t.get("line") or {})
        line.setdefault("color", color)
        pts = self._points(t, xa, ya)
        segs = self._segments(pts)
        out = []
        fill = t.get("fill")
        width = line.get("width", 2) if "lines" in mode else 0
        if (fill == "toself" and width and line.get("shape") in (None, "linear") and not line.get("dash")
                and segs and all(len(seg) > 2 and seg[0] == seg[-1] for seg in segs)):
            # a closed outline filled and stroked: one path carries both (the same picture, half the bytes)
            fillcolor = t.get("fillcolor") or _with_alpha(line.get("color") or color, 0.5)
            paint = self._pattern(t.get("fillpattern"), fillcolor) or _attr(fillcolor)
            d = "".join(self._line_path(seg[:-1], None) + "Z" for seg in segs)
            out.append(f'<path d="{d}" fill="{paint}"{_stroke(line, color)} stroke-linejoin="round"/>')
            fill = width = None
        if fill and fill != "none":
            fillcolor = t.get("fillcolor") or _with_alpha(line.get("color") or color, 0.5)
            paint = self._pattern(t.get("fillpattern"), fillcolor) or _attr(fillcolor)
            d = ""
            for seg in segs:
                path = self._line_path(seg, line.get("shape"), t.get("line", {}).get("smoothing", 1))
                if fill == "toself":
                    d += path + "Z"
                elif fill in ("tozeroy", "tozerox"):
                    if fill == "tozeroy":
                        base = ya.lin_px(0 if ya.categories is None else -0.5)
                        d += f"M{_num(seg[0][0])} {_num(base)}L" + path[1:] + f"L{_num(seg[-1][0])} {_num(base)}Z"
                    else:
                        base = xa.lin_px(0)
                        d += f"M{_num(base)} {_num(seg[0][1])}L" + path[1:] + f"L{_num(base)} {_num(seg[-1][1])}Z"
                else:
                    raise UnsupportedFigure(f"svgplot: fill {fill!r} is not drawn (toself, tozeroy, tozerox are)")
            if d:
                out.append(f'<path d="{d}" fill="{paint}" stroke="none"/>')
        if width:
            d = "".join(self._line_path(seg, line.get("shape"), line.get("smoothing", 1)) for seg in segs
                        if len(seg) > 1)
            if d:
                out.append(f'<path d="{d}" fill="none"{_stroke(line, color)} stroke-linejoin="round"/>')
        out += self._error_bars(t, xa, ya, pts)
        if "markers" in mode:
            out += self._markers(t, pts, color)
        opacity = _opacity(t)
        if opacity < 1 and out:
            return [f'<g opacity="{_num3(opacity)}">{"".join(out)}</g>']
        return out

    def _scatter_text(self, t: dict, xa: Axis, ya: Axis) -> list[str]:
        mode = t.get("mode") or ""
        if "text" not in mode or t.get("visible", True) is not True:
            return []
        texts = t.get("text")
        pts = self._points(t, xa, ya)
        positions = t.get("textposition") or "middle center"
        font = _font(self.font, t.get("textfont"))
        marker = t.get("marker") or {}
        r = float(marker.get("size", 6)) / 2 if "markers" in mode else 0.0
        out = []
        for i, p in enumerate(pts):
            if p is None:
                continue
            text = texts[i] if isinstance(texts, list) else texts
            if text in (None, ""):
                continue
            pos = positions[i] if isinstance(positions, list) else positions
            v, _, h = str(pos).partition(" ")
            h = h or "center"
            tx = Text(text, font)
            rr = r / 0.8 + 1 if r else 0
            sx = {"left": -1, "right": 1}.get(h, 0)
            sy = {"top": -1, "bottom": 1}.get(v, 0)
            lines = (len(tx.lines) - 1) * LINE_SPACING + 1
            dy = tx.size * 0.75 + sy * rr + (sy - 1) * lines * tx.size / 2
            anchor = {"left": "end", "right": "start"}.get(h, "middle")
            out.append(tx.svg(p[0] + sx * rr, p[1] + dy, anchor, self.font))
        opacity = _opacity(t)
        if out and opacity < 1:
            return [f'<g opacity="{_num3(opacity)}">{"".join(out)}</g>']
        return out

    def _bar_text(self, t: dict, xa: Axis, ya: Axis) -> list[str]:
        return [s for s in getattr(self, "_bar_labels", {}).get(t["_index"], [])]

    @staticmethod
    def _line_path(seg, shape, smoothing=1) -> str:
        if shape == "spline" and len(seg) > 2:
            return _spline(seg, float(smoothing if smoothing is not None else 1))
        if shape in ("hv", "vh", "hvh", "vhv"):
            d = f"M{_num(seg[0][0])} {_num(seg[0][1])}"
            for (x0, y0), (x1, y1) in zip(seg, seg[1:]):
                if shape == "hv":
                    d += f"H{_num(x1)}V{_num(y1)}"
                elif shape == "vh":
                    d += f"V{_num(y1)}H{_num(x1)}"
                elif shape == "hvh":
                    d += f"H{_num((x0 + x1) / 2)}V{_num(y1)}H{_num(x1)}"
                else:
                    d += f"V{_num((y0 + y1) / 2)}H{_num(x1)}V{_num(y1)}"
            return d
        return "M" + "L".join(f"{_px(x)} {_px(y)}" for x, y in seg)

    def _markers(self, t: dict, pts, color) -> list[str]:
        marker = dict(t.get("marker") or {})
        if isinstance(marker.get("size"), list) and marker.get("opacity") is None:
            marker["opacity"] = 0.7  # plotly's default for "bubble" markers (sizes per point)
        out = []
        for i, p in enumerate(pts):
            if p is None:
                continue
            size = _pick(marker.get("size"), i, 6)
            symbol = str(_pick(marker.get("symbol"), i, "circle"))
            mcolor = _pick(marker.get("color"), i, None) or _marker_default(t, color)
            mline = {k: _pick(v, i, None) for k, v in (marker.get("line") or {}).items()}
            out.append(_symbol(p, float(size), symbol, mcolor, mline, _pick(marker.get("opacity"), i, None)))
        return out

    def _error_bars(self, t: dict, xa: Axis, ya: Axis, pts) -> list[str]:
        out = []
        for letter, ax in (("x", xa), ("y", ya)):
            err = t.get(f"error_{letter}")
            if not err or err.get("visible") is False:
                continue
            values = t.get(letter) or []
            color = err.get("color") or "#444"
            thick = err.get("thickness", 2)
            cap = err.get("width", 4)
            d = ""
            for i, p in enumerate(pts):
                if p is None or i >= len(values):
                    continue
                c = ax.lin(values[i])
                plus, minus = _error_sizes(err, i, c)
                if plus is None:
                    continue
                hi, lo = ax.lin_px(c + plus), ax.lin_px(c - minus)
                if letter == "x":
                    d += f"M{_num(lo)} {_num(p[1])}H{_num(hi)}"
                    if cap:
                        d += f"M{_num(lo)} {_num(p[1] - cap)}v{_num(2 * cap)}M{_num(hi)} {_num(p[1] - cap)}v{_num(2 * cap)}"
                else:
                    d += f"M{_num(p[0])} {_num(lo)}V{_num(hi)}"
                    if cap:
                        d += f"M{_num(p[0] - cap)} {_num(lo)}h{_num(2 * cap)}M{_num(p[0] - cap)} {_num(hi)}h{_num(2 * cap)}"
            if d:
                out.append(f'<path d="{d}" fill="none" stroke="{_attr(color)}" stroke-width="{_num(thick)}"/>')
        return out

    def _bars(self, bars: list[dict], xa: Axis, ya: Axis) -> list[str]:
        if not bars:
            return []
        self._bar_labels = getattr(self, "_bar_labels", {})
        mode = self.layout.get("barmode") or "group"
        gap = float(self.layout.get("bargap", 0.2))
        groupgap = float(self.layout.get("bargroupgap", 0))
        groups: list[Any] = []
        for t in bars:
            key = t.get("offsetgroup") or (t["_index"] if mode == "group" else "all")
            if key not in groups:
                groups.append(key)
        n = len(groups) if mode == "group" else 1
        slot = (1 - gap) / n
        out = []
        for t in bars:
            horizontal = t.get("orientation") == "h"
            pos_ax, val_ax = (ya, xa) if horizontal else (xa, ya)
            key = t.get("offsetgroup") or (t["_index"] if mode == "group" else "all")
            k = groups.index(key) if mode == "group" else 0
            marker = t.get("marker") or {}
            positions = t.get("y" if horizontal else "x") or []
            values = t.get("x" if horizontal else "y") or []
            font = _font(self.font, t.get("textfont"))
            labels = []
            for i, (pv, vv) in enumerate(zip(positions, values)):
                c, v = pos_ax.lin(pv), val_ax.lin(vv)
                if c is None or v is None:
                    continue
                left = c - (1 - gap) / 2 + k * slot + slot * groupgap / 2
                right = left + slot * (1 - groupgap)
                base = float(_pick(t.get("base"), i, 0) or 0)
                p_a, p_b = pos_ax.lin_px(left), pos_ax.lin_px(right)
                v_a, v_b = val_ax.lin_px(base), val_ax.lin_px(base + v)
                if horizontal:
                    x, w = min(v_a, v_b), abs(v_b - v_a)
                    y, h = min(p_a, p_b), abs(p_b - p_a)
                else:
                    x, w = min(p_a, p_b), abs(p_b - p_a)
                    y, h = min(v_a, v_b), abs(v_b - v_a)
                color = _pick(marker.get("color"), i, None) or t["_color"]
                paint = self._pattern(marker.get("pattern"), color, bar=True) or _attr(color)
                mline = marker.get("line") or {}
                stroke = _stroke(mline, "#444", 0)
                out.append(f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" '
                           f'fill="{paint}"{stroke}/>')
                text = _pick(t.get("text"), i, None)
                where = t.get("textposition") or "auto"
                if text not in (None, "") and where != "none":
                    tx = Text(text, font)
                    if where == "outside":
                        if horizontal:
                            labels.append(tx.svg(x + w + 3 if v >= 0 else x - 3,
                                                 _first_baseline(y + h / 2, "middle", tx), "start" if v >= 0 else "end",
                                                 self.font))
                        else:
                            labels.append(tx.svg(x + w / 2, (y - 3 - tx.height + tx.size) if v >= 0
                                                 else y + h + 3 + tx.size, "middle", self.font))
                    else:
                        labels.append(tx.svg(x + w / 2, _first_baseline(y + h / 2, "middle", tx), "middle", self.font))
            self._bar_labels[t["_index"]] = labels
            opacity = t.get("opacity")
            if opacity is not None and opacity < 1:
                out = [f'<g opacity="{_num3(opacity)}">{"".join(out)}</g>']
        return out

    # -- fill patterns ------------------------------------------------------------------------------
    def _pattern(self, pattern: dict | None, color: str, bar: bool = False) -> str | None:
        if not pattern or not pattern.get("shape"):
            return None
        shape = pattern["shape"]
        size = float(pattern.get("size", 8))
        solidity = float(pattern.get("solidity", 0.3))
        overlay = pattern.get("fillmode") == "overlay"
        bg = pattern.get("bgcolor") or (color if overlay else None)
        fg = pattern.get("fgcolor") or ("#444" if overlay else color)
        fgopacity = pattern.get("fgopacity", 0.5 if overlay else 1)
        pid = self.new_id("p")
        s = size
        body = f'<rect width="{_num3(s)}" height="{_num3(s)}" fill="{_attr(bg)}"/>' if bg else ""
        if shape == ".":
            r = math.sqrt(solidity * s * s / math.pi)
            body += f'<circle cx="{_num3(s / 2)}" cy="{_num3(s / 2)}" r="{_num3(r)}" fill="{_attr(fg)}"{_fg_op(fgopacity)}/>'
        else:
            diag = shape in ("/", "\\", "x")
            w = solidity * s / (math.sqrt(2) if diag else 1) / (2 if shape in ("x", "+") else 1)
            d = {
                "/": f"M-1 {_num3(s + 1)}L{_num3(s + 1)} -1M{_num3(-s / 2)} {_num3(s / 2)}L{_num3(s / 2)} {_num3(-s / 2)}"
                     f"M{_num3(s / 2)} {_num3(3 * s / 2)}L{_num3(3 * s / 2)} {_num3(s / 2)}",
                "\\": f"M-1 -1L{_num3(s + 1)} {_num3(s + 1)}M{_num3(s / 2)} {_num3(-s / 2)}L{_num3(3 * s / 2)} {_num3(s / 2)}"
                      f"M{_num3(-s / 2)} {_num3(s / 2)}L{_num3(s / 2)} {_num3(3 * s / 2)}",
                "-": f"M0 {_num3(s / 2)}H{_num3(s)}",
                "|": f"M{_num3(s / 2)} 0V{_num3(s)}",
                "+": f"M0 {_num3(s / 2)}H{_num3(s)}M{_num3(s / 2)} 0V{_num3(s)}",
            }.get(shape)
            if shape == "x":
                d = (f"M-1 {_num3(s + 1)}L{_num3(s + 1)} -1M-1 -1L{_num3(s + 1)} {_num3(s + 1)}"
                     f"M{_num3(-s / 2)} {_num3(s / 2)}L{_num3(s / 2)} {_num3(-s / 2)}M{_num3(s / 2)} {_num3(3 * s / 2)}"
                     f"L{_num3(3 * s / 2)} {_num3(s / 2)}M{_num3(s / 2)} {_num3(-s / 2)}L{_num3(3 * s / 2)} {_num3(s / 2)}"
                     f"M{_num3(-s / 2)} {_num3(s / 2)}L{_num3(s / 2)} {_num3(3 * s / 2)}")
            if d is None:
                raise UnsupportedFigure(f"svgplot: fill pattern {shape!r} is not drawn")
            body += f'<path d="{d}" stroke="{_attr(fg)}" stroke-width="{_num3(w)}"{_fg_op(fgopacity)}/>'
        key = (s, body)  # traces filled alike share one pattern
        if key in self._patterns:
            return f"url(#{self._patterns[key]})"
        self._patterns[key] = pid
        self.defs.append(f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="{_num3(s)}" height="{_num3(s)}">'
                         f"{body}</pattern>")
        return f"url(#{pid})"

    # -- shapes ---------------------------------------------------------------------------------------
    def _shape_axes(self, s: dict) -> tuple[Any, Any]:
        xref, yref = s.get("xref") or "x", s.get("yref") or "y"
        x0, y0, pw, ph = self.plot

        def paper_x(v):
            return x0 + float(v) * pw

        def paper_y(v):
            return y0 + (1 - float(v)) * ph

        fx = paper_x if xref == "paper" else self.axis(xref.split(" ")[0], "x").px
        fy = paper_y if yref == "paper" else self.axis(yref.split(" ")[0], "y").px
        return fx, fy

    def _shapes(self, layer: str) -> list[str]:
        out = []
        defaults = self.tlayout.get("shapedefaults") or {}
        for raw in self.layout.get("shapes") or []:
            s = _merge(defaults, raw)
            if s.get("visible", True) is False or (s.get("layer") or "above") != layer:
                continue
            fx, fy = self._shape_axes(s)
            kind = s.get("type") or ("path" if s.get("path") else "rect")
            fill = s.get("fillcolor") or "rgba(0,0,0,0)"
            line = s.get("line") or {}
            paint = f' fill="{_attr(fill)}"{_stroke(line, "#444", 2)}'
            if s.get("opacity") is not None and s.get("opacity") < 1:
                paint += f' opacity="{_num3(s["opacity"])}"'
            if kind == "path":
                out.append(f'<path d="{_transform_path(s.get("path") or "", fx, fy)}"{paint}/>')
                continue
            xs = [fx(s.get("x0")), fx(s.get("x1"))]
            ys = [fy(s.get("y0")), fy(s.get("y1"))]
            if None in xs or None in ys:
                continue
            if kind == "rect":
                out.append(f'<rect x="{_num(min(xs))}" y="{_num(min(ys))}" width="{_num(abs(xs[1] - xs[0]))}" '
                           f'height="{_num(abs(ys[1] - ys[0]))}"{paint}/>')
            elif kind == "circle":
                out.append(f'<ellipse cx="{_num(sum(xs) / 2)}" cy="{_num(sum(ys) / 2)}" rx="{_num(abs(xs[1] - xs[0]) / 2)}" '
                           f'ry="{_num(abs(ys[1] - ys[0]) / 2)}"{paint}/>')
            elif kind == "line":
                out.append(f'<path d="M{_num(xs[0])} {_num(ys[0])}L{_num(xs[1])} {_num(ys[1])}"{paint}/>')
            else:
                raise UnsupportedFigure(f"svgplot: shape type {kind!r} is not drawn")
        return out

    # -- annotations, title -----------------------------------------------------------------------------
    def _annotations(self) -> list[str]:
        out = []
        defaults = self.tlayout.get("annotationdefaults") or {}
        x0, y0, pw, ph = self.plot
        for raw in self.layout.get("annotations") or []:
            a = _merge(defaults, raw)
            if a.get("visible", True) is False:
                continue
            if a.get("showarrow", True) is not False:
                raise UnsupportedFigure("svgplot: annotations with arrows are not drawn (set showarrow=False)")
            xref, yref = a.get("xref") or "x", a.get("yref") or "y"
            if xref == "paper":
                px = x0 + float(a.get("x", 0.5)) * pw
            else:
                px = self.axis(xref.split(" ")[0], "x").px(a.get("x"))
            if yref == "paper":
                py = y0 + (1 - float(a.get("y", 0.5))) * ph
            else:
                py = self.axis(yref.split(" ")[0], "y").px(a.get("y"))
            if px is None or py is None:
                continue
            px += float(a.get("xshift", 0) or 0)
            py -= float(a.get("yshift", 0) or 0)
            xanchor, yanchor = a.get("xanchor") or "auto", a.get("yanchor") or "auto"
            if xanchor == "auto":
                xanchor = _auto_anchor(float(a.get("x", 0.5)), ("left", "center", "right")) if xref == "paper" else "center"
            if yanchor == "auto":
                yanchor = _auto_anchor(float(a.get("y", 0.5)), ("bottom", "middle", "top")) if yref == "paper" else "middle"
            text = Text(a.get("text", ""), _font(self.font, a.get("font")))
            if text.empty:
                continue
            pad = float(a.get("borderpad", 1)) + float(a.get("borderwidth", 1) or 0)
            box_w, box_h = text.width + 2 * pad, text.height + 2 * pad
            left = {"left": px, "right": px - box_w}.get(xanchor, px - box_w / 2)
            top = {"top": py, "bottom": py - box_h}.get(yanchor, py - box_h / 2)
            align = a.get("align") or "center"
            if align == "left":
                tx, anchor = left + pad, "start"
            elif align == "right":
                tx, anchor = left + box_w - pad, "end"
            else:
                tx, anchor = left + box_w / 2, "middle"
            if len(text.lines) == 1:  # one line: anchor the text itself, no width estimate needed
                tx, anchor = px if xanchor != "center" else px, _anchor(xanchor)
                if xanchor == "left":
                    tx += pad
                elif xanchor == "right":
                    tx -= pad
            baseline = top + pad + text.size * LINE_SPACING / 2 + 0.35 * text.size
            parts = []
            if a.get("bgcolor") and a["bgcolor"] not in ("rgba(0,0,0,0)", "transparent"):
                parts.append(f'<rect x="{_num(left)}" y="{_num(top)}" width="{_num(box_w)}" height="{_num(box_h)}" '
                             f'fill="{_attr(a["bgcolor"])}"/>')
            if a.get("bordercolor") and float(a.get("borderwidth", 1) or 0) > 0:
                parts.append(f'<rect x="{_num(left)}" y="{_num(top)}" width="{_num(box_w)}" height="{_num(box_h)}" '
                             f'fill="none"{_stroke({"color": a["bordercolor"], "width": a.get("borderwidth", 1)})}/>')
            parts.append(text.svg(tx, baseline, anchor, self.font))
            angle = float(a.get("textangle", 0) or 0)
            group = "".join(parts)
            if angle:
                cx, cy = left + box_w / 2, top + box_h / 2
                group = f'<g transform="rotate({_num(angle)} {_num(cx)} {_num(cy)})">{group}</g>'
            if a.get("opacity") is not None and a["opacity"] < 1:
                group = f'<g opacity="{_num3(a["opacity"])}">{group}</g>'
            out.append(group)
        return out

    def _title(self) -> list[str]:
        title = self.layout.get("title")
        if isinstance(title, str):
            title = {"text": title}
        title = _merge(self.tlayout.get("title") or {}, title or {})
        if not title.get("text"):
            return []
        base = self.font
        font = _font(base, {"size": float(base.get("size", 12)) * 1.4}, title.get("font"))
        text = Text(title["text"], font)
        x = float(title.get("x", 0.5))
        xref = title.get("xref") or "container"
        px = x * self.width if xref == "container" else self.plot[0] + x * self.plot[2]
        xanchor = title.get("xanchor") or "auto"
        if xanchor == "auto":
            xanchor = _auto_anchor(x, ("left", "center", "right"))
        y = title.get("y", "auto")
        yref = title.get("yref") or "container"
        if y == "auto" or y is None:
            # plotly: the first line's baseline at the middle of the top margin; extra lines push up
            return [text.svg(px, self.margin["t"] / 2, _anchor(xanchor), self.font)]
        py = (1 - float(y)) * self.height if yref == "container" else self.plot[1] + (1 - float(y)) * self.plot[3]
        yanchor = title.get("yanchor") or "auto"
        if yanchor == "auto":
            yanchor = _auto_anchor(float(y), ("bottom", "middle", "top"))
        return [text.svg(px, _first_baseline(py, yanchor, text), _anchor(xanchor), self.font)]


# ------------------------------------------------------------------------------------ legend


class Legend:
    """plotly's legend (``components/legend/draw.js``): entries in a column, or in rows that wrap,
    grouped by ``legendgroup`` when ``traceorder`` is "grouped" (plotly's default when groups exist)."""

    ITEM_GAP = 5
    TEXT_GAP = 40  # itemwidth 30 + 2 item gaps: the symbol's room before the text
    GROUP_GAP = 10

    def __init__(self, figure: Figure, traces: list[dict]):
        self.figure = figure
        self.cfg = _merge(figure.tlayout.get("legend") or {}, figure.layout.get("legend") or {})
        self.font = _font(figure.font, self.cfg.get("font"))
        self.size = float(self.font["size"])
        self.horizontal = self.cfg.get("orientation") == "h"
        has_groups = any(t.get("legendgroup") for t in traces)
        order = self.cfg.get("traceorder") or ("grouped" if has_groups else "normal")
        self.grouped = "grouped" in order
        self.gap = float(self.cfg.get("tracegroupgap", self.GROUP_GAP))
        groups: dict[Any, list[dict]] = {}
        for t in traces:
            key = t.get("legendgroup") or ("_", t["_index"]) if self.grouped else ("_", t["_index"])
            groups.setdefault(key, []).append(t)
        self.groups = list(groups.values())
        self.bw = float(self.cfg.get("borderwidth", 0) or 0)
        x = self.cfg.get("x")
        y = self.cfg.get("y")
        self.x = float(x if x is not None else (0 if self.horizontal else 1.02))
        self.y = float(y if y is not None else (-0.1 if self.horizontal else 1))
        xa, ya = self.cfg.get("xanchor") or "auto", self.cfg.get("yanchor") or "auto"
        self.xanchor = xa if xa != "auto" else ("right" if self.x >= 2 / 3 and self.x <= 1 else
                                                  "center" if 1 / 3 < self.x < 2 / 3 else "left")
        if ya == "auto":
            ya = "bottom" if self.y <= 1 / 3 else ("middle" if self.y < 2 / 3 else "top")
            if self.horizontal and self.y < 0:
                ya = "top"
        self.yanchor = ya

    def _text(self, t: dict) -> Text:
        return Text(t.get("name", ""), self.font)

    def _item_h(self, t: dict) -> float:
        return max(self._text(t).height, 16) + 3

    def _item_w(self, t: dict) -> float:
        return self._text(t).width + self.TEXT_GAP

    def layout(self) -> None:
        """The entries' positions (x of the symbol's box, y of the entry's middle, relative to the
        legend's top left) and the legend's size, for the current plot area."""
        fig = self.figure
        gap, bw = self.ITEM_GAP, self.bw
        self.entries: list[tuple[float, float, dict]] = []
        items = [t for g in self.groups for t in g]
        if not self.horizontal:
            h = 0.0
            w = 0.0
            for g, group in enumerate(self.groups):
                for t in group:
                    ih = self._item_h(t)
                    self.entries.append((bw, bw + h + ih / 2 + gap + (g * self.gap if self.grouped else 0), t))
                    h += ih
                    w = max(w, self._text(t).width)
            self.w = w + gap + self.TEXT_GAP + 2 * bw
            self.h = h + 2 * (bw + gap) + ((len(self.groups) - 1) * self.gap if self.grouped else 0)
            return
        _, _, pw, _ = fig.plot
        max_w = max(pw, 2 * self.TEXT_GAP)
        if self.grouped:
            x = y = row_h = widest = 0.0
            for group in self.groups:
                block_w = max(self._item_w(t) for t in group)
                block_h = sum(self._item_h(t) for t in group)
                nxt = block_w + gap
                if x > 0 and nxt + bw + x > max_w:
                    widest = max(widest, x)
                    x = 0.0
                    y += row_h + self.gap
                    row_h = block_h
                else:
                    row_h = max(row_h, block_h)
                off = 0.0
                for t in group:
                    ih = self._item_h(t)
                    self.entries.append((x, bw + gap + y + off + ih / 2, t))
                    off += ih
                x += nxt
            self.w = max(widest, x) + bw
            self.h = y + row_h + 2 * (bw + gap)
            return
        widths = [self._item_w(t) for t in items]
        one_row = sum(widths) + 2 * bw + (len(items) - 1) * gap < max_w
        widest_item = max(widths)
        x = y = row_h = widest = row_w = 0.0
        for t, w in zip(items, widths):
            ih = self._item_h(t)
            nxt = (w if one_row else widest_item) + gap
            if nxt + bw + x - gap >= max_w:
                widest = max(widest, row_w)
                x = 0.0
                y += row_h
                row_h = 0.0
            self.entries.append((bw + x, bw + y + ih / 2 + gap, t))
            row_w = x + w + gap
            x += nxt
            row_h = max(row_h, ih)
        self.w = (x if one_row else max(widest, row_w)) + 2 * bw
        self.h = y + row_h + 2 * (bw + gap)

    def pushes(self) -> list[tuple[str, float, float]]:
        """plotly's automatic margins for the legend (paper coordinates)."""
        self.layout()
        from_tl = {"left": 0, "center": 0.5, "right": 1, "top": 0, "middle": 0.5, "bottom": 1}
        return [("l", self.x, self.w * from_tl[self.xanchor]), ("r", self.x, self.w * (1 - from_tl[self.xanchor])),
                ("b", self.y, self.h * (1 - from_tl[self.yanchor])), ("t", self.y, self.h * from_tl[self.yanchor])]

    def svg(self) -> str:
        self.layout()
        fig = self.figure
        x0, y0, pw, ph = fig.plot
        from_tl = {"left": 0, "center": 0.5, "right": 1, "top": 0, "middle": 0.5, "bottom": 1}
        left = x0 + pw * self.x - from_tl[self.xanchor] * self.w
        top = y0 + ph * (1 - self.y) - from_tl[self.yanchor] * self.h
        left = min(max(left, 0), fig.width - self.w)
        top = min(max(top, 0), fig.height - self.h)
        parts = []
        bg = self.cfg.get("bgcolor")
        if bg and bg not in ("rgba(0,0,0,0)", "transparent"):
            parts.append(f'<rect x="{_num(left)}" y="{_num(top)}" width="{_num(self.w)}" height="{_num(self.h)}" '
                         f'fill="{_attr(bg)}"/>')
        for ex, ey, t in self.entries:
            x, cy = left + ex, top + ey
            parts.append(self._symbol(t, x, cy))
            text = self._text(t)
            lh = text.size * LINE_SPACING
            baseline = cy - lh * ((len(text.lines) - 1) / 2 - 0.3)
            parts.append(text.svg(x + self.TEXT_GAP, baseline, "start", fig.font))
        return f'<g>{"".join(parts)}</g>'

    def _symbol(self, t: dict, x: float, cy: float) -> str:
        fig = self.figure
        color = t["_color"]
        out = []
        if t.get("type") == "bar":
            marker = t.get("marker") or {}
            mcolor = _pick(marker.get("color"), 0, None) or color
            paint = fig._pattern(marker.get("pattern"), mcolor, bar=True) or _attr(mcolor)
            out.append(f'<rect x="{_num(x + 14)}" y="{_num(cy - 6)}" width="12" height="12" fill="{paint}"'
                       f'{_stroke(marker.get("line"), "#444", 0)}/>')
            return "".join(out)
        mode = t.get("mode") or "lines+markers"
        line = dict(t.get("line") or {})
        line.setdefault("color", color)
        if t.get("fill") and t.get("fill") != "none":
            fillcolor = t.get("fillcolor") or _with_alpha(line.get("color") or color, 0.5)
            paint = fig._pattern(t.get("fillpattern"), fillcolor) or _attr(fillcolor)
            out.append(f'<path d="M{_num(x + 5)} {_num(cy - 6)}h30v12h-30Z" fill="{paint}"'
                       f'{_stroke(line, color) if "lines" in mode else ""}/>')
        elif "lines" in mode and line.get("width", 2):
            lw = min(float(line.get("width", 2)), 5)
            out.append(f'<path d="M{_num(x + 5)} {_num(cy)}h30" fill="none"{_stroke(dict(line, width=lw), color)}/>')
        if "markers" in mode:
            marker = dict(t.get("marker") or {})
            size = min(float(_pick(marker.get("size"), 0, 6)), 16)
            mline = {k: _pick(v, 0, None) for k, v in (marker.get("line") or {}).items()}
            out.append(_symbol((x + 20, cy), size, str(_pick(marker.get("symbol"), 0, "circle")),
                               _pick(marker.get("color"), 0, None) or _marker_default(t, color), mline, None))
        opacity = t.get("opacity")
        body = "".join(out)
        return f'<g opacity="{_num3(opacity)}">{body}</g>' if opacity is not None and opacity < 1 else body


# ------------------------------------------------------------------------------------ primitives


def _marker_default(t: dict, color: str) -> str:
    """plotly: markers drawn with a line take the line's colour unless given their own."""
    line = t.get("line") or {}
    if "lines" in (t.get("mode") or "") and line.get("color"):
        return line["color"]
    return color


def _opacity(t: dict) -> float:
    value = t.get("opacity")
    return 1.0 if value is None else float(value)


def _fg_op(opacity: float) -> str:
    return f' opacity="{_num3(float(opacity))}"' if opacity is not None and float(opacity) < 1 else ""


def _num3(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return s or "0"


def _pick(value: Any, i: int, default: Any) -> Any:
    if isinstance(value, list):
        return value[i] if i < len(value) and value[i] is not None else default
    return default if value is None else value


def _auto_anchor(v: float, names: tuple[str, str, str]) -> str:
    return names[0] if v < 1 / 3 else (names[2] if v > 2 / 3 else names[1])


def _with_alpha(color: str, alpha: float) -> str:
    c = str(color).strip()
    if c.startswith("#") and len(c) in (4, 7):
        if len(c) == 4:
            c = "#" + "".join(ch * 2 for ch in c[1:])
        r, g, b = (int(c[i:i + 2], 16) for i in (1, 3, 5))
        return f"rgba({r},{g},{b},{alpha})"
    m = re.match(r"rgba?\(([^)]*)\)", c)
    if m:
        parts = [p.strip() for p in m.group(1).split(",")][:3]
        return f"rgba({','.join(parts)},{alpha})"
    return c


def _error_sizes(err: dict, i: int, c: float | None) -> tuple[float | None, float | None]:
    if c is None:
        return None, None
    kind = err.get("type") or ("data" if err.get("array") is not None else "percent")
    symmetric = err.get("symmetric")
    if symmetric is None:
        symmetric = err.get("arrayminus") is None and err.get("valueminus") is None
    if kind == "data":
        plus = _pick(err.get("array"), i, None)
        minus = plus if symmetric else _pick(err.get("arrayminus"), i, None)
    elif kind == "constant":
        plus = err.get("value", 10)
        minus = plus if symmetric else err.get("valueminus", 10)
    elif kind == "percent":
        plus = abs(c) * float(err.get("value", 10)) / 100
        minus = plus if symmetric else abs(c) * float(err.get("valueminus", 10)) / 100
    else:
        raise UnsupportedFigure(f"svgplot: error bar type {kind!r} is not drawn")
    if plus is None:
        return None, None
    return float(plus), float(minus or 0)


def _symbol(p, size: float, symbol: str, color: str, line: dict, opacity) -> str:
    x, y = p
    r = size / 2
    name = symbol
    is_open = name.endswith("-open") or name.endswith("-open-dot")
    dot = name.endswith("-dot")
    name = name.replace("-open-dot", "").replace("-open", "").replace("-dot", "")
    lw = float(line.get("width", 0) or 0)
    lcolor = line.get("color") or "#444"
    if name in ("line-ew", "line-ns", "line-ne", "line-nw"):
        rc = r * 1.4
        d = {"line-ew": f"M{_num(x + rc)} {_num(y)}H{_num(x - rc)}",
             "line-ns": f"M{_num(x)} {_num(y + rc)}V{_num(y - rc)}",
             "line-ne": f"M{_num(x + rc)} {_num(y - rc)}L{_num(x - rc)} {_num(y + rc)}",
             "line-nw": f"M{_num(x + rc)} {_num(y + rc)}L{_num(x - rc)} {_num(y - rc)}"}[name]
        stroke_color = lcolor if lw else color
        return f'<path d="{d}" fill="none" stroke="{_attr(stroke_color)}" stroke-width="{_num(lw or 1)}"/>'
    if is_open:
        fill, stroke, sw = "none", (lcolor if lw else color), (lw or 1)
    else:
        fill, stroke, sw = color, lcolor, lw
    paint = f' fill="{_attr(fill)}"' + (f' stroke="{_attr(stroke)}" stroke-width="{_num(sw)}"' if sw else "")
    if opacity is not None and opacity < 1:
        paint += f' opacity="{_num3(opacity)}"'
    if name == "circle":
        shape = f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}"{paint}/>'
    elif name == "square":
        shape = f'<rect x="{_num(x - r)}" y="{_num(y - r)}" width="{_num(size)}" height="{_num(size)}"{paint}/>'
    elif name == "diamond":
        rd = r * 1.3
        shape = (f'<path d="M{_num(x + rd)} {_num(y)}L{_num(x)} {_num(y + rd)}L{_num(x - rd)} {_num(y)}'
                 f'L{_num(x)} {_num(y - rd)}Z"{paint}/>')
    elif name in ("triangle-up", "triangle-down"):
        rt, r2 = r * 2 / math.sqrt(3), r / 2
        sgn = -1 if name == "triangle-up" else 1
        shape = (f'<path d="M{_num(x - rt)} {_num(y - sgn * r2)}H{_num(x + rt)}L{_num(x)} {_num(y + sgn * r)}Z"'
                 f"{paint}/>")
    elif name in ("cross", "x"):
        rc = r * 0.4
        pts = [(rc, r), (rc, rc), (r, rc), (r, -rc), (rc, -rc), (rc, -r), (-rc, -r), (-rc, -rc), (-r, -rc),
               (-r, rc), (-rc, rc), (-rc, r)]
        if name == "x":
            k = math.sqrt(0.5)
            pts = [((a - b) * k * 1.2, (a + b) * k * 1.2) for a, b in pts]
        shape = f'<path d="M{"L".join(f"{_num(x + a)} {_num(y + b)}" for a, b in pts)}Z"{paint}/>'
    else:
        raise UnsupportedFigure(f"svgplot: marker symbol {symbol!r} is not drawn")
    if dot:
        shape += f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(max(sw, 1.5))}" fill="{_attr(stroke if sw else "#444")}"/>'
    return shape


def _spline(pts, smoothing: float) -> str:
    """plotly's ``spline`` line shape: a Catmull-Rom spline (centripetal), as quadratic ends and cubic middles."""
    def tangent(prev, this, nxt):
        d1x, d1y = prev[0] - this[0], prev[1] - this[1]
        d2x, d2y = nxt[0] - this[0], nxt[1] - this[1]
        d1a = (d1x * d1x + d1y * d1y) ** 0.25
        d2a = (d2x * d2x + d2y * d2y) ** 0.25
        numx = (d2a * d2a * d1x - d1a * d1a * d2x) * smoothing
        numy = (d2a * d2a * d1y - d1a * d1a * d2y) * smoothing
        den1, den2 = 3 * d2a * (d1a + d2a), 3 * d1a * (d1a + d2a)
        return ((this[0] + (numx / den1 if den1 else 0), this[1] + (numy / den1 if den1 else 0)),
                (this[0] - (numx / den2 if den2 else 0), this[1] - (numy / den2 if den2 else 0)))

    def pt(p):
        return f"{_px(p[0])} {_px(p[1])}"

    tans = [tangent(pts[i - 1], pts[i], pts[i + 1]) for i in range(1, len(pts) - 1)]
    d = f"M{pt(pts[0])}Q{pt(tans[0][0])} {pt(pts[1])}"
    for i in range(2, len(pts) - 1):
        d += f"C{pt(tans[i - 2][1])} {pt(tans[i - 1][0])} {pt(pts[i])}"
    return d + f"Q{pt(tans[-1][1])} {pt(pts[-1])}"


_PATH_TOKEN = re.compile(r"[MLHVCSQTAZmlhvcsqtaz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"M": 2, "L": 2, "C": 6, "S": 4, "Q": 4, "T": 2, "H": 1, "V": 1, "Z": 0}


def _transform_path(path: str, fx, fy) -> str:
    """A shape's SVG path from data (or paper) coordinates to pixels, as absolute commands.

    Relative (lowercase) commands are offsets in the same coordinates from the current point, as in
    plotly; arcs are not supported (plotly does not draw them either)."""
    tokens = _PATH_TOKEN.findall(path)
    out = []
    cmd = None
    cx = cy = sx = sy = 0.0  # current point and subpath start, in the path's own coordinates
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.isalpha():
            cmd = tok
            i += 1
            if cmd in "Zz":
                out.append("Z")
                cx, cy = sx, sy
                continue
            if cmd.upper() not in _ARITY:
                raise UnsupportedFigure(f"svgplot: path command {cmd!r} is not drawn (M L H V C S Q T Z are)")
        if cmd is None:
            raise UnsupportedFigure(f"svgplot: a shape path must start with a command: {path[:40]!r}")
        upper = cmd.upper()
        n = _ARITY[upper]
        args = [float(a) for a in tokens[i:i + n]]
        if len(args) < n:
            break
        i += n
        rel = cmd.islower()
        if upper == "H":
            cx = cx + args[0] if rel else args[0]
            out.append(f"H{_px(fx(cx))}")
        elif upper == "V":
            cy = cy + args[0] if rel else args[0]
            out.append(f"V{_px(fy(cy))}")
        else:
            pts = [(args[k] + (cx if rel else 0), args[k + 1] + (cy if rel else 0)) for k in range(0, n, 2)]
            out.append(upper + " ".join(f"{_px(fx(x))} {_px(fy(y))}" for x, y in pts))
            cx, cy = pts[-1]
            if upper == "M":
                sx, sy = cx, cy
                cmd = "l" if rel else "L"  # further pairs after a moveto are lines
    return "".join(out)


def figure_svg(spec: dict, width: float = REFERENCE_WIDTH, height: float = 520, id_prefix: str = "nr") -> str:
    """The figure's first state as an SVG document (a string), ``width`` by its layout's height.

    ``id_prefix`` makes the ids of its patterns and clip paths unique in the page.
    """
    _POINT_DECIMALS[0] = 0 if width >= 600 else 1
    try:
        return Figure(spec, width, height, id_prefix).svg()
    finally:
        _POINT_DECIMALS[0] = 1
