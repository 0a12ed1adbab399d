"""Worked cases: the localiser, the accuracy calculator and the triage rule, in words.

Each helper returns a small MyST Markdown snippet (:class:`Markdown`) that the cases chapter glues
into its answer drop-downs, so every answer is computed by the same code as the interactive tools
and cannot drift from them.
"""

from __future__ import annotations

from ..citations import role
from ..markup import Markdown
from . import accuracy
from .localize import findings, localize
from .red_flags import triage
from .roots import affected_roots
from .tests_data import accuracy_record, calculator_entries


def pct(p: float) -> str:
    return f"{100 * p:.0f} %"


def findings_md(ids) -> Markdown:
    """The ticked findings as a list (their labels from the localiser's vocabulary)."""
    vocab = findings()
    return Markdown("\n".join(f"- {vocab[i].short[0].upper()}{vocab[i].short[1:]}" for i in ids) + "\n")


def triage_md(ids) -> Markdown:
    """The triage verdict for a set of red-flag ids, with reasons."""
    t = triage(ids)
    lines = [f"**Triage: {t.label}.** {t.action}", ""]
    lines += [f"- {r}" for r in t.reasons]
    return Markdown("\n".join(lines) + "\n")


def localise_md(ids) -> Markdown:
    """The localiser's verdict and its reasons for a set of finding ids."""
    r = localize(ids)
    keys: set[str] = set()
    vocab = findings()
    for i in ids:
        keys.update(vocab[i].cite)
    lines = [f"**Localiser:** {r.verdict} {role(sorted(keys))}", ""]
    lines += [f"- {reason}" for reason in r.reasons]
    return Markdown("\n".join(lines) + "\n")


def entry(entry_id: str):
    for e in calculator_entries():
        if e.id == entry_id:
            return e
    raise ValueError(f"unknown calculator entry {entry_id!r}; entries: "
                     + ", ".join(e.id for e in calculator_entries()))


def test_md(entry_id: str, pre_test: float, positive: bool) -> Markdown:
    """What one test result does to a pre-test probability, with the study population named."""
    e = entry(entry_id)
    r = accuracy.evaluate(e.sensitivity.value, e.specificity.value, pre_test)
    post = r.post_positive if positive else r.post_negative
    result = "positive" if positive else "negative"
    text = (f"**{e.label}.** Population: {e.population}. Sensitivity {r.sensitivity:.2f}, specificity "
            f"{r.specificity:.2f}, so LR+ = {r.lr_positive:.2f} and LR− = {r.lr_negative:.2f} "
            f"{role(e.cite)}. From a pre-test probability of {pct(pre_test)}, a **{result}** result gives "
            f"**{pct(post)}**.")
    return Markdown(text + "\n")


def record_lr_md(record_id: str, pre_test: float) -> Markdown:
    """What a likelihood ratio from the course's test data (label, value, interval, source) does to a pre-test probability."""
    a = accuracy_record(record_id)
    if a.lr_positive is None:
        raise ValueError(f"accuracy record {record_id!r} has no lr_positive; use test_md() for sensitivity/specificity")
    lr = a.lr_positive.value
    ci = f" (95 % CI {a.lr_positive.ci[0]:g}–{a.lr_positive.ci[1]:g})" if a.lr_positive.ci else ""
    post = accuracy.post_test_probability(pre_test, lr)
    return Markdown(f"**{a.label}:** LR+ = {lr:g}{ci} {role(a.cite)}. From a pre-test probability of "
                    f"{pct(pre_test)} it gives **{pct(post)}**.\n")


def herniation_md(disc: str, zone: str) -> Markdown:
    roots = affected_roots(disc, zone)
    return Markdown(f"A {zone.replace('_', '-')} herniation at {disc} reaches **{', '.join(roots)}**"
                   f" {role(['Poulsen_sundhed_rodaffektion'])}.\n")
