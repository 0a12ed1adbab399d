"""Animated stick figures of the exercise library (three faces).

``ExerciseAnimation("sciatic_slider")``:

* static face (the book's HTML): a plotly animation between the start and the end pose, with
  *Play*, *Start position* and *End position* buttons and a position slider (plotly frames);
  ``assets/js/nr-plotly.js`` turns them into native buttons and a range input;
* print face (the PDF): the start and end poses side by side, greyscale-safe (the near side is
  solid and dark, the far side light and dashed);
* live face (Jupyter): an ipywidgets slider and play control that re-pose the figure.

The poses come from ``data/exercises.yaml`` through :mod:`nerveroot.clinical.exercises`.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..clinical.exercises import (
    FAR_INK,
    NEAR_INK,
    Exercise,
    Pose,
    category_label,
    chair,
    forward_kinematics,
    get,
    head_outline,
    neck_line,
)
from ..display import PlotlyInteractive
from ..i18n import strings
from ..markup import wrap
from ..palette import plotly_template

STEPS = 5  # key frames 0..STEPS between start and end; plotly interpolates between them while playing
FLOOR_INK = "#555555"
CHAIR_INK = "#777777"
NEAR_WIDTH, FAR_WIDTH = 6, 4




def _xy(points) -> tuple[list, list]:
    xs, ys = [], []
    for chain in points:
        if chain is None:
            xs.append(None)
            ys.append(None)
            continue
        xs.append(round(chain[0], 4))
        ys.append(round(chain[1], 4))
    return xs, ys


def pose_traces(pose: Pose, dx: float = 0.0) -> list[dict]:
    """x/y of the animated traces for one pose: far leg, far arm, trunk and neck, head, near leg, near arm."""
    p = {k: (x + dx, y) for k, (x, y) in forward_kinematics(pose).items()}

    def leg(prefix):
        return [p["hip"], p[prefix + "knee"], p[prefix + "ankle"], p[prefix + "heel"], p[prefix + "toe"],
                p[prefix + "ankle"]]

    def arm(prefix):
        return [p["shoulder"], p[prefix + "elbow"], p[prefix + "hand"]]

    chains = [leg("far_"), arm("far_"), [p["hip"], p["lumbar"], p["shoulder"], *neck_line(p)[1:]],
              head_outline(p), leg(""), arm("")]
    out = []
    for chain in chains:
        xs, ys = _xy(chain)
        out.append({"x": xs, "y": ys})
    return out


class ExerciseAnimation(PlotlyInteractive):
    """One exercise of the library as an animated stick figure."""

    html_height = 430
    print_size = (900, 380)

    def __init__(self, exercise_id: str, lang: str | None = None):
        self.exercise: Exercise = get(exercise_id)
        self.s = strings("exercises", lang)
        # height of the page figure follows the pose's proportions (at a typical 680 px width)
        x_range, y_range = self._bounds(self.poses())
        ratio = (y_range[1] - y_range[0]) / (x_range[1] - x_range[0])
        self.html_height = int(min(480, max(240, 60 + 680 * ratio)))

    # -- geometry -----------------------------------------------------------
    def poses(self) -> list[Pose]:
        return [self.exercise.pose(i / STEPS) for i in range(STEPS + 1)]

    def _bounds(self, poses, dx_end: float = 0.0) -> tuple[list[float], list[float]]:
        xs, ys = [], []
        for k, pose in enumerate(poses):
            shift = dx_end if (dx_end and k == len(poses) - 1) else 0.0
            for tr in pose_traces(pose, shift):
                xs += [x for x in tr["x"] if x is not None]
                ys += [y for y in tr["y"] if y is not None]
        return [min(xs) - 0.08, max(xs) + 0.08], [-0.04, max(ys) + 0.08]

    def _static_traces(self, pose: Pose, x_range, dx: float = 0.0) -> list[go.Scatter]:
        floor = go.Scatter(x=list(x_range), y=[0, 0], mode="lines", line=dict(color=FLOOR_INK, width=3),
                           hoverinfo="skip", showlegend=False, name="floor")
        seat = chair(pose)
        if seat:
            a, b = sorted((seat["front"] + dx, seat["back"] + dx))
            cx, cy = [a, a, b, b], [0, seat["seat"], seat["seat"], 0]
        else:
            cx, cy = [None], [None]
        chair_trace = go.Scatter(x=cx, y=cy, mode="lines", line=dict(color=CHAIR_INK, width=3),
                                 hoverinfo="skip", showlegend=False, name="chair")
        return [floor, chair_trace]

    def _body(self, pose: Pose, dx: float = 0.0) -> list[go.Scatter]:
        styles = [
            dict(color=FAR_INK, width=FAR_WIDTH, dash="dash"),
            dict(color=FAR_INK, width=FAR_WIDTH, dash="dash"),
            dict(color=NEAR_INK, width=NEAR_WIDTH),
            dict(color=NEAR_INK, width=NEAR_WIDTH - 2),
            dict(color=NEAR_INK, width=NEAR_WIDTH),
            dict(color=NEAR_INK, width=NEAR_WIDTH),
        ]
        names = ["far leg", "far arm", "trunk", "head", "near leg", "near arm"]
        out = []
        for tr, style, name in zip(pose_traces(pose, dx), styles, names):
            fill = dict(fill="toself", fillcolor="white") if name == "head" else {}
            out.append(go.Scatter(x=tr["x"], y=tr["y"], mode="lines", line=dict(**style, shape="linear"),
                                  hoverinfo="skip", showlegend=False, name=name, **fill))
        return out

    def _layout(self, fig: go.Figure, x_range, y_range, title: str, bottom: int) -> None:
        fig.update_layout(
            template=plotly_template(),
            title=dict(text=title, x=0.01, font=dict(size=16)),
            xaxis=dict(visible=False, range=x_range, fixedrange=True),
            yaxis=dict(visible=False, range=y_range, scaleanchor="x", scaleratio=1, fixedrange=True),
            margin=dict(l=10, r=10, t=60, b=bottom),
            dragmode=False,
            showlegend=False,
        )

    # -- faces --------------------------------------------------------------
    def figure(self) -> go.Figure:
        s, ex = self.s, self.exercise
        poses = self.poses()
        x_range, y_range = self._bounds(poses)
        fig = go.Figure(self._static_traces(ex.start, x_range) + self._body(ex.start))
        animated = list(range(2, 2 + 6))
        fig.frames = [
            go.Frame(name=str(i), traces=animated,
                     data=[go.Scatter(x=tr["x"], y=tr["y"]) for tr in pose_traces(pose)])
            for i, pose in enumerate(poses)
        ]
        still = {"mode": "immediate", "frame": {"duration": 0, "redraw": False}, "transition": {"duration": 0}}
        there_and_back = [str(i) for i in range(STEPS + 1)] + [str(i) for i in range(STEPS - 1, -1, -1)]
        play = {"mode": "immediate", "frame": {"duration": 180, "redraw": False},
                "transition": {"duration": 180, "easing": "linear"}, "fromcurrent": False}
        buttons = [
            dict(label=s["play"], method="animate", args=[there_and_back, play]),
            dict(label=s["show_start"], method="animate", args=[["0"], still]),
            dict(label=s["show_end"], method="animate", args=[[str(STEPS)], still]),
        ]

        def step_label(i):
            if i == 0:
                return s["step_start"]
            if i == STEPS:
                return s["step_end"]
            return s["step_percent"].format(percent=i * 100 // STEPS)

        steps = [dict(label=step_label(i), method="animate", args=[[str(i)], still]) for i in range(STEPS + 1)]
        caption = s["key"]
        self._layout(fig, x_range, y_range, "", bottom=40)
        fig.update_layout(
            margin=dict(l=10, r=10, t=10, b=40),
            updatemenus=[dict(type="buttons", direction="right", buttons=buttons, showactive=False, active=-1,
                              x=0, y=1.02, xanchor="left", yanchor="bottom")],
            sliders=[dict(active=0, steps=steps, currentvalue=dict(prefix=s["slider_prefix"]), x=0, len=1,
                          y=0, yanchor="top", pad=dict(t=10))],
            annotations=[dict(name="caption", x=0, y=0, xref="paper", yref="paper", xanchor="left",
                              yanchor="top", align="left", showarrow=False, text=wrap(caption, 90),
                              font=dict(size=13))],
        )
        return fig

    def print_figure(self) -> go.Figure:
        s, ex = self.s, self.exercise
        start_range, _ = self._bounds([ex.start])
        end_range, _ = self._bounds([ex.end])
        dx = start_range[1] - end_range[0] + 0.12
        x_range, y_range = self._bounds([ex.start, ex.end], dx_end=dx)
        y_range[1] += 0.06
        fig = go.Figure(self._static_traces(ex.start, x_range) + self._body(ex.start)
                        + self._static_traces(ex.end, [x_range[0], x_range[0]], dx)[1:] + self._body(ex.end, dx))
        mid = (start_range[1] + end_range[0] + dx) / 2
        notes = [
            dict(x=(start_range[0] + start_range[1]) / 2, y=y_range[1], text=f"<b>{s['start_label']}</b>",
                 showarrow=False, yanchor="top", font=dict(size=16)),
            dict(x=(end_range[0] + end_range[1]) / 2 + dx, y=y_range[1], text=f"<b>{s['end_label']}</b>",
                 showarrow=False, yanchor="top", font=dict(size=16)),
            dict(x=mid + 0.05, y=y_range[1] * 0.55, ax=mid - 0.05, ay=y_range[1] * 0.55, xref="x", yref="y",
                 axref="x", ayref="y", text="", showarrow=True, arrowhead=2, arrowsize=1.5, arrowwidth=2,
                 arrowcolor=NEAR_INK),
            dict(x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False,
                 text=s["key"], font=dict(size=13)),
        ]
        self._layout(fig, x_range, y_range, s["print_title"].format(name=ex.name), bottom=40)
        fig.update_layout(annotations=notes)
        return fig

    def live(self):
        """ipywidgets: a position slider with a play control; the figure follows it."""
        import ipywidgets as W
        from IPython.display import display

        s, ex = self.s, self.exercise
        play = W.Play(value=0, min=0, max=STEPS, step=1, interval=120, description=s["live_play"])
        slider = W.IntSlider(value=0, min=0, max=STEPS, description=s["live_position"])
        W.jslink((play, "value"), (slider, "value"))
        out = W.Output()
        poses = self.poses()
        x_range, y_range = self._bounds(poses)

        def redraw(*_):
            pose = poses[slider.value]
            fig = go.Figure(self._static_traces(pose, x_range) + self._body(pose))
            self._layout(fig, x_range, y_range, ex.name, bottom=10)
            with out:
                out.clear_output(wait=True)
                display(fig)

        slider.observe(redraw, "value")
        redraw()
        return W.VBox([W.HBox([play, slider]), out, W.HTML(f"<p>{s['key']}</p>")])

    @property
    def alt_text(self) -> str:
        ex = self.exercise
        return self.s["alt"].format(name=ex.name, position=ex.position)

    def summary(self) -> str:
        ex = self.exercise
        return self.s["summary"].format(name=ex.name, category=category_label(ex.category), purpose=ex.purpose,
                                        dosage=ex.dosage, basis=self.s[f"basis_{ex.dosage_basis}"])
