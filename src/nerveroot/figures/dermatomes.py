"""The dermatome map of L4, L5 and S1 (three faces: plotly page, PNG print, ipywidgets live).

The lower limb is the course's own schematic, drawn from ``data/dermatome_geometry.yaml``:
the right leg from the front and from behind, and the foot from above and below.  Each
dermatome area is the part of a view's outline inside a convex clip polygon, so areas
always lie inside the limb.  Which root an area belongs to, and which published map style
draws it, is data too; the clinical content (summaries, muscles, reflexes, key sensory
points) comes from :func:`nerveroot.clinical.roots.load_roots`.

Controls of the static face:

* one button per root (and "All roots"): highlights that root's areas and key sensory
  point, and shows its key movements and reflex in the caption;
* one button per map style and "Where maps disagree": switches between Map A (L4 confined
  to the medial leg) and Map B (Keegan & Garrett), or hatches the skin the maps give to
  different roots.

The two groups change different trace properties (opacity versus visibility), so they
combine freely in the browser without any custom JavaScript.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import plotly.graph_objects as go
import yaml

from ..display import PlotlyInteractive
from ..i18n import strings
from ..palette import INK, MUTED, ROOT_STYLE, plotly_template
from ..clinical.roots import CORE_ROOTS, MAP_SOURCES, load_roots

GEOMETRY_FILE = "data/dermatome_geometry.yaml"
VIEW_ORDER = ("front", "back", "dorsum", "sole")
#: Map modes offered by the map buttons: the two styles, then their comparison.
MAP_MODES = (*MAP_SOURCES[::-1], "disagree")  # medial_leg, keegan_garrett, disagree
DEFAULT_MAP = "medial_leg"
SKIN = "#f6f2ec"
DISPUTED_FILL = "#d4d4d4"
#: Text colour on each root's fill that stays readable (WCAG contrast checked in tests).
LABEL_INK = {"L4": INK, "L5": "#ffffff", "S1": INK}

Point = tuple[float, float]


class GeometryError(ValueError):
    """The geometry file is malformed (the message names the file and field)."""


# ---------------------------------------------------------------------------
# plane geometry (small and dependency-free)
# ---------------------------------------------------------------------------


def signed_area(poly: list[Point]) -> float:
    """Shoelace area: positive for counter-clockwise polygons."""
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]))


def centroid(poly: list[Point]) -> Point:
    a = signed_area(poly)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * a), cy / (6 * a)


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def is_convex(poly: list[Point]) -> bool:
    n = len(poly)
    signs = {_cross(poly[i], poly[(i + 1) % n], poly[(i + 2) % n]) > 0 for i in range(n)
             if abs(_cross(poly[i], poly[(i + 1) % n], poly[(i + 2) % n])) > 1e-12}
    return n >= 3 and len(signs) == 1


def _segments_cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool:
    """True if the segments intersect in a point interior to at least one of them (not shared ends)."""
    d1, d2 = _cross(q1, q2, p1), _cross(q1, q2, p2)
    d3, d4 = _cross(p1, p2, q1), _cross(p1, p2, q2)
    return (d1 * d2 < -1e-12) and (d3 * d4 < -1e-12)


def is_simple(poly: list[Point]) -> bool:
    """No repeated vertices and no two non-adjacent edges that cross."""
    n = len(poly)
    if n < 3 or len({(round(x, 6), round(y, 6)) for x, y in poly}) != n:
        return False
    edges = [(poly[i], poly[(i + 1) % n]) for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):
                continue
            if _segments_cross(*edges[i], *edges[j]):
                return False
    return True


def distance_to_boundary(pt: Point, poly: list[Point]) -> float:
    best = float("inf")
    px, py = pt
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]):
        dx, dy = x1 - x0, y1 - y0
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy)))
        best = min(best, ((px - x0 - t * dx) ** 2 + (py - y0 - t * dy) ** 2) ** 0.5)
    return best


def contains(poly: list[Point], pt: Point, tol: float = 1e-6) -> bool:
    """Point in polygon (even-odd rule); points within ``tol`` of the boundary count as inside."""
    if distance_to_boundary(pt, poly) <= tol:
        return True
    x, y = pt
    inside = False
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def clip_polygon(subject: list[Point], clip: list[Point]) -> list[Point]:
    """Part of ``subject`` inside the convex polygon ``clip`` (Sutherland-Hodgman)."""
    if signed_area(clip) < 0:
        clip = clip[::-1]
    out = list(subject)
    for c0, c1 in zip(clip, clip[1:] + clip[:1]):
        if not out:
            break
        src, out = out, []

        def inside(p: Point) -> bool:
            return _cross(c0, c1, p) >= 0

        def meet(p: Point, q: Point) -> Point:
            a1, a2 = _cross(c0, c1, p), _cross(c0, c1, q)
            t = a1 / (a1 - a2)
            return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))

        for i, q in enumerate(src):
            p = src[i - 1]
            if inside(q):
                if not inside(p):
                    out.append(meet(p, q))
                out.append(q)
            elif inside(p):
                out.append(meet(p, q))
    return _tidy(out)


def _tidy(poly: list[Point]) -> list[Point]:
    """Round, drop repeated and collinear vertices."""
    pts = [(round(x, 4), round(y, 4)) for x, y in poly]
    changed = True
    while changed and len(pts) >= 3:
        changed = False
        for i in range(len(pts)):
            a, b, c = pts[i - 1], pts[i], pts[(i + 1) % len(pts)]
            if b == a or abs(_cross(a, b, c)) < 1e-9:
                del pts[i]
                changed = True
                break
    return pts


# ---------------------------------------------------------------------------
# the geometry data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    name: str
    outline: tuple[Point, ...]  # local coordinates, after mirroring
    x: float
    y: float
    scale: float
    medial: int

    def place(self, pts) -> list[Point]:
        """Local -> figure coordinates."""
        return [(self.x + self.scale * px, self.y + self.scale * py) for px, py in pts]

    def bounds(self) -> tuple[float, float, float, float]:
        xs, ys = zip(*self.place(self.outline))
        return min(xs), max(xs), min(ys), max(ys)


@dataclass(frozen=True)
class Area:
    index: int
    root: str
    view: str
    maps: tuple[str, ...]
    clip: tuple[Point, ...]
    polygon: tuple[Point, ...]  # local coordinates: outline ∩ clip
    label_at: Point | None = None  # local coordinates; None: the area's centroid
    labelled: bool = True

    @property
    def shared(self) -> bool:
        return set(self.maps) == set(MAP_SOURCES)


@dataclass(frozen=True)
class KeyPoint:
    root: str
    view: str
    at: Point


@dataclass(frozen=True)
class Geometry:
    views: dict[str, View]
    areas: tuple[Area, ...]
    key_points: tuple[KeyPoint, ...]


def _gfail(field: str, problem: str) -> GeometryError:
    return GeometryError(f"{GEOMETRY_FILE}: {field}: {problem}")


def _points(value: Any, field: str, minimum: int = 3) -> list[Point]:
    if not isinstance(value, list) or len(value) < minimum:
        raise _gfail(field, f"expected a list of at least {minimum} [x, y] points")
    pts = []
    for i, p in enumerate(value):
        if not (isinstance(p, list) and len(p) == 2 and all(isinstance(c, (int, float)) for c in p)):
            raise _gfail(f"{field}[{i}]", f"expected [x, y], got {p!r}")
        pts.append((float(p[0]), float(p[1])))
    return pts


def parse_geometry(raw: Any) -> Geometry:
    """Validate the geometry data and compute the areas (outline ∩ clip)."""
    if not isinstance(raw, dict):
        raise _gfail("(top level)", "expected a mapping")
    raw_views = raw.get("views")
    if not isinstance(raw_views, dict):
        raise _gfail("views", "missing")
    views: dict[str, View] = {}
    for name in VIEW_ORDER:
        if name not in raw_views:
            raise _gfail(f"views.{name}", "missing")
        v = raw_views[name]
        f = f"views.{name}"
        outline = _points(v.get("outline"), f"{f}.outline")
        if v.get("mirror"):
            outline = [(-x, y) for x, y in outline][::-1]
        if signed_area(outline) < 0:
            outline = outline[::-1]
        if not is_simple(outline):
            raise _gfail(f"{f}.outline", "not a simple polygon (edges cross or vertices repeat)")
        place = v.get("place") or {}
        try:
            x, y, scale = float(place["x"]), float(place["y"]), float(place["scale"])
        except (KeyError, TypeError, ValueError):
            raise _gfail(f"{f}.place", "expected {x, y, scale}") from None
        if v.get("medial") not in (-1, 1):
            raise _gfail(f"{f}.medial", "expected -1 or 1")
        views[name] = View(name=name, outline=tuple(outline), x=x, y=y, scale=scale, medial=v["medial"])
    areas = []
    for i, a in enumerate(raw.get("areas") or []):
        f = f"areas[{i}]"
        if a.get("root") not in CORE_ROOTS:
            raise _gfail(f"{f}.root", f"{a.get('root')!r} is not one of {', '.join(CORE_ROOTS)}")
        if a.get("view") not in views:
            raise _gfail(f"{f}.view", f"{a.get('view')!r} is not one of {', '.join(views)}")
        maps = a.get("maps")
        if not isinstance(maps, list) or not maps or any(m not in MAP_SOURCES for m in maps):
            raise _gfail(f"{f}.maps", f"expected a list from {', '.join(MAP_SOURCES)}, got {maps!r}")
        clip = _points(a.get("clip"), f"{f}.clip")
        if not is_convex(clip):
            raise _gfail(f"{f}.clip", "not a convex polygon")
        poly = clip_polygon(list(views[a["view"]].outline), clip)
        if len(poly) < 3 or abs(signed_area(poly)) < 1.0:
            raise _gfail(f"{f}.clip", "does not overlap the view's outline")
        label_at = _points([a["label_at"]], f"{f}.label_at", minimum=1)[0] if "label_at" in a else None
        if not isinstance(a.get("label", True), bool):
            raise _gfail(f"{f}.label", "expected true or false")
        areas.append(Area(index=i, root=a["root"], view=a["view"], maps=tuple(maps), clip=tuple(clip),
                          polygon=tuple(poly), label_at=label_at, labelled=a.get("label", True)))
    if not areas:
        raise _gfail("areas", "missing")
    points = []
    for i, k in enumerate(raw.get("key_points") or []):
        f = f"key_points[{i}]"
        if k.get("root") not in CORE_ROOTS or k.get("view") not in views:
            raise _gfail(f, "needs a core root and a view")
        at = _points([k.get("at")], f"{f}.at", minimum=1)[0]
        points.append(KeyPoint(root=k["root"], view=k["view"], at=at))
    return Geometry(views=views, areas=tuple(areas), key_points=tuple(points))


@lru_cache(maxsize=None)
def load_geometry() -> Geometry:
    """The lower-limb schematic, validated (errors name the file and field)."""
    path = resources.files("nerveroot") / "data" / "dermatome_geometry.yaml"
    with path.open(encoding="utf-8") as fh:
        return parse_geometry(yaml.safe_load(fh))


def _close(pts: list[Point]) -> tuple[list[float], list[float]]:
    xs = [round(p[0], 2) for p in pts] + [round(pts[0][0], 2)]
    ys = [round(p[1], 2) for p in pts] + [round(pts[0][1], 2)]
    return xs, ys


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(text, width))


# ---------------------------------------------------------------------------
# the figure
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Disputed:
    view: str
    polygon: tuple[Point, ...]
    claims: tuple[tuple[str, str | None], ...]  # (map source, root or None)


class DermatomeMap(PlotlyInteractive):
    """Interactive dermatome map of L4, L5 and S1 with two published map styles."""

    html_height = 560
    print_size = (960, 620)

    def __init__(self, lang: str | None = None):
        self.s = strings("dermatome_map", lang)
        self.roots = load_roots()
        self.geo = load_geometry()

    # -- model ------------------------------------------------------------
    def disputed(self) -> list[_Disputed]:
        """Skin that the map styles give to different roots (or that only one style assigns)."""
        found: dict[tuple, _Disputed] = {}
        for area in self.geo.areas:
            if area.shared:
                continue
            key = (area.view, tuple(sorted(area.polygon)))
            claims = dict(found[key].claims) if key in found else {m: None for m in MAP_SOURCES}
            for m in area.maps:
                claims[m] = area.root
            found[key] = _Disputed(view=area.view, polygon=area.polygon, claims=tuple(claims.items()))
        return list(found.values())

    def visible_in(self, area: Area, mode: str) -> bool:
        return area.shared if mode == "disagree" else mode in area.maps

    def caption(self, root: str | None) -> str:
        s = self.s
        if root is None:
            return s["caption_all"]
        r = self.roots[root]
        reflex = r.reflex.name + (f" ({r.reflex.note})" if r.reflex.note else "")
        return s["caption_root"].format(root=root, summary=r.dermatome.summary, movements=r.movements(),
                                        reflex=reflex, point=r.key_sensory_point.site)

    # -- traces -----------------------------------------------------------
    def _traces(self, mode: str) -> tuple[list[dict], dict[str, list[int]]]:
        """All traces (as dicts) and the index groups the buttons address."""
        s, geo = self.s, self.geo
        traces: list[dict] = []
        groups: dict[str, list[int]] = {"area": [], "area_label": [], "disputed": [], "key": []}
        for name in VIEW_ORDER:
            view = geo.views[name]
            xs, ys = _close(view.place(view.outline))
            traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", fill="toself", fillcolor=SKIN,
                               line=dict(color=INK, width=1.6), hoverinfo="skip", showlegend=False))
        legend_done: set[str] = set()
        view_names = {v: s[f"view_{v}"].lower() for v in VIEW_ORDER}
        area_traces, label_traces = [], []
        for area in geo.areas:
            style = ROOT_STYLE[area.root]
            view = geo.views[area.view]
            xs, ys = _close(view.place(area.polygon))
            first = area.shared and area.root not in legend_done
            if first:
                legend_done.add(area.root)
            hover = s["area_hover"].format(root=area.root, view=view_names[area.view],
                                           summary=self.roots[area.root].dermatome.summary)
            area_traces.append(dict(
                type="scatter", x=xs, y=ys, mode="lines", fill="toself", fillcolor=style["color"],
                fillpattern=dict(shape=style["pattern"], bgcolor=style["color"],
                                 fgcolor="rgba(255,255,255,0.7)" if area.root == "L5" else "rgba(31,41,51,0.55)",
                                 size=9, solidity=0.3),
                line=dict(color=INK, width=1), name=s["root_legend"].format(root=area.root),
                legendgroup=area.root, showlegend=first, text=_wrap(hover), hoverinfo="text", hoveron="fills",
                visible=self.visible_in(area, mode),
            ))
            cx, cy = view.place([area.label_at or centroid(list(area.polygon))])[0]
            label_traces.append(dict(
                type="scatter", x=[round(cx, 2)], y=[round(cy, 2)], mode="text",
                text=[f"<b>{area.root}</b>" if area.labelled else ""],
                textfont=dict(size=15, color=INK if area.label_at else LABEL_INK[area.root]), hoverinfo="skip",
                showlegend=False, visible=self.visible_in(area, mode),
            ))
        for t in area_traces:
            groups["area"].append(len(traces))
            traces.append(t)
        for t in label_traces:
            groups["area_label"].append(len(traces))
            traces.append(t)
        map_names = {m: s[f"map_name_{m}"] for m in MAP_SOURCES}
        for i, d in enumerate(self.disputed()):
            view = geo.views[d.view]
            xs, ys = _close(view.place(d.polygon))
            claims = "; ".join(s["disputed_claim"].format(map=map_names[m], root=r or s["unassigned"])
                               for m, r in d.claims)
            groups["disputed"].append(len(traces))
            traces.append(dict(
                type="scatter", x=xs, y=ys, mode="lines", fill="toself", fillcolor=DISPUTED_FILL,
                fillpattern=dict(shape="\\", bgcolor=DISPUTED_FILL, fgcolor=INK, size=7, solidity=0.25),
                line=dict(color=INK, width=1, dash="dot"), name=s["disputed_legend"], legendgroup="disputed",
                showlegend=i == 0, text=_wrap(s["disputed_hover"].format(claims=claims)), hoverinfo="text",
                hoveron="fills", visible=mode == "disagree",
            ))
        for i, kp in enumerate(geo.key_points):
            view = geo.views[kp.view]
            x, y = view.place([kp.at])[0]
            point = self.roots[kp.root].key_sensory_point
            groups["key"].append(len(traces))
            traces.append(dict(
                type="scatter", x=[round(x, 2)], y=[round(y, 2)], mode="markers",
                marker=dict(size=13, color="#ffffff", line=dict(color=INK, width=3), symbol="circle-dot"),
                name=s["key_point_legend"], legendgroup="key", showlegend=i == 0,
                text=[_wrap(s["key_point_hover"].format(root=kp.root, site=point.site))], hoverinfo="text",
            ))
        return traces, groups

    def _root_update(self, traces: list[dict], groups: dict[str, list[int]], root: str | None):
        """Trace updates of a root button: opacity and outline width of areas, labels and key points."""
        idx = groups["area"] + groups["area_label"] + groups["key"]
        area_root = {i: a.root for i, a in zip(groups["area"], self.geo.areas)}
        area_root.update({i: a.root for i, a in zip(groups["area_label"], self.geo.areas)})
        area_root.update({i: k.root for i, k in zip(groups["key"], self.geo.key_points)})
        on = [root is None or area_root[i] == root for i in idx]
        opacity = [1.0 if o else 0.22 for o in on]
        width = [(2.5 if (root is not None and o) else 1) if i in groups["area"] else
                 (3 if i in groups["key"] else 0) for i, o in zip(idx, on)]
        return idx, {"opacity": opacity, "line.width": width}

    def _map_update(self, groups: dict[str, list[int]], mode: str):
        idx = groups["area"] + groups["area_label"] + groups["disputed"]
        areas = list(self.geo.areas)
        visible = ([self.visible_in(a, mode) for a in areas] * 2
                   + [mode == "disagree"] * len(groups["disputed"]))
        return idx, {"visible": visible}

    def _annotations(self, caption: str) -> list[dict]:
        s, geo = self.s, self.geo
        notes = []
        for name in VIEW_ORDER:
            view = geo.views[name]
            x0, x1, y0, y1 = view.bounds()
            notes.append(dict(x=(x0 + x1) / 2, y=y1 + 2.5, text=f"<b>{s['view_' + name]}</b>", showarrow=False,
                              yanchor="bottom", font=dict(size=13, color=INK)))
            left, right = (s["medial"], s["lateral"]) if view.medial < 0 else (s["lateral"], s["medial"])
            side = dict(showarrow=False, font=dict(size=10, color=MUTED))
            if name in ("front", "back"):  # along the sides of the lower leg
                notes.append(dict(x=x0 - 0.6, y=y0 + 22, text=left, xanchor="right", textangle=-90, **side))
                notes.append(dict(x=x1 + 0.6, y=y0 + 22, text=right, xanchor="left", textangle=90, **side))
            else:  # the great toe shows the medial side; one label under it keeps narrow screens tidy
                x = x0 if view.medial < 0 else x1
                notes.append(dict(x=x, y=y0 - 0.8, text=s["medial"], xanchor="left" if view.medial < 0 else "right",
                                  yanchor="top", **side))
        notes.append(dict(name="caption", x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top",
                          align="left", showarrow=False, text=_wrap(caption, 110), font=dict(size=13, color=INK)))
        return notes

    def _base_layout(self, annotations: list[dict]) -> dict:
        geo = self.geo
        xs = [b for v in geo.views.values() for b in v.bounds()[:2]]
        ys = [b for v in geo.views.values() for b in v.bounds()[2:]]
        return dict(
            template=plotly_template(),
            annotations=annotations,
            xaxis=dict(visible=False, range=[min(xs) - 2, max(xs) + 2], fixedrange=True, constrain="domain"),
            yaxis=dict(visible=False, range=[min(ys) - 5, max(ys) + 8], scaleanchor="x", fixedrange=True,
                       constrain="domain"),
            legend=dict(orientation="h", x=0, y=1.0, xanchor="left", yanchor="bottom", font=dict(size=13),
                        itemclick=False, itemdoubleclick=False, traceorder="normal"),
            hoverlabel=dict(namelength=-1, align="left"),
            margin=dict(l=10, r=10, t=60, b=10),
            dragmode=False,
        )

    # -- faces ------------------------------------------------------------
    def figure(self, root: str | None = None, map_mode: str = DEFAULT_MAP, controls: bool = True) -> go.Figure:
        """The map with ``root`` highlighted (``None``: all) and ``map_mode`` in
        ``("medial_leg", "keegan_garrett", "disagree")``."""
        if root is not None and root not in CORE_ROOTS:
            raise ValueError(f"unknown root {root!r}; choose one of {', '.join(CORE_ROOTS)} or None")
        if map_mode not in MAP_MODES:
            raise ValueError(f"unknown map {map_mode!r}; choose one of {', '.join(MAP_MODES)}")
        s = self.s
        traces, groups = self._traces(map_mode)
        idx, upd = self._root_update(traces, groups, root)
        for k, i in enumerate(idx):
            traces[i]["opacity"] = upd["opacity"][k]
            traces[i].setdefault("line", {})
            if i in groups["area"]:
                traces[i]["line"]["width"] = upd["line.width"][k]
        caption = self.caption(root) if root else s[f"caption_map_{map_mode}"] if map_mode != DEFAULT_MAP \
            else s["caption_all"]
        fig = go.Figure(data=traces, layout=self._base_layout(self._annotations(caption)))
        if controls:
            root_buttons = []
            for choice in (None, *CORE_ROOTS):
                idx, upd = self._root_update(traces, groups, choice)
                root_buttons.append(dict(
                    label=s["all_roots"] if choice is None else s["show_root"].format(root=choice),
                    method="update",
                    args=[upd, {"annotations": self._annotations(self.caption(choice))}, idx],
                ))
            map_buttons = []
            for mode in MAP_MODES:
                idx, upd = self._map_update(groups, mode)
                map_buttons.append(dict(
                    label=s[f"map_{mode}"], method="update",
                    args=[upd, {"annotations": self._annotations(s[f"caption_map_{mode}"])}, idx],
                ))
            fig.update_layout(updatemenus=[
                dict(type="buttons", direction="right", buttons=root_buttons, showactive=True, x=0, y=1.08,
                     xanchor="left", yanchor="bottom",
                     active=0 if root is None else 1 + CORE_ROOTS.index(root)),
                dict(type="buttons", direction="right", buttons=map_buttons, showactive=True, x=1, y=1.08,
                     xanchor="right", yanchor="bottom", active=MAP_MODES.index(map_mode)),
            ])
        return fig

    def print_figure(self) -> go.Figure:
        fig = self.figure(None, "disagree", controls=False)
        fig.update_layout(annotations=self._annotations(self.s["print_note"]), margin=dict(l=10, r=10, t=90, b=60),
                          title=dict(text=self.s["title"], x=0.01, y=0.98, font=dict(size=17)))
        return fig

    def live(self):
        """ipywidgets: root and map toggles, the plotly figure and the caption as text."""
        import ipywidgets as W
        from IPython.display import display

        s = self.s
        root_choice = W.ToggleButtons(options=[(s["all_roots"], None)] + [(r, r) for r in CORE_ROOTS],
                                      description=s["live_root"])
        map_choice = W.ToggleButtons(options=[(s[f"map_{m}"], m) for m in MAP_MODES], value=DEFAULT_MAP,
                                     description=s["live_map"], style={"button_width": "auto"})
        caption = W.HTML()
        out = W.Output()

        def redraw(*_):
            root, mode = root_choice.value, map_choice.value
            caption.value = f"<p aria-live='polite'>{self.caption(root) if root else s['caption_map_' + mode]}</p>"
            with out:
                out.clear_output(wait=True)
                display(self.figure(root, mode, controls=False))

        root_choice.observe(redraw, "value")
        map_choice.observe(redraw, "value")
        redraw()
        return W.VBox([root_choice, map_choice, out, caption])

    @property
    def alt_text(self) -> str:
        return self.s["alt"]

    def summary(self) -> str:
        rows = "; ".join(f"{n}: {r.dermatome.summary}" for n, r in self.roots.items() if r.is_core)
        return self.s["summary"].format(rows=rows)
