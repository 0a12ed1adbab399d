"""Four grades of disc herniation as a schematic (plotly page, PNG print, plotly live).

Four small axial sections (seen from above, front at the top): the disc with its nucleus,
the dural sac and the traversing roots behind it, and the herniated material of each grade.
Buttons highlight one grade; its caption gives the definition and how often that grade
regressed in the systematic review of Chiu et al. 2015 (numbers read from
:func:`nerveroot.clinical.prognosis.load`, never repeated here).  The drawing is the course's own.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from ..clinical.prognosis import load
from ..display import PlotlyInteractive
from ..i18n import strings
from ..markup import wrap
from ..palette import BONE, DISC, INK, MUTED, OKABE_ITO, plotly_template

TYPES = ("bulge", "protrusion", "extrusion", "sequestration")
OFFSET = {"bulge": (0.0, 0.0), "protrusion": (7.5, 0.0), "extrusion": (0.0, -9.5), "sequestration": (7.5, -9.5)}
HOT = OKABE_ITO["vermillion"]
COLD = "#b8c0c8"


def _ellipse(cx, cy, rx, ry, n=48) -> str:
    pts = [(cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n)) for i in range(n)]
    return "M " + " L ".join(f"{x:.3f},{y:.3f}" for x, y in pts) + " Z"


def _shift(path: str, dx: float, dy: float) -> str:
    out = []
    for tok in path.split():
        if "," in tok:
            x, y = tok.split(",")
            out.append(f"{float(x) + dx:.3f},{float(y) + dy:.3f}")
        else:
            out.append(tok)
    return " ".join(out)


#: The herniated material of each grade, in panel coordinates (disc centred at 0,0; back is -y).
MATERIAL = {
    "bulge": _ellipse(0, -0.15, 3.25, 2.3),
    "protrusion": "M 0.05,-1.98 C 0.35,-2.75 1.45,-2.75 1.75,-1.62 Z",
    "extrusion": ("M 0.75,-1.93 L 0.75,-2.25 C 0.05,-2.3 0.1,-3.25 0.95,-3.25 "
                  "C 1.8,-3.25 1.85,-2.3 1.2,-2.25 L 1.2,-1.88 Z"),
    "sequestration": _ellipse(1.55, -3.75, 0.45, 0.35),
}




class HerniationTypes(PlotlyInteractive):
    """Bulge, protrusion, extrusion and sequestration side by side, with regression rates."""

    html_height = 600
    print_size = (900, 700)

    def __init__(self, lang: str | None = None):
        self.s = strings("herniation", lang)
        data = load()
        self.any = {p.type: p.value for p in data.regression if p.measure == "any"}
        self.complete = {p.type: p.value for p in data.regression if p.measure == "complete"}

    def caption(self, choice: str | None) -> str:
        if choice is None:
            return self.s["explain_all"]
        return self.s["explain_" + choice].format(value=f"{self.any[choice]:g}",
                                                 complete=f"{self.complete.get(choice, 0):g}")

    def _shapes(self, choice: str | None) -> list[dict]:
        shapes = []
        for t in TYPES:
            dx, dy = OFFSET[t]
            on = choice is None or choice == t
            # the bulge is drawn under the disc, everything else over it
            material = dict(type="path", path=_shift(MATERIAL[t], dx, dy), fillcolor=HOT if on else COLD,
                            line=dict(color=INK, width=2 if on else 1), layer="above", name=self.s[t])
            if t == "bulge":
                material.update(layer="below")
                shapes.append(material)
            shapes += [
                dict(type="path", path=_ellipse(dx, dy, 3.0, 2.0), fillcolor=DISC, line=dict(color=MUTED, width=1.5),
                     layer="below"),
                dict(type="path", path=_ellipse(dx, dy + 0.15, 1.5, 0.9), fillcolor="#eef2f5",
                     line=dict(color=MUTED, width=1, dash="dot"), layer="below"),
                dict(type="path", path=_shift("M -2.4,-2.5 C -2.2,-5.6 2.2,-5.6 2.4,-2.5", dx, dy), fillcolor="rgba(0,0,0,0)",
                     line=dict(color=BONE if False else MUTED, width=6), layer="below"),
                dict(type="path", path=_ellipse(dx, dy - 3.55, 0.95, 0.8), fillcolor="rgba(200,210,220,0.6)",
                     line=dict(color=MUTED, width=1, dash="dot"), layer="below"),
            ]
            for side in (-1, 1):
                shapes.append(dict(type="path", path=_ellipse(dx + side * 1.45, dy - 2.75, 0.28, 0.28),
                                   fillcolor="#fff7c2", line=dict(color=INK, width=1.2), layer="below"))
            if t != "bulge":
                shapes.append(material)
        return shapes

    def _annotations(self, choice: str | None) -> list[dict]:
        s = self.s
        notes = []
        for t in TYPES:
            dx, dy = OFFSET[t]
            on = choice is None or choice == t
            notes.append(dict(x=dx, y=dy + 2.55, text=f"<b>{s[t]}</b>" if on else s[t], showarrow=False,
                              font=dict(size=15, color=INK)))
            notes.append(dict(x=dx, y=dy + 0.15, text=s["nucleus"], showarrow=False, font=dict(size=11, color=INK)))
            notes.append(dict(x=dx, y=dy - 3.55, text=s["sac"], showarrow=False, font=dict(size=10, color=INK)))
        notes.append(dict(name="caption", x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top",
                          align="left", showarrow=False, text=wrap(self.caption(choice), 80), font=dict(size=13, color=INK)))
        return notes

    def figure(self) -> go.Figure:
        s = self.s
        # an invisible trace gives the axes something to hold; hover names each grade
        fig = go.Figure(go.Scatter(
            x=[OFFSET[t][0] for t in TYPES], y=[OFFSET[t][1] - 1.2 for t in TYPES], mode="markers",
            marker=dict(size=40, opacity=0), hovertext=[wrap(self.caption(t), 50) for t in TYPES], hoverinfo="text",
            showlegend=False))
        buttons = [dict(label=s["all"] if c is None else s[c], method="relayout",
                        args=[{"shapes": self._shapes(c), "annotations": self._annotations(c)}])
                   for c in (None, *TYPES)]
        fig.update_layout(
            template=plotly_template(),
            title=dict(text=s["title"], x=0.01, font=dict(size=15)),
            shapes=self._shapes(None), annotations=self._annotations(None),
            xaxis=dict(visible=False, range=[-3.8, 11.3], fixedrange=True),
            yaxis=dict(visible=False, range=[-15.4, 3.2], scaleanchor="x", fixedrange=True),
            margin=dict(l=10, r=10, t=80, b=40), dragmode=False, showlegend=False,
            updatemenus=[dict(type="buttons", direction="right", buttons=buttons, showactive=True, active=0,
                              x=0, y=1.08, xanchor="left", yanchor="bottom")],
        )
        return fig

    def print_figure(self) -> go.Figure:
        fig = super().print_figure()
        fig.layout.annotations = [a for a in fig.layout.annotations if a.name != "caption"]
        fig.update_layout(margin=dict(l=10, r=10, t=70, b=10))
        return fig

    @property
    def alt_text(self) -> str:
        return self.s["alt"]

    def summary(self) -> str:
        rows = "; ".join(f"{self.s[t].lower()} {self.any[t]:g} %" for t in TYPES)
        return self.s["summary"].format(rows=rows)
