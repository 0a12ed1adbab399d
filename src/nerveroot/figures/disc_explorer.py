"""Disc-level explorer: which root a herniation compresses, by disc level and zone.

A schematic axial view through a lumbar disc, front at the top and the patient's
right on the viewer's left (the convention of axial MRI): the disc, the dural sac
with the cauda equina, the traversing roots in the lateral recesses and the
exiting roots with their dorsal root ganglia in the foramina.  Buttons choose the
disc level (L3/L4, L4/L5, L5/S1) and the zone of a herniation on the patient's
left (central, paracentral, foraminal, far lateral); the compressed structures are
highlighted and the result is written out.  Every answer comes from
:func:`nerveroot.clinical.roots.herniation`, so the figure, the chapter's table and the
quizzes agree.

The two button groups change different things (level buttons: which labels and
colours are visible; zone buttons: sizes, outline widths and opacity), so any
combination of clicks shows the right result without custom JavaScript.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from ..clinical.roots import DISC_ORDER, ZONE_ORDER, herniation, load_discs, load_roots, load_zones
from ..display import PlotlyInteractive
from ..i18n import strings
from ..markup import wrap
from ..palette import BONE, DISC, INK, MUTED, ROOT_STYLE, plotly_template

#: The root sequence below L3, for naming what the dural sac holds.
SEQUENCE = ("L3", "L4", "L5", "S1", "S2")
SIDE = 1  # the herniation is drawn on the patient's left = viewer's right (x > 0)

# Schematic positions (x to the viewer's right, y anterior).
TRAVERSING = (3.7, -3.6)
DRG = (8.0, -2.3)
EXIT_PATH = ((6.4, -3.4), (8.0, -2.3), (10.2, -0.6), (12.6, 1.0))
SAC = (0.0, -5.4, 3.0, 2.3)  # centre x, centre y, rx, ry
ZONE_BANDS = {"central": (-1.4, 1.4), "paracentral": (1.4, 5.4), "foraminal": (5.4, 9.2), "far_lateral": (9.2, 13.2)}
BLOBS = {  # centre x, centre y, rx, ry
    "central": (0.0, -2.9, 2.3, 1.5),
    "paracentral": (3.2, -2.6, 1.7, 1.2),
    "foraminal": (7.2, -1.3, 1.4, 1.1),
    "far_lateral": (10.4, 0.3, 1.5, 1.1),
}
EMPH = "#D55E00"  # Okabe-Ito vermillion: the compressed structure's ring


def _ellipse(cx, cy, rx, ry, n=40, squash_back=0.0):
    pts = []
    for k in range(n + 1):
        t = 2 * math.pi * k / n
        x, y = cx + rx * math.cos(t), cy + ry * math.sin(t)
        if squash_back and y < cy:  # flatten and indent the back (posterior) edge: a kidney-shaped disc
            y = cy + (y - cy) * (1 - squash_back * math.cos(t) ** 2 * 0) * 0.55 + squash_back * (1 - abs(math.cos(t)))
        pts.append((round(x, 2), round(y, 2)))
    return [p[0] for p in pts], [p[1] for p in pts]




def sac_roots(traversing: str) -> str:
    """What the dural sac holds below the traversing root, e.g. ``"S1–S5"`` at L4/L5."""
    after = SEQUENCE[SEQUENCE.index(traversing) + 1]
    return f"{after}–S5"


class DiscLevelExplorer(PlotlyInteractive):
    """Choose a disc level and a herniation zone; see which root is compressed, and why."""

    html_height = 560
    print_size = (900, 600)

    def __init__(self, lang: str | None = None):
        self.s = strings("disc_explorer", lang)
        self.roots = load_roots()
        self.discs = load_discs()
        self.zones = load_zones()

    # -- text ------------------------------------------------------------
    def zone_label(self, zone: str) -> str:
        return self.s[f"zone_{zone}"]

    def result_text(self, disc: str, zone: str) -> str:
        h = herniation(disc, zone)
        roots = ", ".join(h.roots)
        if h.mechanism == "central":
            roots += f" ({self.s['in_sac'].format(roots=sac_roots(h.traversing_root))})"
        return self.s["result"].format(disc=disc, zone=self.zone_label(zone).lower(), roots=roots,
                                       why=self.s[f"why_{h.mechanism}"])

    def level_caption(self, disc: str) -> str:
        h = herniation(disc, "paracentral")
        return self.s["caption_level"].format(disc=disc, danish=h.danish_name, traversing=h.traversing_root,
                                              exiting=h.exiting_root)

    # -- traces -----------------------------------------------------------
    def _anatomy(self) -> list[dict]:
        """Traces that never change: bone, disc, nucleus."""
        traces = []
        # posterior arch: facets, laminae and spinous process, one bony outline
        arch = [(-9.6, -2.0), (-6.0, -2.4), (-5.4, -4.4), (-4.8, -7.6), (-1.6, -9.2), (-1.0, -12.8), (1.0, -12.8),
                (1.6, -9.2), (4.8, -7.6), (5.4, -4.4), (6.0, -2.4), (9.6, -2.0), (9.0, -5.6), (6.8, -8.6),
                (2.2, -10.6), (-2.2, -10.6), (-6.8, -8.6), (-9.0, -5.6)]
        inner = [(-5.4, -4.4), (-4.8, -7.6), (-1.6, -9.2), (1.6, -9.2), (4.8, -7.6), (5.4, -4.4)]
        outer = [(-9.6, -2.0), (-9.0, -5.6), (-6.8, -8.6), (-2.2, -10.6), (-1.0, -12.8), (1.0, -12.8), (2.2, -10.6),
                 (6.8, -8.6), (9.0, -5.6), (9.6, -2.0), (6.0, -2.4), (5.4, -4.4)]
        poly = outer + inner[::-1] + [(-5.4, -4.4), (-6.0, -2.4), (-9.6, -2.0)]
        traces.append(dict(type="scatter", x=[p[0] for p in poly], y=[p[1] for p in poly], mode="lines",
                           fill="toself", fillcolor=BONE, line=dict(color=MUTED, width=1.5), hoverinfo="skip",
                           showlegend=False))
        del arch
        # the disc (annulus) and its nucleus
        xs, ys = _ellipse(0, 3.2, 9.0, 5.6)
        ys = [y if y >= 3.2 else 3.2 + (y - 3.2) * (0.92 - 0.2 * (1 - abs(x) / 9.0)) for x, y in zip(xs, ys)]
        traces.append(dict(type="scatter", x=xs, y=[round(y, 2) for y in ys], mode="lines", fill="toself",
                           fillcolor=DISC, line=dict(color=MUTED, width=1.5), hoverinfo="skip", showlegend=False))
        xs, ys = _ellipse(0, 3.4, 4.2, 2.4)
        traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", fill="toself", fillcolor="#e4ecf1",
                           line=dict(color=MUTED, width=1, dash="dot"), hoverinfo="skip", showlegend=False))
        return traces

    def _zone_traces(self) -> list[dict]:
        """The four zone bands along the back of the disc on the patient's left."""
        traces = []
        for zone in ZONE_ORDER:
            x0, x1 = ZONE_BANDS[zone]
            traces.append(dict(
                type="scatter", x=[x0, x1, x1, x0, x0], y=[-11.0, -11.0, 8.8, 8.8, -11.0], mode="lines",
                fill="toself", fillcolor="rgba(240,228,66,0.22)", line=dict(width=0),
                text=wrap(self.s["zone_hover"].format(zone=self.zone_label(zone), where=self.zones[zone].where), 50),
                hoverinfo="text", hoveron="fills", showlegend=False,
            ))
        return traces

    def _sac_trace(self) -> dict:
        cx, cy, rx, ry = SAC
        xs, ys = _ellipse(cx, cy, rx, ry)
        return dict(type="scatter", x=xs, y=ys, mode="lines", fill="toself", fillcolor="rgba(200,210,220,0.6)",
                    line=dict(color=MUTED, width=1.5), hoverinfo="skip", showlegend=False)

    def _cauda_trace(self) -> dict:
        cx, cy, rx, ry = SAC
        pts = [(cx + 0.55 * rx * math.cos(a), cy + 0.5 * ry * math.sin(a)) for a in
               [k * 2 * math.pi / 9 for k in range(9)]]
        return dict(type="scatter", x=[round(p[0], 2) for p in pts], y=[round(p[1], 2) for p in pts],
                    mode="markers", marker=dict(size=7, color="#ffffff", line=dict(color=MUTED, width=1.2)),
                    hoverinfo="skip", showlegend=False)

    def _level_traces(self, disc: str) -> list[dict]:
        """Roots of one level: exiting path, root markers, labels, the sac's hover; visible by level."""
        s = self.s
        h = herniation(disc, "paracentral")
        trav, exit_ = h.traversing_root, h.exiting_root
        t_style, e_style = ROOT_STYLE[trav], ROOT_STYLE[exit_]
        t_root = self.roots[trav]
        path_x = [p[0] for p in EXIT_PATH]
        path_y = [p[1] for p in EXIT_PATH]
        exit_hover = wrap(s["exiting_hover"].format(root=exit_, disc=disc), 50)
        trav_hover = wrap(s["traversing_hover"].format(root=trav, disc=disc, exit=t_root.exit_foramen), 50)
        lines = dict(
            type="scatter", x=[-x for x in path_x] + [None] + path_x, y=path_y + [None] + path_y, mode="lines",
            line=dict(color=e_style["color"], width=7, dash="solid"), hoverinfo="skip", showlegend=False,
            name=f"{exit_} exiting",
        )
        markers = dict(
            type="scatter",
            x=[-TRAVERSING[0], TRAVERSING[0], -DRG[0], DRG[0]],
            y=[TRAVERSING[1], TRAVERSING[1], DRG[1], DRG[1]],
            mode="markers",
            marker=dict(size=[20, 20, 24, 24], color=[t_style["color"]] * 2 + [e_style["color"]] * 2,
                        symbol="circle", line=dict(color=[INK] * 4, width=[1.5] * 4)),
            text=[trav_hover, trav_hover, exit_hover, exit_hover], hoverinfo="text", showlegend=False,
            name=f"{disc} roots",
        )
        labels = dict(
            type="scatter",
            x=[-TRAVERSING[0] - 0.2, TRAVERSING[0] + 0.2, -DRG[0] - 1.0, DRG[0] + 1.0, 0.0],
            y=[TRAVERSING[1] - 1.9, TRAVERSING[1] - 1.9, DRG[1] - 2.0, DRG[1] - 2.0, SAC[1] - 0.1],
            mode="text",
            text=[s["traversing_label"].format(root=f"<b>{trav}</b>")] * 2
            + [s["exiting_label"].format(root=f"<b>{exit_}</b>")] * 2
            + [f"<b>{s['sac_label'].format(roots=sac_roots(trav))}</b>"],
            textposition=["middle center"] * 5, textfont=dict(size=13, color=INK), hoverinfo="skip",
            showlegend=False,
        )
        sac_hover = dict(
            type="scatter", x=[SAC[0]], y=[SAC[1] + 1.2], mode="markers", marker=dict(size=30, opacity=0),
            text=[s["sac_hover"].format(roots=sac_roots(trav))], hoverinfo="text", showlegend=False,
        )
        return [lines, markers, labels, sac_hover]

    def _blob_traces(self, disc: str | None = None) -> list[dict]:
        traces = []
        for zone in ZONE_ORDER:
            cx, cy, rx, ry = BLOBS[zone]
            xs, ys = _ellipse(cx, cy, rx, ry, n=28)
            traces.append(dict(
                type="scatter", x=xs, y=ys, mode="lines", fill="toself", fillcolor="#7f9bb0",
                fillpattern=dict(shape=".", bgcolor="#7f9bb0", fgcolor="#ffffff", size=6, solidity=0.3),
                line=dict(color=INK, width=2), text=self.s["herniation_shape_hover"].format(
                    zone=self.zone_label(zone)), hoverinfo="text", hoveron="fills",
                showlegend=False,
            ))
        return traces

    def _result_traces(self) -> list[dict]:
        traces = []
        for disc in DISC_ORDER:
            for zone in ZONE_ORDER:
                traces.append(dict(
                    type="scatter", x=[0.0], y=[11.0], mode="text", text=[self.result_text(disc, zone)],
                    textposition="middle center", textfont=dict(size=15, color=INK), hoverinfo="skip",
                    showlegend=False,
                ))
        return traces

    def _build(self):
        """All traces and the index groups each button group addresses."""
        traces: list[dict] = []
        groups: dict[str, list[int]] = {}

        def add(name, items):
            groups[name] = list(range(len(traces), len(traces) + len(items)))
            traces.extend(items)

        add("zone_band", self._zone_traces())
        add("anatomy", self._anatomy())
        add("sac", [self._sac_trace()])
        add("cauda", [self._cauda_trace()])
        add("blob", self._blob_traces())
        for disc in DISC_ORDER:
            add(f"level:{disc}", self._level_traces(disc))
        add("result", self._result_traces())
        return traces, groups

    # -- updates of the two button groups --------------------------------------
    def level_update(self, groups, disc: str):
        idx, visible = [], []
        for d in DISC_ORDER:
            idx += groups[f"level:{d}"]
            visible += [d == disc] * len(groups[f"level:{d}"])
        for k, i in enumerate(groups["result"]):
            idx.append(i)
            visible.append(DISC_ORDER[k // len(ZONE_ORDER)] == disc)
        return idx, {"visible": visible}

    def zone_update(self, groups, zone: str):
        """Sizes, ring widths and opacities that depend on the zone only (the same for every level)."""
        mech = self.zones[zone].reaches
        idx: list[int] = []
        upd: dict[str, list] = {"opacity": [], "marker.size": [], "marker.line.width": [], "marker.line.color": [],
                                "line.width": [], "line.color": []}

        def put(i, opacity=1.0, size=None, ring=None, ring_color=None, width=None, color=None):
            idx.append(i)
            upd["opacity"].append(opacity)
            upd["marker.size"].append(size)
            upd["marker.line.width"].append(ring)
            upd["marker.line.color"].append(ring_color)
            upd["line.width"].append(width)
            upd["line.color"].append(color)

        for z, i in zip(ZONE_ORDER, groups["zone_band"]):
            put(i, opacity=1.0 if z == zone else 0.0, width=0)
        for z, i in zip(ZONE_ORDER, groups["blob"]):
            put(i, opacity=1.0 if z == zone else 0.0, width=2, color=INK)
        central = mech == "central"
        put(groups["sac"][0], width=4 if central else 1.5, color=EMPH if central else MUTED)
        put(groups["cauda"][0], size=9 if central else 7, ring=2.5 if central else 1.2,
            ring_color=EMPH if central else MUTED)
        trav_hit = mech in ("traversing", "central")
        exit_hit = mech == "exiting"
        for d in DISC_ORDER:
            lines, markers, labels, sac = groups[f"level:{d}"]
            colour = ROOT_STYLE[herniation(d, "paracentral").exiting_root]["color"]
            put(lines, width=11 if exit_hit else 7, color=colour)
            # marker order: traversing right, traversing left (the herniated side), DRG right, DRG left
            tl = [central, trav_hit] if trav_hit else [False, False]
            el = [False, exit_hit]
            hit = tl + el
            put(markers, size=[28 if h else (20 if k < 2 else 24) for k, h in enumerate(hit)],
                ring=[5 if h else 1.5 for h in hit], ring_color=[EMPH if h else INK for h in hit])
            put(labels)
            put(sac)
        for k, i in enumerate(groups["result"]):
            put(i, opacity=1.0 if ZONE_ORDER[k % len(ZONE_ORDER)] == zone else 0.0)
        return idx, upd

    @staticmethod
    def _apply(traces, idx, upd):
        for k, i in enumerate(idx):
            t = traces[i]
            for key, values in upd.items():
                v = values[k]
                if v is None:
                    continue
                parts = key.split(".")
                target = t
                for p in parts[:-1]:
                    target = target.setdefault(p, {})
                target[parts[-1]] = v

    def _annotations(self, caption: str) -> list[dict]:
        s = self.s
        small = dict(showarrow=False, font=dict(size=12, color=MUTED))
        notes = [
            dict(x=0, y=9.2, text=s["anterior"], yanchor="bottom", **small),
            dict(x=-13.2, y=-13.2, text=s["posterior"], xanchor="left", yanchor="top", **small),
            dict(x=-13.2, y=8.9, text=s["patient_right"], xanchor="left", yanchor="top", **small),
            dict(x=13.2, y=8.9, text=s["patient_left"], xanchor="right", yanchor="top", **small),
            dict(x=0, y=5.8, text=f"<i>{s['disc'].format(disc='')}</i>".replace("  ", " ").replace("<i> ", "<i>"),
                 font=dict(size=13, color=INK), showarrow=False),
            dict(x=-7.4, y=-6.6, text=s["facet"], font=dict(size=11, color=MUTED), showarrow=False, textangle=0),
            dict(x=0, y=-11.4, text=s["lamina"], font=dict(size=11, color=MUTED), showarrow=False),
        ]
        for zone in ZONE_ORDER:
            x0, x1 = ZONE_BANDS[zone]
            notes.append(dict(x=(x0 + x1) / 2, y=-13.2,
                              text=self.zone_label(zone).replace(" ", "<br>"), yanchor="top", showarrow=False,
                              font=dict(size=11, color=INK)))
        notes.append(dict(name="caption", x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top",
                          align="left", showarrow=False, text=wrap(caption, 100), font=dict(size=13, color=INK)))
        return notes

    # -- faces ------------------------------------------------------------
    def figure(self, disc: str = "L4/L5", zone: str = "paracentral", controls: bool = True) -> go.Figure:
        herniation(disc, zone)  # validates both, with a helpful ValueError
        s = self.s
        traces, groups = self._build()
        self._apply(traces, *self.level_update(groups, disc))
        self._apply(traces, *self.zone_update(groups, zone))
        fig = go.Figure(data=traces)
        fig.update_layout(
            template=plotly_template(),
            annotations=self._annotations(self.level_caption(disc)),
            xaxis=dict(visible=False, range=[-13.6, 13.6], fixedrange=True, constrain="domain"),
            yaxis=dict(visible=False, range=[-15.6, 12.6], scaleanchor="x", fixedrange=True, constrain="domain"),
            showlegend=False, hoverlabel=dict(namelength=-1, align="left"),
            margin=dict(l=10, r=10, t=20, b=10), dragmode=False,
        )
        if controls:
            level_buttons = []
            for d in DISC_ORDER:
                idx, upd = self.level_update(groups, d)
                level_buttons.append(dict(label=s["level_button"].format(disc=d), method="update",
                                          args=[upd, {"annotations": self._annotations(self.level_caption(d))}, idx]))
            zone_buttons = []
            for z in ZONE_ORDER:
                idx, upd = self.zone_update(groups, z)
                zone_buttons.append(dict(label=self.zone_label(z), method="update",
                                         args=[upd, {"annotations": self._annotations(s[f"caption_{z}"])}, idx]))
            fig.update_layout(updatemenus=[
                dict(type="buttons", direction="right", buttons=level_buttons, active=DISC_ORDER.index(disc),
                     x=0, y=1.02, xanchor="left", yanchor="bottom", showactive=True),
                dict(type="buttons", direction="right", buttons=zone_buttons, active=ZONE_ORDER.index(zone),
                     x=1, y=1.02, xanchor="right", yanchor="bottom", showactive=True),
            ])
        return fig

    def print_figure(self) -> go.Figure:
        fig = self.figure("L4/L5", "paracentral", controls=False)
        fig.update_layout(
            title=dict(text=self.s["title"], x=0.01, y=0.98, font=dict(size=17)), margin=dict(l=10, r=10, t=50, b=70),
            annotations=self._annotations(self.level_caption("L4/L5") + " " + self.s["caption_paracentral"]),
        )
        return fig

    def live(self):
        """ipywidgets: disc and zone toggles, the figure, and the result in words."""
        import ipywidgets as W
        from IPython.display import display

        s = self.s
        level = W.ToggleButtons(options=list(DISC_ORDER), value="L4/L5", description=s["live_level"])
        zone = W.ToggleButtons(options=[(self.zone_label(z), z) for z in ZONE_ORDER], value="paracentral",
                               description=s["live_zone"])
        text = W.HTML()
        out = W.Output()

        def redraw(*_):
            text.value = (f"<p aria-live='polite'>{self.result_text(level.value, zone.value)}<br>"
                          f"{self.level_caption(level.value)} {s['caption_' + zone.value]}</p>")
            with out:
                out.clear_output(wait=True)
                display(self.figure(level.value, zone.value, controls=False))

        level.observe(redraw, "value")
        zone.observe(redraw, "value")
        redraw()
        return W.VBox([level, zone, out, text])

    @property
    def alt_text(self) -> str:
        return self.s["alt"]

    def summary(self) -> str:
        rows = "; ".join(
            f"{d} {self.zone_label(z).lower()} → {', '.join(herniation(d, z).roots)}"
            for d in DISC_ORDER for z in ZONE_ORDER
        )
        return self.s["summary"].format(rows=rows)
