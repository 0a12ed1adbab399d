"""Root localiser widget: a checklist of findings ranked by :func:`nerveroot.clinical.localize.localize`.

Faces:

* static (``text/html``): an HTML form (fieldsets of checkboxes, one per finding of
  ``data/findings.yaml``) and a result area; ``assets/js/nr-localiser.js`` evaluates the ticked
  findings with :func:`nerveroot.clinical.localize.rule_data`, shipped in the page as JSON (the same
  weights, thresholds, red-flag rule and strings as Python).  Without JavaScript the form shows
  Python's verdict for "nothing ticked" and the weights table.
* print (``image/png``): the scoring sheet - every finding with its weight per root and the rule,
  so it can be used on paper.
* live: ipywidgets checkboxes calling :func:`localize` in the kernel.
"""

from __future__ import annotations

import html
from typing import ClassVar

import plotly.graph_objects as go

from ..clinical.localize import load, localize, rule_data
from ..display import PngPrint, json_for_script, stable_id
from ..i18n import strings
from ..markup import wrap
from ..palette import INK, plotly_template


class RootLocaliser(PngPrint):
    """Tick findings; see the roots ranked with scores and reasons, red flags first."""

    needs: ClassVar[tuple[str, ...]] = ("localiser",)
    print_size: ClassVar[tuple[int, int]] = (900, 1000)
    print_scale: ClassVar[float] = 2.0

    def __init__(self, ticked=(), lang: str | None = None):
        self.lang = lang
        self.s = strings("localiser", lang)
        self.data = load()
        self.ticked = tuple(ticked)
        localize(self.ticked)  # validates the ids

    # -- static face -------------------------------------------------------
    def _result_html(self) -> str:
        r = localize(self.ticked, self.lang)
        items = "".join(f"<li>{html.escape(t)}</li>" for t in r.reasons)
        scores = ",".join(f"{x.root}:{x.score:g}" for x in r.ranking)
        return (f'<div class="nr-loc-result" role="status" aria-live="polite" data-status="{r.status}" '
                f'data-root="{r.root or ""}" data-scores="{scores}">'
                f'<p class="nr-loc-verdict">{html.escape(r.verdict)}</p>'
                f'<ul class="nr-loc-reasons">{items}</ul></div>')

    def weights_table_html(self) -> str:
        roots = self.data["roots"]
        head = "".join(f"<th scope='col'>{r}</th>" for r in roots)
        rows = []
        for f in self.data["findings"].values():
            if f.red_flag:
                continue
            cells = "".join(f"<td>{f.weights.get(r, 0):g}</td>" for r in roots)
            rows.append(f"<tr><th scope='row'>{html.escape(f.short)}</th>{cells}</tr>")
        return (f'<details class="nr-loc-weights"><summary>{html.escape(self.s["weights_heading"])}</summary>'
                f'<table><thead><tr><th scope="col">{html.escape(self.s["print_finding"])}</th>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table>'
                f'<p><strong>{html.escape(self.s["rule_heading"])}:</strong> {html.escape(" ".join(self.data["rule"]["explain"].split()))}</p>'
                f'</details>')

    def static_html(self) -> str:
        data = rule_data(self.lang)
        dom = stable_id("nr-loc", data)
        groups = self.data["groups"]
        order = ["red_flags"] + [g for g in groups if g != "red_flags"]
        sets = []
        for g in order:
            boxes = []
            for f in self.data["findings"].values():
                if f.group != g:
                    continue
                bid = f"{dom}-{f.id}"
                checked = " checked" if f.id in self.ticked else ""
                boxes.append(f'<label for="{bid}"><input type="checkbox" id="{bid}" data-finding="{f.id}"{checked}>'
                             f'<span>{html.escape(f.label)}</span></label>')
            cls = ' class="nr-loc-flags"' if g == "red_flags" else ""
            sets.append(f'<fieldset{cls}><legend>{html.escape(groups[g])}</legend>{"".join(boxes)}</fieldset>')
        return (
            f'<section class="nr-localiser" id="{dom}" aria-labelledby="{dom}-title">'
            f'<p class="nr-loc-title" id="{dom}-title">{html.escape(self.s["title"])}</p>'
            f'<p class="nr-loc-intro">{html.escape(self.s["intro"])}</p>'
            f'<form class="nr-loc-form" aria-describedby="{dom}-title">{"".join(sets)}</form>'
            f'<button type="button" class="nr-loc-reset">{html.escape(self.s["reset"])}</button>'
            f"{self._result_html()}"
            f"{self.weights_table_html()}"
            f'<script type="application/json" class="nr-localiser-data">{json_for_script(data)}</script>'
            f"</section>"
        )

    # -- print face --------------------------------------------------------
    def print_figure(self) -> go.Figure:
        roots = self.data["roots"]
        s = self.s
        names, cols, fills = [], {r: [] for r in roots}, []
        group_label = self.data["groups"]
        last = None
        shade = {"sensation": "#ffffff", "weakness": "#f1f4f7", "reflex": "#ffffff", "pain": "#f1f4f7",
                 "tests": "#ffffff", "red_flags": "#fde9dc"}
        for f in self.data["findings"].values():
            if f.group != last:
                names.append(f"<b>{group_label[f.group]}</b>")
                for r in roots:
                    cols[r].append("")
                fills.append(shade[f.group])
                last = f.group
            names.append("   " + f.label)
            for r in roots:
                cols[r].append(s["print_refer"] if f.red_flag else (f"{f.weights[r]:g}" if f.weights.get(r) else "·"))
            fills.append(shade[f.group])
        header = [s["print_finding"], *roots]
        fig = go.Figure(go.Table(
            columnwidth=[7.2, 0.9, 0.9, 0.9],
            header=dict(values=[f"<b>{h}</b>" for h in header], fill_color=INK, font=dict(color="white", size=14),
                        align=["left", "center"], height=28),
            cells=dict(values=[names, *[cols[r] for r in roots]], fill_color=[fills], align=["left", "center"],
                       font=dict(size=12.5, color=INK), height=22),
        ))
        rule = " ".join(self.data["rule"]["explain"].split())
        fig.update_layout(
            template=plotly_template(), width=self.print_size[0], height=self.print_size[1],
            title=dict(text=s["print_title"], x=0.01, font=dict(size=16)),
            margin=dict(l=10, r=10, t=45, b=80),
            annotations=[dict(text=wrap(f"<b>{s['rule_heading']}:</b> {rule} {s['print_red_flag']}", 135),
                              x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top", yshift=-8,
                              showarrow=False, align="left", font=dict(size=12.5, color=INK))],
        )
        return fig

    # -- live face ---------------------------------------------------------
    def live(self):
        import ipywidgets as W

        boxes = {}
        rows = []
        for g, glabel in self.data["groups"].items():
            rows.append(W.HTML(f"<b>{html.escape(glabel)}</b>"))
            for f in self.data["findings"].values():
                if f.group == g:
                    boxes[f.id] = W.Checkbox(value=f.id in self.ticked, description=f.label, indent=False,
                                             layout=W.Layout(width="auto"))
                    rows.append(boxes[f.id])
        out = W.HTML()

        def update(*_):
            r = localize([k for k, b in boxes.items() if b.value], self.lang)
            items = "".join(f"<li>{html.escape(t)}</li>" for t in r.reasons)
            out.value = f"<div aria-live='polite'><p><b>{html.escape(r.verdict)}</b></p><ul>{items}</ul></div>"

        for b in boxes.values():
            b.observe(update, "value")
        update()
        return W.VBox([W.HTML(f"<b>{html.escape(self.s['title'])}</b>"), W.VBox(rows), out])

    def summary(self) -> str:
        rule = self.data["rule"]
        n = sum(1 for f in self.data["findings"].values())
        return self.s["summary"].format(n=n, groups=len(self.data["groups"]), min_score=f"{rule['min_score']:g}",
                                        min_margin=f"{rule['min_margin']:g}")
