"""Overview of the lumbar levels L3–S1 and their roots (the intro page's figure).

A schematic seen from behind: vertebral bodies with their pedicles, the discs, the
dural sac, and the roots leaving it.  Buttons highlight one root, the disc it
crosses (traversing) and the foramen it leaves through (exiting).  All anatomy
comes from :func:`nerveroot.clinical.roots.load_roots`.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..clinical.roots import load_roots
from ..display import PlotlyInteractive
from ..i18n import strings
from ..markup import wrap
from ..palette import BONE, DISC, INK, MUTED, ROOT_STYLE, plotly_template

# Geometry of the schematic, in arbitrary units (y up).  Each vertebra has a body
# of height BODY, with a disc of height DISC_H below it.
BODY = 2.4
DISC_H = 0.8
SAC_HALF_WIDTH = 1.1
BODY_HALF_WIDTH = 3.0
PEDICLE_X = 2.45


def _layout_levels() -> dict[str, tuple[float, float]]:
    """Top and bottom y of each vertebral body, L2 (partial) to S1 (sacrum)."""
    levels = {}
    top = 13.0
    for name in ("L2", "L3", "L4", "L5"):
        levels[name] = (top, top - BODY)
        top -= BODY + DISC_H
    levels["S1"] = (top, top - 3.4)  # the sacrum, drawn taller
    return levels




class LumbarLevels(PlotlyInteractive):
    """Interactive overview of L3–S1: which disc each root crosses and where it exits."""

    html_height = 620
    print_size = (900, 640)

    def __init__(self, lang: str | None = None):
        self.s = strings("lumbar_levels", lang)
        self.roots = load_roots()

    # -- geometry ---------------------------------------------------------
    def root_path(self, name: str) -> tuple[list[float], list[float]]:
        """Centre line of a root on the right side: from the sac to beyond the foramen."""
        levels = _layout_levels()
        top, _ = levels[self.roots[name].vertebra]
        pedicle_y = top - 0.75
        xs = [SAC_HALF_WIDTH, 1.55, 1.75, 1.85, 3.7, 5.4]
        ys = [top + DISC_H + 0.7, top + 0.3, pedicle_y, pedicle_y - 0.8, pedicle_y - 1.25, pedicle_y - 2.1]
        return xs, ys

    def _shapes(self, highlight: str | None) -> list[dict]:
        levels = _layout_levels()
        shapes: list[dict] = []
        names = list(levels)
        for i, name in enumerate(names):
            top, bottom = levels[name]
            if name == "S1":
                path = (
                    f"M {-BODY_HALF_WIDTH - 0.6:g},{top:g} L {BODY_HALF_WIDTH + 0.6:g},{top:g} "
                    f"L 1.2,{bottom:g} L -1.2,{bottom:g} Z"
                )
                shapes.append(dict(type="path", path=path, fillcolor=BONE, line=dict(color=MUTED, width=1.5), layer="below"))
            else:
                shapes.append(
                    dict(type="rect", x0=-BODY_HALF_WIDTH, x1=BODY_HALF_WIDTH, y0=bottom, y1=top,
                         fillcolor=BONE, line=dict(color=MUTED, width=1.5), layer="below")
                )
                pedicle_y = top - 0.75
                for side in (-1, 1):
                    shapes.append(
                        dict(type="circle", x0=side * PEDICLE_X - 0.45, x1=side * PEDICLE_X + 0.45,
                             y0=pedicle_y - 0.45, y1=pedicle_y + 0.45, fillcolor="#d8cfbd",
                             line=dict(color=MUTED, width=1), layer="below")
                    )
            if i + 1 < len(names):
                disc = f"{name}/{names[i + 1]}"
                crossed = highlight is not None and self.roots[highlight].traversing_disc == disc
                shapes.append(
                    dict(type="rect", x0=-BODY_HALF_WIDTH, x1=BODY_HALF_WIDTH, y0=bottom - DISC_H, y1=bottom,
                         fillcolor=ROOT_STYLE[highlight]["color"] if crossed else DISC,
                         opacity=0.55 if crossed else 1,
                         line=dict(color=INK if crossed else MUTED, width=2.5 if crossed else 1),
                         layer="below", name=f"disc {disc}")
                )
        top = levels["L2"][0] + 0.4
        bottom = levels["S1"][1] + 1.0
        shapes.append(dict(type="rect", x0=-SAC_HALF_WIDTH, x1=SAC_HALF_WIDTH, y0=bottom, y1=top,
                           fillcolor="rgba(200,210,220,0.45)", line=dict(color=MUTED, width=1, dash="dot")))
        return shapes

    def _annotations(self, highlight: str | None) -> list[dict]:
        s = self.s
        levels = _layout_levels()
        notes: list[dict] = []
        for name, (top, bottom) in levels.items():
            label = s["vertebra"].format(name=name) if name != "S1" else s["sacrum"]
            notes.append(dict(x=0, y=(top + bottom) / 2 - 0.35 if name != "S1" else top - 1.6,
                              text=label, showarrow=False, xanchor="center", font=dict(size=13, color=INK),
                              bgcolor="rgba(255,255,255,0.75)"))
        names = list(levels)
        for i, name in enumerate(names[:-1]):
            disc_mid = levels[name][1] - DISC_H / 2
            notes.append(dict(x=0, y=disc_mid, text=f"<i>{s['disc'].format(name=f'{name}/{names[i + 1]}')}</i>",
                              showarrow=False, xanchor="center", font=dict(size=11, color=INK)))
        for name in self.roots:
            xs, ys = self.root_path(name)
            notes.append(dict(x=xs[-1] + 0.15, y=ys[-1], text=f"<b>{name}</b>", showarrow=False, xanchor="left",
                              font=dict(size=15, color=INK)))
        caption = s["explain_all"] if highlight is None else s["explain_root"].format(
            root=highlight, disc=self.roots[highlight].traversing_disc, exit=self.roots[highlight].exit_foramen)
        notes.append(dict(name="caption", x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top",
                          align="left", showarrow=False, text=wrap(caption, 78), font=dict(size=13, color=INK)))
        return notes

    def _root_traces(self, highlight: str | None) -> list[go.Scatter]:
        traces = []
        s = self.s
        for name, root in self.roots.items():
            xs, ys = self.root_path(name)
            style = ROOT_STYLE[name]
            on = highlight is None or highlight == name
            hover = s["root_hover"].format(root=name, exit=root.exit_foramen, below=root.vertebra,
                                           disc=root.traversing_disc)
            traces.append(
                go.Scatter(
                    x=[-x for x in xs] + [None] + xs, y=ys + [None] + ys, mode="lines", name=s["root_label"].format(root=name),
                    line=dict(color=style["color"] if on else MUTED, width=7 if highlight == name else (4 if on else 2),
                              dash=style["dash"], shape="spline"),
                    # no legend: each line is labelled with its root at its end (a legend wrapped
                    # onto the title at phone width and added nothing the labels do not say)
                    hovertext=wrap(hover, 60), hoverinfo="text", showlegend=False,
                )
            )
        return traces

    # -- faces ------------------------------------------------------------
    def figure(self, highlight: str | None = None) -> go.Figure:
        s = self.s
        fig = go.Figure(self._root_traces(highlight))
        buttons = []
        for choice in [None, *self.roots]:
            traces = self._root_traces(choice)
            buttons.append(dict(
                label=s["all_roots"] if choice is None else s["show_root"].format(root=choice),
                method="update",
                args=[
                    {"line.color": [t.line.color for t in traces], "line.width": [t.line.width for t in traces]},
                    {"shapes": self._shapes(choice), "annotations": self._annotations(choice)},
                ],
            ))
        fig.update_layout(
            template=plotly_template(),
            title=dict(text=s["title"], x=0.01, font=dict(size=16)),
            shapes=self._shapes(highlight),
            annotations=self._annotations(highlight),
            xaxis=dict(visible=False, range=[-6.6, 7.0], fixedrange=True),
            yaxis=dict(visible=False, range=[-3.4, 13.6], scaleanchor="x", fixedrange=True),
            margin=dict(l=10, r=10, t=50, b=110),
            updatemenus=[dict(type="buttons", direction="right", buttons=buttons, showactive=True,
                              x=0, y=1.12, xanchor="left", yanchor="bottom", active=0)],
            dragmode=False,
        )
        return fig

    @property
    def alt_text(self) -> str:
        return self.s["alt"]

    def summary(self) -> str:
        rows = "; ".join(self.s["summary_row"].format(root=n, disc=r.traversing_disc, exit=r.exit_foramen)
                         for n, r in self.roots.items())
        return self.s["summary"].format(rows=rows)
