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

import math
from dataclasses import dataclass

import plotly.graph_objects as go

from ..clinical.dermatome_map import VIEW_ORDER, Area, Point, centroid, contains, distance_to_boundary, load_geometry
from ..clinical.roots import CORE_ROOTS, MAP_SOURCES, load_roots
from ..display import PlotlyInteractive
from ..i18n import strings
from ..markup import wrap
from ..palette import INK, MUTED, ROOT_STYLE, plotly_template

#: Map modes offered by the map buttons: the two styles, then their comparison.
MAP_MODES = (*MAP_SOURCES[::-1], "disagree")  # medial_leg, keegan_garrett, disagree
DEFAULT_MAP = "medial_leg"
SKIN = "#f6f2ec"
DISPUTED_FILL = "#d4d4d4"
DETAIL_INK = "rgba(31,41,51,0.45)"  # contour lines inside the limb: visible on every fill, quieter than the outline
#: Text colour on each root's fill that stays readable (WCAG contrast checked in tests).
LABEL_INK = {"L4": INK, "L5": "#ffffff", "S1": INK}

def _close(pts: list[Point]) -> tuple[list[float], list[float]]:
    xs = [round(p[0], 2) for p in pts] + [round(pts[0][0], 2)]
    ys = [round(p[1], 2) for p in pts] + [round(pts[0][1], 2)]
    return xs, ys


#: The print face's plate: the drawing left of this fraction of the width, the key and the note right of it.
PRINT_SPLIT = 0.58
#: Half the width of a root label ("L4" in bold) in figure units, for the figure's range and the leader lines.
LABEL_HALF = 3.2


def _width_at(poly: list[Point], y: float) -> tuple[float, float]:
    """The leftmost and rightmost x where the polygon's edges cross the height ``y``."""
    xs = [x0 + (y - y0) * (x1 - x0) / (y1 - y0) for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1])
          if (y0 > y) != (y1 > y)]
    return min(xs), max(xs)


def one_line(title: str) -> str:
    """A view title on one line (the strings may break it with <br> for narrow columns)."""
    return " ".join(part.strip() for part in title.split("<br>"))


def leader(poly: list[Point], label: Point) -> tuple[Point, Point] | None:
    """A leader line from a label placed outside its area to a point well inside the area nearest to it:
    (start beside the label, end in the area), in the same coordinates; None when the label is inside."""
    if contains(poly, label) and distance_to_boundary(label, poly) > 0.5:
        return None
    xs, ys = [p[0] for p in poly], [p[1] for p in poly]
    grid = [(min(xs) + (max(xs) - min(xs)) * i / 40, min(ys) + (max(ys) - min(ys)) * j / 40)
            for i in range(1, 40) for j in range(1, 40)]
    grid.sort(key=lambda pt: math.dist(pt, label))  # nearest first: stop once no point can do better
    best, best_d = None, float("inf")
    for pt in grid:
        near = math.dist(pt, label)
        if near - 1.6 >= best_d:
            break
        if not contains(poly, pt):
            continue
        depth = distance_to_boundary(pt, poly)
        d = near - 2 * min(depth, 0.8)
        if depth > 0.25 and d < best_d:
            best, best_d = pt, d
    if best is None:
        return None
    dx, dy = best[0] - label[0], best[1] - label[1]
    n = (dx * dx + dy * dy) ** 0.5 or 1.0
    gap = LABEL_HALF * 0.8
    return (label[0] + dx / n * gap, label[1] + dy / n * gap), best


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

    html_height = 620
    print_size = (900, 760)

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
                legendgroup=area.root, showlegend=first, text=wrap(hover, 60), hoverinfo="text", hoveron="fills",
                visible=self.visible_in(area, mode),
            ))
            local = area.label_at or centroid(list(area.polygon))
            (cx, cy), = view.place([local])
            line = leader(list(area.polygon), local) if area.labelled else None
            outside = line is not None
            xs, ys, text = [round(cx, 2)], [round(cy, 2)], [f"<b>{area.root}</b>" if area.labelled else ""]
            if outside:  # a thin leader from the label to the narrow area it names
                (sx, sy), (ex, ey) = view.place(line)
                xs += [None, round(sx, 2), round(ex, 2)]
                ys += [None, round(sy, 2), round(ey, 2)]
                text += ["", "", ""]
            label_traces.append(dict(
                type="scatter", x=xs, y=ys, mode="lines+text" if outside else "text", text=text,
                line=dict(color=INK, width=1 if outside else 0),
                textfont=dict(size=15, color=INK if outside else LABEL_INK[area.root]), hoverinfo="skip",
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
                showlegend=i == 0, text=wrap(s["disputed_hover"].format(claims=claims), 60), hoverinfo="text",
                hoveron="fills", visible=mode == "disagree",
            ))
        for name in VIEW_ORDER:  # contour lines (kneecap, creases, tendons, toenails) over the fills
            view = geo.views[name]
            for d in view.details:
                pts = view.place(d.points)
                xs, ys = _close(pts) if d.closed else ([round(p[0], 2) for p in pts], [round(p[1], 2) for p in pts])
                traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(color=DETAIL_INK, width=1),
                                   hoverinfo="skip", showlegend=False))
        for i, kp in enumerate(geo.key_points):
            view = geo.views[kp.view]
            x, y = view.place([kp.at])[0]
            point = self.roots[kp.root].key_sensory_point
            groups["key"].append(len(traces))
            traces.append(dict(
                type="scatter", x=[round(x, 2)], y=[round(y, 2)], mode="markers",
                marker=dict(size=13, color="#ffffff", line=dict(color=INK, width=3), symbol="circle-dot"),
                name=s["key_point_legend"], legendgroup="key", showlegend=i == 0,
                text=[wrap(s["key_point_hover"].format(root=kp.root, site=point.site), 60)], hoverinfo="text",
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
                 3 if i in groups["key"] else 1 if traces[i].get("mode") == "lines+text" else 0
                 for i, o in zip(idx, on)]
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
            notes.append(dict(x=(x0 + x1) / 2, y=y1 + 1.5, text=f"<b>{one_line(s['view_' + name])}</b>",
                              showarrow=False, yanchor="bottom", font=dict(size=13, color=INK)))
            left, right = (s["medial"], s["lateral"]) if view.medial < 0 else (s["lateral"], s["medial"])
            side = dict(showarrow=False, font=dict(size=10, color=MUTED))
            if name in ("front", "back"):  # along the sides of the lower leg, a little above the ankle
                y = view.y + view.scale * 16.0
                lx, rx = _width_at(view.place(view.outline), y)
                notes.append(dict(x=lx - 0.8, y=y, text=left, xanchor="right", textangle=-90, **side))
                notes.append(dict(x=rx + 0.8, y=y, text=right, xanchor="left", textangle=90, **side))
            else:  # the great toe shows the medial side; one word beside the heel says it too
                medial_x = x0 - 0.6 if view.medial < 0 else x1 + 0.6
                notes.append(dict(x=medial_x, y=y0 + 0.17 * (y1 - y0), text=s["medial"],
                                  xanchor="right" if view.medial < 0 else "left",
                                  textangle=-90 if view.medial < 0 else 90, **side))
        notes.append(dict(name="caption", x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top",
                          align="left", showarrow=False, text=wrap(caption, 110), font=dict(size=13, color=INK)))
        return notes

    def _base_layout(self, annotations: list[dict]) -> dict:
        x0, x1, y0, y1 = self.extent()
        return dict(
            template=plotly_template(),
            annotations=annotations,
            xaxis=dict(visible=False, range=[x0, x1], fixedrange=True, constrain="domain"),
            yaxis=dict(visible=False, range=[y0, y1], scaleanchor="x", fixedrange=True, constrain="domain"),
            legend=dict(orientation="h", x=0, y=1.0, xanchor="left", yanchor="bottom", font=dict(size=13),
                        itemclick=False, itemdoubleclick=False, traceorder="normal"),
            hoverlabel=dict(namelength=-1, align="left"),
            margin=dict(l=10, r=10, t=60, b=10),
            dragmode=False,
        )

    def extent(self) -> tuple[float, float, float, float]:
        """The figure's x and y range: every view with its title and side words, and the labels beside it."""
        geo = self.geo
        xs = [b for v in geo.views.values() for b in v.bounds()[:2]]
        ys = [b for v in geo.views.values() for b in v.bounds()[2:]]
        for area in geo.areas:
            if area.label_at and area.labelled:
                (lx, _), = geo.views[area.view].place([area.label_at])
                xs += [lx - LABEL_HALF, lx + LABEL_HALF]
        return min(xs) - 3.5, max(xs) + 3.5, min(ys) - 2, max(ys) + 6

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
        """The page's plate: the four views on the left at the full height, the key and the note beside them."""
        fig = self.figure(None, "disagree", controls=False)
        notes = [a for a in self._annotations("") if a.get("name") != "caption"]
        notes.append(dict(name="note", x=PRINT_SPLIT + 0.04, y=0.56, xref="paper", yref="paper", xanchor="left",
                          yanchor="top", align="left", showarrow=False, text=wrap(self.s["print_note"], 44),
                          font=dict(size=14, color=INK)))
        fig.update_layout(
            annotations=notes, margin=dict(l=10, r=10, t=60, b=10),
            title=dict(text=self.s["title"], x=0.01, y=0.985, font=dict(size=18)),
            xaxis=dict(domain=[0, PRINT_SPLIT], constraintoward="left"),
            legend=dict(orientation="v", x=PRINT_SPLIT + 0.04, y=0.95, xanchor="left", yanchor="top",
                        font=dict(size=14), tracegroupgap=6),
        )
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
