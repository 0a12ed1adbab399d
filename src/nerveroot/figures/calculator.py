"""Diagnostic-accuracy calculator: pick a test (with the population its figures come from), set the
pre-test probability, read LR+, LR- and the post-test probabilities on a Fagan-style nomogram.

Every figure comes from :func:`nerveroot.clinical.tests_data.calculator_entries` (only records with a
sensitivity and a specificity that are neither disputed nor unconfirmed) and every number is
computed by :mod:`nerveroot.clinical.accuracy`.

The nomogram: three vertical axes.  The left one shows the pre-test probability ``p`` at height
``-log10(p / (1 - p))`` (upside down, as on Fagan's original), the middle one a likelihood ratio at
``log10(LR) / 2`` and the right one the post-test probability at ``log10(p' / (1 - p'))``.  A straight
line through the first two points then meets the right axis at the post-test probability, because
``logit(p') = logit(p) + log10(LR)`` (Bayes' theorem in odds form).

Static face: one button per test/population (they switch which traces are visible) and a slider
over the pre-test probability (its steps restyle every test's lines and result text, so any order
of clicks shows the right numbers).  Print face: a table of every test at one pre-test probability
and a nomogram.  Live face: ipywidgets dropdown and slider.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import citations
from ..clinical import accuracy
from ..clinical.tests_data import Accuracy, calculator_entries
from ..display import PlotlyInteractive
from ..i18n import decimal, strings
from ..markup import wrap
from ..palette import INK, OKABE_ITO, plotly_template

PRE_STEPS = (0.01, 0.02, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70,
             0.75, 0.80, 0.85, 0.90, 0.95, 0.98, 0.99)
PROB_TICKS = (0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995)
LR_TICKS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100)
POS = OKABE_ITO["vermillion"]
NEG = OKABE_ITO["blue"]
YMAX = 2.35  # logit10 of 0.9955


def pct(p: float) -> str:
    v = 100 * p
    return f"{v:.0f} %" if v >= 1.95 or v == 0 else f"{v:.1f} %"


def clamp(y: float) -> float:
    return max(-YMAX, min(YMAX, y))


def line_points(pre: float, lr: float) -> tuple[list[float], list[float]]:
    """The nomogram line: (x, y) of the pre-test point, the LR point and the post-test point."""
    post = accuracy.post_test_probability(pre, lr)
    return [0, 1, 2], [clamp(-accuracy.logit10(pre)), math.log10(lr) / 2, clamp(accuracy.logit10(post))]


class AccuracyCalculator(PlotlyInteractive):
    """Choose a test and a pre-test probability; see how far a positive or negative result moves you."""

    html_height = 620
    print_size = (900, 880)

    def __init__(self, default: str = "slr_mri_cohort", pre_test: float = 0.30, lang: str | None = None):
        self.s = strings("calculator", lang)
        self.entries: list[Accuracy] = calculator_entries()
        ids = [e.id for e in self.entries]
        if default not in ids:
            raise ValueError(f"unknown test {default!r}; the calculator offers: {', '.join(ids)}")
        if pre_test not in PRE_STEPS:
            raise ValueError(f"pre-test probability {pre_test!r} is not a slider step ({', '.join(map(str, PRE_STEPS))})")
        self.default = default
        self.pre_test = pre_test

    # -- numbers and text ----------------------------------------------------
    def result(self, e: Accuracy, pre: float) -> accuracy.TestResult:
        return accuracy.evaluate(e.sensitivity.value, e.specificity.value, pre)

    def result_text(self, e: Accuracy, pre: float) -> str:
        r = self.result(e, pre)
        # the numbers with the language's decimal mark (the label is data text, translated as it is)
        return self.s["result"].format(label=e.label, **{k: decimal(v) for k, v in dict(
            se=f"{r.sensitivity:.2f}", sp=f"{r.specificity:.2f}", lrp=f"{r.lr_positive:.2f}",
            lrn=f"{r.lr_negative:.2f}", pre=pct(pre), post_pos=pct(r.post_positive),
            post_neg=pct(r.post_negative)).items()})

    def caption(self, e: Accuracy) -> str:
        s = self.s
        return s["caption"].format(population=e.population[0].upper() + e.population[1:], reference=e.reference_text,
                                   n=s["caption_n"].format(n=e.n) if e.n else "",
                                   confidence=s[f"confidence_{e.confidence}"], note=e.note,
                                   source=citations.labels(e.cite))

    # -- traces --------------------------------------------------------------
    def _axes(self) -> list[dict]:
        s = self.s
        traces = []
        for x in (0, 1, 2):
            traces.append(dict(type="scatter", x=[x, x], y=[-YMAX, YMAX], mode="lines", line=dict(color=INK, width=2),
                               hoverinfo="skip", showlegend=False))
        py = [accuracy.logit10(p) for p in PROB_TICKS]
        labels = [decimal(f"{100 * p:g}%") for p in PROB_TICKS]
        traces.append(dict(type="scatter", x=[0] * len(py), y=[-v for v in py], mode="markers+text", text=labels,
                           textposition="middle left", marker=dict(symbol="line-ew", size=10, line=dict(width=2, color=INK)),
                           textfont=dict(size=11, color=INK), hoverinfo="skip", showlegend=False))
        traces.append(dict(type="scatter", x=[2] * len(py), y=py, mode="markers+text", text=labels,
                           textposition="middle right", marker=dict(symbol="line-ew", size=10, line=dict(width=2, color=INK)),
                           textfont=dict(size=11, color=INK), hoverinfo="skip", showlegend=False))
        traces.append(dict(type="scatter", x=[1] * len(LR_TICKS), y=[math.log10(v) / 2 for v in LR_TICKS],
                           mode="markers+text", text=[decimal(f"{v:g}") for v in LR_TICKS], textposition="middle right",
                           marker=dict(symbol="line-ew", size=10, line=dict(width=2, color=INK)),
                           textfont=dict(size=11, color=INK), hoverinfo="skip", showlegend=False))
        traces.append(dict(type="scatter", x=[0, 1, 2], y=[YMAX + 0.45] * 3, mode="text",
                           text=[s["axis_pre"], s["axis_lr"], s["axis_post"]], textfont=dict(size=12.5, color=INK),
                           hoverinfo="skip", showlegend=False))
        return traces

    def _entry_traces(self, e: Accuracy, pre: float, visible: bool) -> list[dict]:
        r = self.result(e, pre)
        xp, yp = line_points(pre, r.lr_positive)
        xn, yn = line_points(pre, r.lr_negative)
        return [
            dict(type="scatter", x=xp, y=yp, mode="lines+markers", name=self.s["line_positive"], visible=visible,
                 line=dict(color=POS, width=3), marker=dict(size=9, symbol="circle"), hoverinfo="skip",
                 showlegend=False),
            dict(type="scatter", x=xn, y=yn, mode="lines+markers", name=self.s["line_negative"], visible=visible,
                 line=dict(color=NEG, width=3, dash="dash"), marker=dict(size=9, symbol="square"), hoverinfo="skip",
                 showlegend=False),
            dict(type="scatter", x=[-0.55], y=[YMAX + 1.55], mode="text", text=[self.result_text(e, pre)],
                 textposition="middle right", textfont=dict(size=13, color=INK), visible=visible, hoverinfo="skip",
                 showlegend=False),
        ]

    def _legend_traces(self) -> list[dict]:
        s = self.s
        return [
            dict(type="scatter", x=[None], y=[None], mode="lines+markers", name=s["line_positive"],
                 line=dict(color=POS, width=3), marker=dict(size=9, symbol="circle")),
            dict(type="scatter", x=[None], y=[None], mode="lines+markers", name=s["line_negative"],
                 line=dict(color=NEG, width=3, dash="dash"), marker=dict(size=9, symbol="square")),
        ]

    def _layout(self) -> dict:
        return dict(
            template=plotly_template(),
            xaxis=dict(range=[-0.6, 2.6], visible=False, fixedrange=True),
            yaxis=dict(range=[-YMAX - 0.15, YMAX + 2.2], visible=False, fixedrange=True),
            margin=dict(l=10, r=10, t=10, b=10),
            legend=dict(orientation="h", x=0, y=0, yanchor="top", font=dict(size=12.5)),
            showlegend=True,
        )

    def figure(self, controls: bool = True) -> go.Figure:
        base = self._axes() + self._legend_traces()
        n0 = len(base)
        traces = list(base)
        for e in self.entries:
            traces.extend(self._entry_traces(e, self.pre_test, e.id == self.default))
        fig = go.Figure(data=traces, layout=self._layout())
        default = next(e for e in self.entries if e.id == self.default)
        fig.update_layout(annotations=[dict(name="caption", text=self.caption(default), x=0, y=-0.1, xref="paper",
                                            yref="paper", showarrow=False, visible=True)])
        if not controls:
            return fig
        buttons = []
        for e in self.entries:
            vis = [True] * n0 + [x for f in self.entries for x in [f.id == e.id] * 3]
            buttons.append(dict(label=e.label, method="update",
                                args=[{"visible": vis},
                                      {"annotations": [dict(name="caption", text=self.caption(e), x=0, y=-0.1,
                                                            xref="paper", yref="paper", showarrow=False)]}]))
        active = [e.id for e in self.entries].index(self.default)
        steps = []
        idx = list(range(n0, len(traces)))
        for pre in PRE_STEPS:
            xs, ys, texts = [], [], []
            for e in self.entries:
                for t in self._entry_traces(e, pre, True):
                    xs.append(t["x"])
                    ys.append(t["y"])
                    texts.append(t.get("text"))
            steps.append(dict(label=pct(pre), method="restyle", args=[{"x": xs, "y": ys, "text": texts}, idx]))
        fig.update_layout(
            updatemenus=[dict(type="buttons", direction="right", active=active, buttons=buttons, x=0, y=1.1)],
            sliders=[dict(steps=steps, active=PRE_STEPS.index(self.pre_test),
                          currentvalue=dict(prefix=self.s["slider_prefix"]))],
        )
        return fig

    # -- print face ------------------------------------------------------------
    def table_rows(self, pre: float) -> list[list[str]]:
        rows = []
        for e in self.entries:
            r = self.result(e, pre)
            rows.append([e.label] + [decimal(v) for v in (
                e.sensitivity.formatted(2) if e.sensitivity.ci else f"{e.sensitivity.value:.2f} (–)",
                e.specificity.formatted(2) if e.specificity.ci else f"{e.specificity.value:.2f} (–)",
                f"{r.lr_positive:.2f}", f"{r.lr_negative:.2f}", pct(r.post_positive), pct(r.post_negative))])
        return rows

    def print_figure(self) -> go.Figure:
        s = self.s
        pre = self.pre_test
        fig = make_subplots(rows=2, cols=1, row_heights=[0.33, 0.67], vertical_spacing=0.03,
                            specs=[[{"type": "table"}], [{"type": "xy"}]])
        rows = self.table_rows(pre)
        header = [s["print_col_test"], s["print_col_se"], s["print_col_sp"], s["print_col_lrp"], s["print_col_lrn"],
                  s["print_col_pos"].format(pre=pct(pre)), s["print_col_neg"].format(pre=pct(pre))]
        fig.add_trace(go.Table(columnwidth=[3.6, 1.7, 1.7, 0.8, 0.8, 1.2, 1.2],
                               header=dict(values=[f"<b>{h}</b>" for h in header], fill_color=INK,
                                           font=dict(color="white", size=12), align="left"),
                               cells=dict(values=list(map(list, zip(*rows))), align="left", height=24,
                                          font=dict(size=12, color=INK), fill_color="#f4f6f8")), row=1, col=1)
        for t in self._axes():
            fig.add_trace(go.Scatter(**{k: v for k, v in t.items() if k != "type"}), row=2, col=1)
        pair = [e for e in self.entries if e.id in ("slr_surgical", "slr_mri_cohort")]
        styles = {"slr_surgical": dict(width=2.5), "slr_mri_cohort": dict(width=4)}
        for e in pair:
            r = self.result(e, pre)
            for lr, colour, dash, which in ((r.lr_positive, POS, "solid", s["line_positive"]),
                                            (r.lr_negative, NEG, "dash", s["line_negative"])):
                x, y = line_points(pre, lr)
                post = pct(accuracy.post_test_probability(pre, lr))
                fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", name=f"{e.label}:<br>{which} → {post}",
                                         line=dict(color=colour, dash=dash, **styles[e.id]),
                                         marker=dict(size=8)), row=2, col=1)
        fig.update_xaxes(range=[-0.6, 4.3], visible=False, row=2, col=1)
        fig.update_yaxes(range=[-YMAX - 0.15, YMAX + 0.8], visible=False, row=2, col=1)
        fig.update_layout(
            template=plotly_template(), title=dict(text=s["print_title"], x=0.01, font=dict(size=16)),
            margin=dict(l=10, r=10, t=45, b=40), showlegend=True,
            legend=dict(x=0.6, y=0.4, font=dict(size=11.5), bgcolor="rgba(255,255,255,0.9)"),
            annotations=[dict(text=s["print_nomogram"].format(pre=pct(pre)), x=0, y=0.655, xref="paper", yref="paper",
                              showarrow=False, xanchor="left", font=dict(size=13.5, color=INK)),
                         dict(text=wrap(s["print_note"], 130), x=0, y=-0.005, xref="paper", yref="paper",
                              xanchor="left", yanchor="top", showarrow=False, align="left",
                              font=dict(size=11.5, color=INK))],
        )
        return fig

    # -- live ------------------------------------------------------------------
    def live(self):
        import ipywidgets as W
        from IPython.display import display

        s = self.s
        test = W.Dropdown(options=[(e.label, e.id) for e in self.entries], value=self.default, description=s["live_test"])
        pre = W.SelectionSlider(options=[(pct(p), p) for p in PRE_STEPS], value=self.pre_test, description=s["live_pre"])
        text = W.HTML()
        out = W.Output()

        def redraw(*_):
            e = next(x for x in self.entries if x.id == test.value)
            text.value = f"<p aria-live='polite'>{self.result_text(e, pre.value)}</p><p>{self.caption(e)}</p>"
            calc = AccuracyCalculator(default=test.value, pre_test=pre.value)
            with out:
                out.clear_output(wait=True)
                display(calc.figure(controls=False))

        test.observe(redraw, "value")
        pre.observe(redraw, "value")
        redraw()
        return W.VBox([test, pre, text, out])

    @property
    def alt_text(self) -> str:
        return self.s["alt"]

    def summary(self) -> str:
        e = next(x for x in self.entries if x.id == self.default)
        r = self.result(e, self.pre_test)
        example = self.s["summary_example"].format(label=e.label, **{k: decimal(v) for k, v in dict(
            lrp=f"{r.lr_positive:.2f}", lrn=f"{r.lr_negative:.2f}", pre=pct(self.pre_test),
            post_pos=pct(r.post_positive), post_neg=pct(r.post_negative)).items()})
        return self.s["summary"].format(n=len(self.entries), example=example)
