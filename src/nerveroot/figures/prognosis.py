"""The sourced prognosis data points as one figure (plotly page, PNG print, plotly live).

Upper panel: the share of patients improved or recovered (or, for Koes 2007, with
persisting problems) at each time point a study reported, one marker symbol per study
and the study's name beside its marker.  Nothing connects the markers: the studies
measured different outcomes in different populations, so a curve through them would be
invented.  A range the source gives (Haugen 2011, Koes 2007) is drawn as a bar with end
caps, not as a point.  Lower panel: regression of the herniation on imaging, by type
(Chiu 2015), with complete resolution hatched, and the pooled estimate of Wang 2020.

All numbers come from :func:`nerveroot.clinical.prognosis.load`; the figure repeats none.
Marker shapes, hatching and labels keep it legible in greyscale.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import citations
from ..clinical.prognosis import load, type_label
from ..display import PlotlyInteractive
from ..i18n import strings
from ..markup import wrap
from ..palette import INK, OKABE_ITO, plotly_template

#: One marker symbol and colour per study (the symbol alone tells them apart in greyscale).
STUDY_STYLE = {
    "Vroomen1999": ("circle", OKABE_ITO["blue"]),
    "Konstantinou2018": ("square", OKABE_ITO["vermillion"]),
    "Haugen2011": ("line-ew", OKABE_ITO["bluish_green"]),
    "Peul2007": ("diamond", OKABE_ITO["reddish_purple"]),
    "Koes2007": ("triangle-up-open", INK),
}
#: Horizontal offsets within a time-point column, so points of one time point do not overlap.
OFFSETS = {"vroomen1999_w2_bedrest": -0.14, "vroomen1999_w2_waiting": 0.14, "konstantinou2018_m12": -0.24,
           "haugen2011_m12": 0.0, "peul2007_m12": 0.24}
#: Where each point's label goes (clear of the plot edges and of neighbouring points).
LABEL_POS = {"vroomen1999_w2_bedrest": "top right", "vroomen1999_w2_waiting": "bottom right",
             "vroomen1999_w12": "middle right", "konstantinou2018_m12": "bottom left",
             "haugen2011_m12": "middle right", "peul2007_m12": "middle right", "koes2007_y1_2": "middle left"}
REGRESSION_ORDER = ("sequestration", "extrusion", "protrusion", "bulge")




class PrognosisFigure(PlotlyInteractive):
    """The prognosis data points, each labelled with its study."""

    html_height = 860
    print_size = (900, 900)
    min_width = 640  # its point labels collide below this width; on a phone it scrolls sideways

    def __init__(self, lang: str | None = None):
        self.s = strings("prognosis", lang)
        self.data = load()

    def _x(self, point) -> float:
        order = list(self.data.time_points)
        return order.index(point.when) + OFFSETS.get(point.id, 0.0)

    def figure(self) -> go.Figure:
        s, d = self.s, self.data
        fig = make_subplots(rows=2, cols=1, row_heights=[0.58, 0.42], vertical_spacing=0.16,
                            subplot_titles=(s["panel_recovery"], s["panel_regression"]))
        shown: set[str] = set()
        for p in d.recovery:
            symbol, colour = STUDY_STYLE[p.study]
            label = citations.label(p.study)
            x = self._x(p)
            arm = f" ({p.arm})" if p.arm else ""
            hover = s["hover_recovery"].format(study=label, arm=arm, population=p.population, design=p.design,
                                               when=d.time_points[p.when], value=p.value_text(), outcome=p.outcome)
            common = dict(name=label, legendgroup=p.study, showlegend=p.study not in shown,
                          hovertext=wrap(hover.replace("<br>", " | "), 60), hoverinfo="text")
            shown.add(p.study)
            text_pos = LABEL_POS.get(p.id, "middle right")
            short = label.replace(" et al.", "")  # compact in the plot; legend and hover give the full label
            point_label = f"{short}{', ' + p.arm if p.arm and 'same' not in p.arm else ''}: {p.value_text()}"
            pad = "\u00a0\u00a0"  # keep labels clear of their markers and range bars
            point_label = point_label + pad if text_pos.endswith("left") else pad + point_label
            if p.is_range:
                fig.add_trace(go.Scatter(
                    x=[x, x], y=[p.low, p.high], mode="lines+markers",
                    line=dict(color=colour, width=3, dash="solid" if p.direction == "favourable" else "dot"),
                    marker=dict(symbol="line-ew-open", size=18, line=dict(width=3, color=colour)),
                    **common), row=1, col=1)
                fig.add_trace(go.Scatter(
                    x=[x], y=[(p.low + p.high) / 2], mode="text", text=[point_label],
                    textposition=text_pos, textfont=dict(size=12, color=INK), showlegend=False, hoverinfo="skip"),
                    row=1, col=1)
            else:
                filled = p.direction == "favourable"
                fig.add_trace(go.Scatter(
                    x=[x], y=[p.value], mode="markers+text", text=[point_label],
                    textposition=text_pos, textfont=dict(size=12, color=INK),
                    marker=dict(symbol=symbol if filled else symbol + "-open", size=14, color=colour,
                                line=dict(width=1.5, color=INK)),
                    **common), row=1, col=1)
        ticks = list(d.time_points.values())
        fig.update_xaxes(tickvals=list(range(len(ticks))), ticktext=ticks, range=[-0.75, len(ticks) - 0.35],
                         showgrid=False, fixedrange=True, row=1, col=1)
        fig.update_yaxes(title_text=s["y_recovery"], range=[0, 100], dtick=20, gridcolor="#e5e8eb",
                         fixedrange=True, row=1, col=1)

        # -- regression panel ---------------------------------------------------
        any_pts = {p.type: p for p in d.regression if p.measure == "any" and p.type != "all"}
        comp_pts = {p.type: p for p in d.regression if p.measure == "complete"}
        types = [t for t in REGRESSION_ORDER if t in any_pts]
        names = [type_label(t) for t in types]
        chiu = citations.labels(dict.fromkeys(p.study for p in [*any_pts.values(), *comp_pts.values()]))
        ctypes = [t for t in types if t in comp_pts]
        fig.add_trace(go.Bar(
            y=[type_label(t) for t in ctypes], x=[comp_pts[t].value for t in ctypes], orientation="h",
            name=f"{chiu}: {s['complete_resolution']}",
            marker=dict(color="white", line=dict(color=INK, width=1),
                        pattern=dict(shape="/", fgcolor=INK, size=7, solidity=0.35)),
            text=[f"{comp_pts[t].value:g} %" for t in ctypes], textposition="outside",
            hovertext=[s["hover_regression"].format(study=chiu, type=type_label(t), value=f"{comp_pts[t].value:g} %",
                                                    outcome=s["complete_resolution"]) for t in ctypes],
            hoverinfo="text", offsetgroup="complete", legendgroup="chiu"), row=2, col=1)
        fig.add_trace(go.Bar(
            y=names, x=[any_pts[t].value for t in types], orientation="h", name=f"{chiu}: {s['any_regression']}",
            marker=dict(color=OKABE_ITO["sky_blue"], line=dict(color=INK, width=1)),
            text=[f"{any_pts[t].value:g} %" for t in types], textposition="outside",
            hovertext=[s["hover_regression"].format(study=chiu, type=type_label(t), value=f"{any_pts[t].value:g} %",
                                                    outcome=s["any_regression"]) for t in types],
            hoverinfo="text", offsetgroup="any", legendgroup="chiu"), row=2, col=1)
        pooled = next(p for p in d.regression if p.type == "all")
        wang = citations.label(pooled.study)
        pooled_label = s["pooled_short"]  # short: category labels set the width left for both panels on a phone
        fig.add_trace(go.Scatter(
            y=[pooled_label], x=[pooled.value], mode="markers+text", name=f"{wang}: {s['pooled']}",
            marker=dict(symbol="diamond", size=14, color=OKABE_ITO["orange"], line=dict(width=1.5, color=INK)),
            error_x=dict(type="data", symmetric=False, array=[pooled.high - pooled.value],
                         arrayminus=[pooled.value - pooled.low], color=INK, thickness=2, width=8),
            text=[f"{pooled.value:g} % ({pooled.low:g}–{pooled.high:g} %)"], textposition="top center",
            textfont=dict(size=12, color=INK),
            hovertext=[s["hover_regression"].format(study=wang, type=s["pooled"], value=f"{pooled.value:g} %",
                                                    outcome=f"{s['any_regression']}, {s['interval']} "
                                                            f"{pooled.low:g}–{pooled.high:g} %")],
            hoverinfo="text"), row=2, col=1)
        fig.update_yaxes(categoryorder="array", categoryarray=[pooled_label, *names[::-1]], fixedrange=True,
                         row=2, col=1)
        fig.update_xaxes(title_text=s["x_regression"], range=[0, 112], dtick=20, gridcolor="#e5e8eb",
                         fixedrange=True, row=2, col=1)
        fig.update_layout(
            template=plotly_template(),
            # anchored to the top, with room below it for the upper panel's two-line title
            title=dict(text=s["title"], x=0.01, y=0.975, yref="container", yanchor="top", font=dict(size=16)),
            barmode="group", bargap=0.25,
            legend=dict(orientation="h", x=0, y=-0.1, xanchor="left", yanchor="top", font=dict(size=12)),
            margin=dict(l=10, r=20, t=120, b=20),
            hovermode="closest", dragmode=False,
            annotations=[*fig.layout.annotations,
                         dict(name="caption", x=0, y=-0.3, xref="paper", yref="paper", xanchor="left",
                              yanchor="top", align="left", showarrow=False, text=wrap(s["caption"], 110),
                              font=dict(size=12, color=INK))],
        )
        for ann in fig.layout.annotations:
            if ann.name != "caption":
                ann.update(font=dict(size=13, color=INK), x=0, xanchor="left")
        return fig

    def print_figure(self) -> go.Figure:
        fig = self.figure()
        # the chapter's text under the figure carries the caption in the PDF
        fig.layout.annotations = [a for a in fig.layout.annotations if a.name != "caption"]
        fig.update_layout(margin=dict(l=10, r=20, t=120, b=40), legend=dict(y=-0.08))
        return fig

    @property
    def alt_text(self) -> str:
        return self.s["alt"]

    def summary(self) -> str:
        rows = "; ".join(
            f"{citations.label(p.study)}{' (' + p.arm + ')' if p.arm else ''}, {self.data.time_points[p.when]}: "
            f"{p.value_text()} {p.outcome}" for p in self.data.recovery
        )
        reg = "; ".join(f"{citations.label(p.study)} {type_label(p.type).lower()}: {p.value:g} % {p.outcome}"
                       for p in self.data.regression)
        return self.s["summary"].format(rows=rows + "; " + reg)
