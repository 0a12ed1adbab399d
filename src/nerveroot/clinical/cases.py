"""Worked cases: the localiser, the accuracy calculator and the triage rule, in words.

Each helper returns a small MyST Markdown snippet (:class:`Markdown`) that the cases chapter glues
into its answer drop-downs, so every answer is computed by the same code as the interactive tools
and cannot drift from them.  The sentences are in the current language (``strings/<lang>/cases.yaml``),
their numbers with its decimal mark; the facts in them come from the data, in the same language.
"""

from __future__ import annotations

from ..citations import role
from ..i18n import decimal, strings
from ..markup import Markdown
from . import accuracy
from .localize import findings, localize
from .red_flags import triage
from .roots import affected_roots
from .tests_data import accuracy_record, calculator_entries


def _s() -> dict:
    return strings("cases")


def pct(p: float) -> str:
    return f"{100 * p:.0f} %"


def num(value: float, fmt: str = ".2f") -> str:
    """A number as the reader sees it: formatted, with the current language's decimal mark."""
    return decimal(format(value, fmt))


def findings_md(ids) -> Markdown:
    """The ticked findings as a list (their labels from the localiser's vocabulary)."""
    vocab = findings()
    return Markdown("\n".join(f"- {vocab[i].short[0].upper()}{vocab[i].short[1:]}" for i in ids) + "\n")


def triage_md(ids) -> Markdown:
    """The triage verdict for a set of red-flag ids, with reasons."""
    t = triage(ids)
    lines = [_s()["triage"].format(level=t.label, action=t.action), ""]
    lines += [f"- {r}" for r in t.reasons]
    return Markdown("\n".join(lines) + "\n")


def localise_md(ids) -> Markdown:
    """The localiser's verdict and its reasons for a set of finding ids."""
    r = localize(ids)
    keys: set[str] = set()
    vocab = findings()
    for i in ids:
        keys.update(vocab[i].cite)
    lines = [_s()["localiser"].format(verdict=r.verdict, cite=role(sorted(keys))), ""]
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
    s = _s()
    e = entry(entry_id)
    r = accuracy.evaluate(e.sensitivity.value, e.specificity.value, pre_test)
    post = r.post_positive if positive else r.post_negative
    text = s["test"].format(
        label=e.label, population=e.population, se=num(r.sensitivity), sp=num(r.specificity),
        lrp=num(r.lr_positive), lrn=num(r.lr_negative), cite=role(e.cite), pre=pct(pre_test),
        result=s["result_positive" if positive else "result_negative"], post=pct(post))
    return Markdown(text + "\n")


def record_lr_md(record_id: str, pre_test: float) -> Markdown:
    """What a likelihood ratio from the course's test data (label, value, interval, source) does to a pre-test probability."""
    s = _s()
    a = accuracy_record(record_id)
    if a.lr_positive is None:
        raise ValueError(f"accuracy record {record_id!r} has no lr_positive; use test_md() for sensitivity/specificity")
    lr = a.lr_positive.value
    ci = s["record_ci"].format(low=num(a.lr_positive.ci[0], "g"), high=num(a.lr_positive.ci[1], "g")) \
        if a.lr_positive.ci else ""
    post = accuracy.post_test_probability(pre_test, lr)
    return Markdown(s["record_lr"].format(label=a.label, lr=num(lr, "g"), ci=ci, cite=role(a.cite),
                                          pre=pct(pre_test), post=pct(post)) + "\n")


def herniation_md(disc: str, zone: str) -> Markdown:
    """Which root a herniation at ``disc`` in ``zone`` reaches (the zone named as in the herniation table)."""
    s = _s()
    roots = affected_roots(disc, zone)
    return Markdown(s["herniation"].format(zone=strings("tables")[f"zone_{zone}"].lower(), disc=disc,
                                           roots=s["roots_join"].join(roots),
                                           cite=role(["Poulsen_sundhed_rodaffektion"])) + "\n")


def slr_example_md(pre_test: float = 0.30, records=("slr_mri_cohort", "slr_surgical"),
                   crossed: str = "crossed_slr_surgical") -> Markdown:
    """The diagnosis chapter's worked example: a positive and a negative SLR with the figures of each
    population in ``records``, then what multiplying the LRs of a positive SLR (the first record) and a
    positive crossed SLR would give, an upper bound since the tests are not independent."""
    s = _s()
    lines = []
    for rid in records:
        a = accuracy_record(rid)
        r = accuracy.evaluate(a.sensitivity.value, a.specificity.value, pre_test)
        lines.append(s["slr_line"].format(
            label=a.label, se=num(a.sensitivity.value), sp=num(a.specificity.value), lrp=num(r.lr_positive),
            pre=pct(pre_test), post_pos=pct(r.post_positive), post_neg=pct(r.post_negative), lrn=num(r.lr_negative)))
    slr, other = accuracy_record(records[0]), accuracy_record(crossed)
    steps = accuracy.combine(pre_test, [accuracy.lr_positive(slr.sensitivity.value, slr.specificity.value),
                                        accuracy.lr_positive(other.sensitivity.value, other.specificity.value)])
    lines.append(s["crossed_line"].format(first=pct(steps[0]), second=pct(steps[1])))
    return Markdown("\n".join(lines))
