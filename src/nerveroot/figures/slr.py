"""SLR explainer: a schematic straight-leg raise from 0° to 90° of hip flexion.

A side view of a person lying supine, one leg raised with the knee straight.  Toggles add ankle
dorsiflexion (Bragard) and neck flexion (as in the slump test).  Under the schematic, an "angle
ruler" shows what the sources say about angles as bands (:func:`nerveroot.clinical.tests_data.slr_angles`:
two cadaver findings and the commonly taught window, a convention), and the interpretation text
changes where the bands begin and end.  No curve of nerve tension is drawn: none has been measured
at the roots in patients, and the course invents no numbers.

Static face: the slider's steps restyle the leg, the feet and the angle marker and set the
caption part with the interpretation; the two button groups switch only the visibility of their
own traces and their own caption part, so any order of use shows a consistent picture.  The
caption parts (:meth:`SLRExplainer.captions`) are the display protocol's captions: text above
the plot that wraps at any width and is announced when a control changes it.  Print face: small multiples at 0°, 30°, 60°
(with dorsiflexion) and 90°.  Live face: ipywidgets slider and toggles.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..clinical.tests_data import slr_angles
from ..display import PlotlyInteractive
from ..i18n import strings
from ..markup import wrap
from ..palette import INK, MUTED, OKABE_ITO, plotly_template

ANGLES = tuple(range(0, 91, 5))
HIP = (0.0, 1.0)
LEG = 8.0
FOOT = 1.3
DORSI = 25  # degrees the drawn foot turns towards the shin (schematic)
#: The angle findings drawn as bands (ids of ``slr_angles`` in tests.yaml), top to bottom, with their colours.
BANDS = (("goddard", OKABE_ITO["sky_blue"]), ("gilbert", OKABE_ITO["bluish_green"]),
         ("convention", OKABE_ITO["orange"]))
RULER_X0, RULER_X1 = -9.0, 9.0
RULER_Y = (-2.2, -3.6, -5.0)  # centre of each band row
NECK = {False: ((-7.0, 1.0), (-7.9, 1.2)), True: ((-7.0, 1.0), (-7.6, 2.1))}
COMPARE = OKABE_ITO["vermillion"]


def range_key(angle: int) -> str:
    """Which interpretation text belongs to an angle: the texts change where the sources' bands begin and end
    (the first cadaver finding, the second one, and the end of the taught window)."""
    a = slr_angles()
    if angle < a["goddard"].low:
        return "range_0"
    if angle <= a["goddard"].high:
        return "range_20"
    if angle < a["gilbert"].low:
        return "range_35"
    if angle <= a["convention"].high:
        return "range_60"
    return "range_75"


def ruler_x(angle: float) -> float:
    return RULER_X0 + (RULER_X1 - RULER_X0) * angle / 90


def leg_points(angle: float) -> tuple[list[float], list[float]]:
    a = math.radians(angle)
    ankle = (HIP[0] + LEG * math.cos(a), HIP[1] + LEG * math.sin(a))
    knee = ((HIP[0] + ankle[0]) / 2, (HIP[1] + ankle[1]) / 2)
    return [HIP[0], knee[0], ankle[0]], [HIP[1], knee[1], ankle[1]]


def foot_points(angle: float, dorsiflexed: bool) -> tuple[list[float], list[float]]:
    a = math.radians(angle)
    ankle = (HIP[0] + LEG * math.cos(a), HIP[1] + LEG * math.sin(a))
    d = math.radians(angle + 90 + (DORSI if dorsiflexed else 0))
    heel = (ankle[0] - 0.25 * math.cos(a), ankle[1] - 0.25 * math.sin(a))
    toe = (ankle[0] + FOOT * math.cos(d), ankle[1] + FOOT * math.sin(d))
    return [round(heel[0], 3), round(ankle[0], 3), round(toe[0], 3)], [round(heel[1], 3), round(ankle[1], 3), round(toe[1], 3)]




class SLRExplainer(PlotlyInteractive):
    """Raise the leg; add dorsiflexion or neck flexion; read what the sources say at each angle."""

    html_height = 500
    print_size = (900, 760)
    #: the interpretation and the toggles' notes sit next to the controls that change them
    caption_above = ("caption-angle", "caption-dorsi", "caption-neck")

    def __init__(self, angle: int = 40, lang: str | None = None):
        if angle not in ANGLES:
            raise ValueError(f"angle must be one of {', '.join(map(str, ANGLES))} degrees, got {angle!r}")
        self.angle = angle
        self.s = strings("slr", lang)

    def interpretation(self, angle: int) -> str:
        return self.s[range_key(angle)]

    # -- traces --------------------------------------------------------------
    def _body(self, neck: bool | None = None) -> list[dict]:
        """Couch, trunk, resting leg; both necks (visibility per state) when neck is None."""
        t = [
            dict(type="scatter", x=[-10, 10], y=[0.2, 0.2], mode="lines", line=dict(color=MUTED, width=6),
                 hoverinfo="skip", showlegend=False),
            dict(type="scatter", x=[-7.0, 0.0], y=[1.0, 1.0], mode="lines", line=dict(color=INK, width=14),
                 hoverinfo="skip", showlegend=False),
            dict(type="scatter", x=[0.0, LEG], y=[0.75, 0.75], mode="lines", line=dict(color=MUTED, width=7, dash="dot"),
                 hoverinfo="skip", showlegend=False),
        ]
        for state in ((False, True) if neck is None else (neck,)):
            (x0, y0), (x1, y1) = NECK[state]
            t.append(dict(type="scatter", x=[x0, x1], y=[y0, y1], mode="lines+markers",
                          line=dict(color=INK, width=8), marker=dict(size=[0, 30], color=INK),
                          visible=True if neck is not None else (state is False), hoverinfo="skip", showlegend=False))
        return t

    def _leg(self, angle: int, dorsi: bool | None = None) -> list[dict]:
        lx, ly = leg_points(angle)
        t = [dict(type="scatter", x=lx, y=ly, mode="lines+markers", line=dict(color=COMPARE, width=10),
                  marker=dict(size=[12, 10, 10], color=INK), hoverinfo="skip", showlegend=False)]
        for state in ((False, True) if dorsi is None else (dorsi,)):
            fx, fy = foot_points(angle, state)
            t.append(dict(type="scatter", x=fx, y=fy, mode="lines", line=dict(color=COMPARE, width=8),
                          visible=True if dorsi is not None else (state is False), hoverinfo="skip", showlegend=False))
        t.append(dict(type="scatter", x=[1.6], y=[1.6], mode="text", text=[self.s["angle"].format(angle=angle)],
                      textfont=dict(size=15, color=INK), textposition="top right", hoverinfo="skip", showlegend=False))
        return t

    def _ruler(self) -> list[dict]:
        s = self.s
        t = []
        angles = slr_angles()
        for (key, colour), yc in zip(BANDS, RULER_Y):
            band = angles[key]
            x0, x1 = ruler_x(band.low), ruler_x(band.high)
            t.append(dict(type="scatter", x=[x0, x1, x1, x0, x0], y=[yc - 0.35, yc - 0.35, yc + 0.35, yc + 0.35, yc - 0.35],
                          mode="lines", fill="toself", fillcolor=colour, line=dict(color=INK, width=1),
                          fillpattern=dict(shape="/" if band.kind == "convention" else ""),
                          hoverinfo="skip", showlegend=False))
            t.append(dict(type="scatter", x=[RULER_X0], y=[yc + 0.62], mode="text", text=[s[f"band_{key}"]],
                          textposition="middle right", textfont=dict(size=11.5, color=INK), hoverinfo="skip",
                          showlegend=False))
        ticks = list(range(0, 91, 10))
        t.append(dict(type="scatter", x=[ruler_x(a) for a in ticks], y=[-5.9] * len(ticks), mode="markers+text",
                      text=[f"{a}°" for a in ticks], textposition="bottom center",
                      marker=dict(symbol="line-ns", size=8, line=dict(width=1.5, color=INK)),
                      textfont=dict(size=11, color=INK), hoverinfo="skip", showlegend=False))
        t.append(dict(type="scatter", x=[RULER_X0, RULER_X1], y=[-5.9, -5.9], mode="lines", line=dict(color=INK, width=1.5),
                      hoverinfo="skip", showlegend=False))
        return t

    def _marker(self, angle: int) -> dict:
        x = ruler_x(angle)
        return dict(type="scatter", x=[x, x], y=[-6.0, -1.3], mode="lines", line=dict(color=INK, width=3, dash="dot"),
                    hoverinfo="skip", showlegend=False)

    def _texts(self, angle: int, dorsi: bool, neck: bool) -> list[dict]:
        """Interpretation texts drawn in the plot (the live face's figure; the static face has captions)."""
        s = self.s
        t = [dict(type="scatter", x=[-10], y=[12.6], mode="text", text=[wrap(self.interpretation(angle), 70)],
                  textposition="bottom right", textfont=dict(size=13, color=INK), hoverinfo="skip", showlegend=False)]
        for key, on, y in (("dorsi", dorsi, 10.2), ("neck", neck, 8.6)):
            t.append(dict(type="scatter", x=[-10], y=[y], mode="text", text=[wrap(s[f"{key}_{'on' if on else 'off'}"], 80)],
                          textposition="bottom right", textfont=dict(size=11.5, color="#3d4b59"), hoverinfo="skip",
                          showlegend=False))
        return t

    def captions(self, angle: int) -> list[dict]:
        """The caption parts of the static face: what the sources say at this angle, the two toggles' notes
        (shown above the plot, next to the controls) and the figure's note (under it)."""
        s = self.s
        texts = (("caption-angle", self.interpretation(angle)), ("caption-dorsi", s["dorsi_off"]),
                 ("caption-neck", s["neck_off"]), ("caption", s["caption"]))
        return [dict(name=name, text=text, x=0, y=0, xref="paper", yref="paper", showarrow=False, visible=False)
                for name, text in texts]

    def _layout(self, top: float = 12.8) -> dict:
        return dict(template=plotly_template(),
                    xaxis=dict(range=[-10.3, 10.3], visible=False, fixedrange=True),
                    yaxis=dict(range=[-6.9, top], visible=False, fixedrange=True, scaleanchor="x", scaleratio=1),
                    margin=dict(l=5, r=5, t=5, b=5), showlegend=False)

    def figure(self, angle: int | None = None, dorsi: bool = False, neck: bool = False, controls: bool = True) -> go.Figure:
        angle = self.angle if angle is None else angle
        if not controls:
            traces = self._body(neck) + self._ruler() + [self._marker(angle)] + self._leg(angle, dorsi) + self._texts(angle, dorsi, neck)
            fig = go.Figure(data=traces, layout=self._layout())
            fig.update_layout(annotations=[dict(name="caption", text=self.s["caption"], x=0, y=0, xref="paper",
                                                yref="paper", showarrow=False)])
            return fig
        body = self._body()              # couch, trunk, resting leg, neck neutral, neck flexed
        ruler = self._ruler()
        i_neck = (3, 4)
        marker_i = len(body) + len(ruler)
        leg_i = marker_i + 1             # leg, foot neutral, foot dorsiflexed, angle label
        traces = body + ruler + [self._marker(angle)] + self._leg(angle)
        fig = go.Figure(data=traces, layout=self._layout(top=9.9))
        notes = self.captions(angle)
        part = {n["name"]: i for i, n in enumerate(notes)}
        fig.update_layout(annotations=notes)
        s = self.s
        steps = []
        for a in ANGLES:
            upd = [self._marker(a)] + self._leg(a)
            idx = [marker_i, leg_i, leg_i + 1, leg_i + 2, leg_i + 3]
            steps.append(dict(label=f"{a}°", method="update",
                              args=[{"x": [u["x"] for u in upd], "y": [u["y"] for u in upd],
                                     "text": [u.get("text") for u in upd]},
                                    {f"annotations[{part['caption-angle']}].text": self.interpretation(a)}, idx]))

        def toggle(label, on, traces_off_on, key):
            return dict(label=s[label], method="update",
                        args=[{"visible": [not on, on]},
                              {f"annotations[{part['caption-' + key]}].text": s[f"{key}_{'on' if on else 'off'}"]},
                              list(traces_off_on)])

        feet = (leg_i + 1, leg_i + 2)
        dorsi_menu = dict(type="buttons", direction="right", active=0, x=0, y=1.08, buttons=[
            toggle("ankle_neutral", False, feet, "dorsi"), toggle("ankle_dorsiflexed", True, feet, "dorsi")])
        neck_menu = dict(type="buttons", direction="right", active=0, x=0.5, y=1.08, buttons=[
            toggle("neck_neutral", False, i_neck, "neck"), toggle("neck_flexed", True, i_neck, "neck")])
        fig.update_layout(updatemenus=[dorsi_menu, neck_menu],
                          sliders=[dict(steps=steps, active=ANGLES.index(angle),
                                        currentvalue=dict(prefix=s["slider_prefix"]))])
        return fig

    # -- print face --------------------------------------------------------------
    def print_figure(self) -> go.Figure:
        s = self.s
        cases = ((0, False, "print_0"), (30, False, "print_30"), (60, True, "print_60"), (90, False, "print_90"))
        fig = make_subplots(rows=3, cols=2, row_heights=[0.36, 0.36, 0.28], vertical_spacing=0.07,
                            horizontal_spacing=0.03,
                            specs=[[{}, {}], [{}, {}], [{"colspan": 2}, None]],
                            subplot_titles=[wrap(s[k], 52) for _, _, k in cases] + [s["ruler_title"]])
        for n, (angle, dorsi, _) in enumerate(cases):
            r, c = n // 2 + 1, n % 2 + 1
            for t in self._body(False) + self._leg(angle, dorsi):
                fig.add_trace(go.Scatter(**{k: v for k, v in t.items() if k != "type"}), row=r, col=c)
            fig.update_xaxes(range=[-9, 9.5], visible=False, row=r, col=c)
            fig.update_yaxes(range=[-0.3, 9.6], visible=False, row=r, col=c, scaleanchor=f"x{n + 1 if n else ''}",
                             scaleratio=1)
        for t in self._ruler():
            fig.add_trace(go.Scatter(**{k: v for k, v in t.items() if k != "type"}), row=3, col=1)
        fig.update_xaxes(range=[-9.3, 9.3], visible=False, row=3, col=1)
        fig.update_yaxes(range=[-6.8, -1.2], visible=False, row=3, col=1)
        fig.update_layout(template=plotly_template(), showlegend=False,
                          title=dict(text=s["print_title"], x=0.01, font=dict(size=16)),
                          margin=dict(l=10, r=10, t=70, b=10))
        fig.update_annotations(font_size=12.5, selector=dict(text=None))
        for a in fig.layout.annotations:
            a.font = dict(size=12.5, color=INK)
        return fig

    # -- live ------------------------------------------------------------------
    def live(self):
        import ipywidgets as W
        from IPython.display import display

        s = self.s
        angle = W.SelectionSlider(options=[(f"{a}°", a) for a in ANGLES], value=self.angle, description=s["live_angle"])
        dorsi = W.ToggleButton(value=False, description=s["live_dorsi"])
        neck = W.ToggleButton(value=False, description=s["live_neck"])
        text = W.HTML()
        out = W.Output()

        def redraw(*_):
            text.value = (f"<p aria-live='polite'>{self.interpretation(angle.value)}</p>"
                          f"<p>{s['dorsi_on' if dorsi.value else 'dorsi_off']} {s['neck_on' if neck.value else 'neck_off']}</p>")
            with out:
                out.clear_output(wait=True)
                display(self.figure(angle.value, dorsi.value, neck.value, controls=False))

        for w in (angle, dorsi, neck):
            w.observe(redraw, "value")
        redraw()
        return W.VBox([angle, W.HBox([dorsi, neck]), out, text])

    @property
    def alt_text(self) -> str:
        return self.s["alt"]

    def summary(self) -> str:
        return self.s["summary"]
