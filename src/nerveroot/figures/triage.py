"""The red-flag triage aid: a checklist whose result is emergency, urgent or routine care.

Three faces of one object, all driven by :mod:`nerveroot.clinical.red_flags` (the same data and
rule as the red-flag chapter's tables and the root localiser's urgent findings):

* static face (``text/html``): native checkboxes in one fieldset per condition, and a
  result region (``role="status"``, ``aria-live="polite"``) showing the level in words,
  with an icon and a border style (never colour alone), the action and the reasons.
  ``assets/js/nr-triage.js`` evaluates :func:`nerveroot.clinical.red_flags.rule_data` - the same
  rule as :func:`nerveroot.clinical.red_flags.triage` - whenever a box changes.  The page is
  rendered with the "nothing ticked" result, so it reads well before the script runs.
* print face (``text/markdown``): the checklist with boxes, the rule in four steps and
  worked examples computed by :func:`~nerveroot.clinical.red_flags.triage`, as real text in the PDF.
* live face: ipywidgets checkboxes whose result Python computes with the same function.

It says plainly, in every face, that it is a teaching aid and not a clinical decision tool.
"""

from __future__ import annotations

import html
from typing import Any, ClassVar

from ..citations import role
from ..clinical import red_flags
from ..display import MarkdownPrint, json_for_script, stable_id
from ..i18n import says, strings
from ..markup import Markdown, Table

BOX = "\u2610"

#: Worked examples of the print face (ids in the data's order).
EXAMPLES: tuple[tuple[str, ...], ...] = (
    (),
    ("bilateral_leg_symptoms",),
    ("infection_risk",),
    ("infection_risk", "fever_unwell"),
    ("older_age",),
    ("older_age", "prolonged_corticosteroids"),
    ("history_of_cancer",),
    ("cancer_neurological",),
)


def reason_sentences(ids, lang: str | None = None) -> list[str]:
    """The reasons of :func:`red_flags.triage` in a language (the widget's words; the same sentences the
    browser builds)."""
    return red_flags.reasons(ids, lang)


class TriageAid(MarkdownPrint):
    """Red-flag checklist with the triage rule applied as you tick (printed as text)."""

    needs: ClassVar[tuple[str, ...]] = ("triage",)

    def __init__(self, lang: str | None = None):
        self.lang = lang
        self.s = strings("triage", lang)
        self.data = red_flags.load()

    # -- helpers ----------------------------------------------------------
    @property
    def display_order(self) -> list[str]:
        """Flag ids in the order the checklist shows them (by condition, then as in the data)."""
        return [f.id for _, _, members in self.groups_with_flags() for f in members]

    def ordered_ids(self, ids) -> list[str]:
        """Ids in the checklist's order (the reasons are listed in it); unknown ids are rejected."""
        ids = set(red_flags._check(ids))
        return [f for f in self.display_order if f in ids]

    def groups_with_flags(self) -> list[tuple[str, dict, list]]:
        out = []
        for gid, group in self.data["groups"].items():
            members = [f for f in self.data["flags"].values() if f.group == gid]
            if members:
                out.append((gid, group, members))
        return out

    def evaluate(self, ids) -> red_flags.Triage:
        """The triage of a set of ticked ids (in checklist order)."""
        return red_flags.triage(self.ordered_ids(ids))

    def _flag_note(self, flag: red_flags.Flag) -> str:
        s = self.s
        bits = []
        if flag.level == "watch":
            bits.append(s["watch_level"])
        else:
            bits.append(s["alone_level"].format(level=s["level_word_" + flag.level]))
        if flag.escalate_with:
            bits.append(s["escalates"].format(group=self.data["groups"][flag.escalate_with]["label"].lower()))
        if flag.stage:
            bits.append(s["stage_" + flag.stage])
        return "; ".join(bits)

    # -- text face --------------------------------------------------------
    def summary(self) -> str:
        return self.s["summary"].format(n=len(self.data["flags"]), g=len(self.groups_with_flags()))

    # -- static face ------------------------------------------------------
    def result_html(self, result: red_flags.Triage) -> str:
        s, esc = self.s, html.escape
        reasons = "".join(f"<li>{esc(r)}</li>" for r in result.reasons)
        return (
            f'<p class="nr-triage-level" data-level="{result.level}">'
            f'<span class="nr-triage-icon" aria-hidden="true">{esc(s["icon_" + result.level])}</span> '
            f'<strong class="nr-triage-label">{esc(result.label)}</strong></p>'
            f'<p class="nr-triage-action">{esc(result.action)}</p>'
            f'<p class="nr-triage-why">{esc(s["reasons_heading"])}</p>'
            f'<ul class="nr-triage-reasons">{reasons}</ul>'
        )

    def static_html(self) -> str:
        s, esc = self.s, html.escape
        rule = red_flags.rule_data()
        payload = {
            "rule": rule,
            "flag_order": self.display_order,
            "strings": {k: s[k] for k in ("reason_watch", "reason_escalated", "reason_flag", "reason_none",
                                           "reasons_heading", "result_heading", "icon_emergency", "icon_urgent",
                                           "icon_routine", "level_word_emergency", "level_word_urgent")},
        }
        base = stable_id("nr-triage", payload)
        parts = [
            f'<section class="nr-triage" id="{base}" aria-labelledby="{base}-title">',
            f'<p class="nr-triage-title" id="{base}-title">{esc(s["title"])}</p>',
            f'<div class="nr-triage-disclaimer" role="note"><strong>{esc(s["disclaimer_title"])}.</strong> '
            f'{esc(s["disclaimer"])}</div>',
            f'<p class="nr-triage-instructions" id="{base}-help">{esc(s["instructions"])}</p>',
            f'<form class="nr-triage-form" aria-describedby="{base}-help">',
        ]
        for gid, group, members in self.groups_with_flags():
            legend = s["group_legend"].format(group=group["label"])
            danish = (f' <span lang="da">({esc(group["danish"])})</span>'
                      if group.get("danish") and not says(legend, group["danish"]) else "")
            parts.append(f'<fieldset class="nr-triage-group" data-group="{gid}"><legend>{esc(legend)}{danish}</legend>')
            for flag in members:
                fid = f"{base}-{flag.id}"
                note_id = f"{fid}-note"
                dan = (f' <span class="nr-triage-danish" lang="da">({esc(flag.danish)})</span>'
                       if flag.danish and not says(flag.label, flag.danish) else "")
                evidence = (f' <span class="nr-triage-evidence">{esc(s["evidence"])} {esc(flag.evidence)}</span>'
                            if flag.evidence else "")
                parts.append(
                    f'<div class="nr-triage-item">'
                    f'<input type="checkbox" id="{fid}" name="flag" value="{flag.id}" aria-describedby="{note_id}">'
                    f'<label for="{fid}">{esc(flag.label)}{dan}</label>'
                    f'<p class="nr-triage-note" id="{note_id}">{esc(self._flag_note(flag))}.{evidence}</p>'
                    f"</div>"
                )
            parts.append("</fieldset>")
        parts.append("</form>")
        # a one-line copy of the level that stays in view while the checklist scrolls (the live
        # region above is what screen readers hear, so this copy is hidden from them)
        initial = red_flags.triage([])
        parts.append(f'<p class="nr-triage-sticky" aria-hidden="true" data-level="{initial.level}">'
                     f'{esc(s["result_heading"])}: <span class="nr-triage-icon">{esc(s["icon_" + initial.level])}</span> '
                     f'<strong class="nr-triage-sticky-label">{esc(initial.label)}</strong></p>')
        parts.append(f'<button type="button" class="nr-triage-clear">{esc(s["clear"])}</button>')
        parts.append(
            f'<div class="nr-triage-result" role="status" aria-live="polite" aria-atomic="true" '
            f'aria-label="{esc(s["result_heading"])}">{self.result_html(red_flags.triage([]))}</div>'
        )
        parts.append(f'<details class="nr-triage-rule"><summary>{esc(s["rule_heading"])}</summary>'
                     f'<p>{esc(s["rule"])}</p></details>')
        parts.append(f'<script type="application/json" class="nr-triage-data">{json_for_script(payload)}</script>')
        parts.append("</section>")
        return "".join(parts)

    # -- print face -------------------------------------------------------
    def print_markdown(self) -> str:
        s = self.s
        lines = [f"**{s['print_title']}.** *{s['disclaimer_title']}.* {s['print_intro']}", ""]
        for _gid, group, members in self.groups_with_flags():
            lines.append(f"*{s['group_legend'].format(group=group['label'])}*\\")
            rows = [f"{BOX} {flag.label} ({self._flag_note(flag)})" for flag in members]
            lines.append("\\\n".join(rows))
            lines.append("")
        lines.append(f"**{s['rule_heading']}.**")
        lines.append("")
        for n in range(1, 5):
            lines.append(f"{n}. {s[f'print_rule_{n}']}")
        lines.append("")
        lines.append(f"**{s['print_examples']}.**")
        lines.append("")
        lines.append(f"| {s['print_ticked']} | {s['print_result']} |")
        lines.append("| --- | --- |")
        for ids in EXAMPLES:
            result = self.evaluate(ids)
            ticked = "; ".join(self.data["flags"][f].label for f in result.flags) or s["print_nothing"]
            lines.append(f"| {ticked} | {result.label} |")
        return "\n".join(lines) + "\n"

    # -- live face --------------------------------------------------------
    def live(self):
        """ipywidgets: one checkbox per flag; the result is computed by red_flags.triage()."""
        import ipywidgets as W

        s = self.s
        boxes: dict[str, Any] = {}
        rows: list[Any] = [W.HTML(f"<p><b>{html.escape(s['disclaimer_title'])}.</b> {html.escape(s['disclaimer'])}</p>")]
        for _gid, group, members in self.groups_with_flags():
            rows.append(W.HTML(f"<b>{html.escape(s['group_legend'].format(group=group['label']))}</b>"))
            for flag in members:
                box = W.Checkbox(value=False, description=flag.label, indent=False,
                                 layout=W.Layout(width="100%"))
                boxes[flag.id] = box
                rows.append(box)
        out = W.HTML()

        def update(*_):
            result = self.evaluate([f for f, b in boxes.items() if b.value])
            out.value = f'<div aria-live="polite"><b>{html.escape(s["live_result"])}:</b> {self.result_html(result)}</div>'

        for b in boxes.values():
            b.observe(update, "value")
        update()
        box = W.VBox([*rows, out])
        box.nr_boxes = boxes  # for tests and instructors: tick from code
        box.nr_output = out
        return box


def flags_table_markdown(lang: str | None = None) -> Markdown:
    """Every red flag as a MyST list-table: what it points to, its level alone, stage, evidence, sources."""
    s = strings("triage", lang)
    data = red_flags.load()
    rows = []
    for flag in data["flags"].values():
        group = data["groups"][flag.group]["label"]
        alone = s["watch_level"] if flag.level == "watch" else s["level_word_" + flag.level]
        notes = []
        if flag.danish and not says(flag.label, flag.danish):
            notes.append(s["table_danish"].format(term=flag.danish))
        if flag.stage:
            notes.append(s["stage_" + flag.stage].capitalize())
        if flag.escalate_with:
            notes.append(s["escalates"].format(group=data["groups"][flag.escalate_with]["label"].lower()).capitalize())
        if flag.evidence:
            notes.append(flag.evidence.rstrip("."))
        note = ". ".join(notes) + ("." if notes else "")
        rows.append([flag.label, group, alone, note, role(flag.cite)])
    header = [s["table_flag"], s["table_points_to"], s["table_alone"], s["table_note"], s["table_sources"]]
    return Table(header, rows, [30, 16, 12, 27, 15]).markdown()
