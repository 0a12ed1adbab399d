"""The root localiser: which of L4, L5 and S1 do a patient's findings point to, and why.

``localize(["reduced_achilles_reflex", "weak_plantar_flexion"])`` returns a :class:`Localisation`:

* ``status``: ``"urgent"`` when a red-flag finding was ticked (then ``triage`` holds the verdict
  of :func:`nerveroot.clinical.red_flags.triage`, which comes **before** any ranking), else
  ``"localised"`` or ``"not_localising"``;
* ``ranking``: every root with its score and reasons (supporting findings with their weights,
  and the findings that point elsewhere), best first;
* ``verdict`` and ``reasons``: the same in words.

The algorithm (shared, step for step, with ``assets/js/nr-localiser.js``, which receives
:func:`rule_data` as JSON and contains no weights of its own):

1. Unknown finding ids raise ``ValueError`` listing the valid ones.  Duplicates count once, and
   findings are taken in vocabulary order (so the reasons read the same whatever the ticking order).
2. Red-flag findings (ids of ``red_flags.yaml``) go to :func:`red_flags.triage`; if its level is
   emergency or urgent, the status is ``"urgent"``.  They never add to a root's score.
3. Each root's score is the sum of the weights of the ticked findings for it (``findings.yaml``).
4. Roots are ranked by score, ties in anatomical order (L4, L5, S1).
5. Unless urgent, the status is ``"localised"`` if the best score is at least ``min_score`` and
   leads the second by at least ``min_margin``; otherwise ``"not_localising"`` ("weak" when the
   best score is too low, "conflicting" when two roots are too close).

A teaching aid that makes reasoning visible; it is not a validated clinical prediction rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..datafile import Checker, DataError, data_file, per_language, read
from ..i18n import DEFAULT_LANG, strings, use_language
from . import red_flags
from .roots import load_roots

DATA_FILE = data_file("findings.yaml")
URGENT_LEVELS = ("emergency", "urgent")


class FindingsDataError(DataError):
    """The findings vocabulary is malformed (the message names file and field)."""


@dataclass(frozen=True)
class Finding:
    id: str
    group: str
    label: str
    meaning: str
    weights: dict
    cite: tuple[str, ...]
    short: str = ""
    red_flag: bool = False
    source: str | None = None  # e.g. "roots.yaml: L5.reflex"


def _fail(field: str, problem: str, fix: str, at: Any = None, key: Any = None) -> FindingsDataError:
    return Checker(DATA_FILE, FindingsDataError).fail(field, problem, fix, at, key)


def _root_field_text(root, field: str) -> tuple[str, tuple[str, ...]]:
    """Text and citation keys of one field of a root record in roots.yaml."""
    if field == "dermatome":
        return root.dermatome.summary, root.dermatome.cite
    if field == "dermatome_variants":
        return " | ".join(v.extent for v in root.dermatome.variants), tuple(k for v in root.dermatome.variants for k in v.cite)
    if field == "muscles":
        return " | ".join(m.movement for m in root.muscles), tuple(k for m in root.muscles for k in m.cite)
    if field == "reflex":
        return root.reflex.name, root.reflex.cite
    if field == "pain":
        return root.pain.summary, root.pain.cite
    raise KeyError(field)


@per_language
def load() -> dict:
    """The validated vocabulary: ``{"roots", "rule", "groups", "findings": {id: Finding}}``."""
    return parse(read("findings.yaml", FindingsDataError))


def parse(raw: Any) -> dict:
    """Validate the parsed vocabulary (its red flags and root facts against their own data files)."""
    ck = Checker(DATA_FILE, FindingsDataError)
    ck.mapping(raw, "")
    ck.fields(raw, "", ("roots", "rule", "groups", "findings"))
    roots = tuple(raw["roots"])
    rule = ck.mapping(raw["rule"], "rule", raw, "rule")
    for key in ("min_score", "min_margin"):
        ck.number(rule, key, "rule", low=0)
    groups = ck.mapping(raw["groups"], "groups", raw, "groups")
    flags = red_flags.flags()
    root_records = load_roots()
    with use_language(DEFAULT_LANG):  # 'expect' quotes the English record; the translated one says it in its own words
        english_records = load_roots()
    findings: dict[str, Finding] = {}
    for fid, rec in ck.mapping(raw["findings"], "findings", raw, "findings").items():
        field = f"findings.{fid}"
        ck.mapping(rec, field, raw["findings"], fid)
        ck.choice(rec, "group", field, groups)
        if rec.get("red_flag"):
            if fid not in flags:
                raise _fail(field, f"red flag {fid!r} is not an id of red_flags.yaml",
                            f"use the id of a red flag ({', '.join(flags)}), or drop 'red_flag: true'",
                            raw["findings"], fid)
            flag = flags[fid]
            findings[fid] = Finding(id=fid, group=rec["group"], label=flag.label, meaning=flag.label,
                                    weights={}, cite=flag.cite, red_flag=True, short=flag.label, source=f"red_flags.yaml: {fid}")
            continue
        for key in ("label", "short", "meaning"):
            ck.text(rec, key, field)
        weights = rec.get("weights")
        if not isinstance(weights, dict):
            raise _fail(f"{field}.weights", "missing", "give a weight per root it points to; use {} for a finding "
                        "that does not localise", rec)
        for root in weights:
            if root not in roots:
                raise _fail(f"{field}.weights", f"{root!r} is not a ranked root",
                            f"use the roots {', '.join(roots)}", weights, root)
            ck.number(weights, root, f"{field}.weights")
        cite = list(ck.cite(rec, field) if rec.get("cite") else [])
        source = None
        src = rec.get("from")
        if src:
            root = root_records.get(src["root"])
            if root is None:
                raise _fail(f"{field}.from.root", f"{src['root']!r} is not in roots.yaml",
                            f"use one of {', '.join(root_records)}", src, "root")
            try:
                text, keys = _root_field_text(english_records[src["root"]], src["field"])
            except (KeyError, AttributeError) as exc:
                raise _fail(f"{field}.from.field", f"roots.yaml has no usable field {src['field']!r} for {src['root']}",
                            "use dermatome, dermatome_variants, muscles, reflex or pain", src, "field") from exc
            if src["expect"].lower() not in text.lower():
                raise _fail(f"{field}.from", f"roots.yaml {src['root']}.{src['field']} ({text!r}) does not mention "
                            f"{src['expect']!r}", "the finding must match the root's record: correct 'expect' or "
                            "the finding", src, "expect")
            cite = list(dict.fromkeys([*keys, *cite]))
            source = f"roots.yaml: {src['root']}.{src['field']}"
        if not cite:
            raise _fail(f"{field}.cite", "no citation (neither from roots.yaml nor here)",
                        "add 'cite: [...]' with keys of book/references.bib, or 'from:' a root's record", rec)
        findings[fid] = Finding(id=fid, group=rec["group"], label=" ".join(rec["label"].split()),
                                meaning=" ".join(rec["meaning"].split()), short=rec["short"], weights=dict(weights), cite=tuple(cite),
                                source=source)
    return {"roots": roots, "rule": rule, "groups": groups, "findings": findings}


def findings() -> dict[str, Finding]:
    return load()["findings"]


def rule_data(lang: str | None = None) -> dict:
    """Everything the browser needs to run :func:`localize` itself: shipped as JSON."""
    data = load()
    s = strings("localiser", lang)
    return {
        "roots": list(data["roots"]),
        "order": list(data["findings"]),
        "rule": {"min_score": data["rule"]["min_score"], "min_margin": data["rule"]["min_margin"]},
        "findings": {f.id: {"label": f.label, "short": short_label(f), "group": f.group, "weights": f.weights,
                            "red_flag": f.red_flag} for f in data["findings"].values()},
        "triage": red_flags.rule_data(),
        "urgent_levels": list(URGENT_LEVELS),
        "strings": {k: s[k] for k in JS_STRINGS},
    }


#: Strings the browser uses to write the same verdict and reasons as Python.
JS_STRINGS = ("verdict_localised", "verdict_weak", "verdict_conflicting", "verdict_none", "verdict_urgent",
              "reason_root", "reason_support", "reason_against", "reason_nothing", "reason_neutral",
              "points_to", "urgent_then", "reason_flag")


def short_label(f: Finding) -> str:
    """The label as it reads in a sentence, e.g. 'reduced Achilles reflex'."""
    return f.short


@dataclass(frozen=True)
class RootScore:
    root: str
    score: float
    support: tuple[tuple[str, float], ...]   # (finding id, weight)
    against: tuple[str, ...]                  # finding ids that point to other roots only

    def as_dict(self) -> dict:
        return {"root": self.root, "score": self.score, "support": [list(x) for x in self.support],
                "against": list(self.against)}


@dataclass(frozen=True)
class Localisation:
    status: str                      # "urgent", "localised" or "not_localising"
    root: str | None                 # the localised root, if any
    why: str | None                  # "weak", "conflicting" or "none" when not localising
    ranking: tuple[RootScore, ...]
    red_flags: tuple[str, ...]
    triage: red_flags.Triage | None
    verdict: str
    reasons: tuple[str, ...]
    neutral: tuple[str, ...]         # ticked findings that support root involvement but no root

    def as_dict(self) -> dict:
        """Plain data, comparable with what the browser computes."""
        return {"status": self.status, "root": self.root, "why": self.why,
                "ranking": [r.as_dict() for r in self.ranking], "red_flags": list(self.red_flags),
                "triage": self.triage.level if self.triage else None,
                "verdict": self.verdict, "reasons": list(self.reasons)}


def _fmt(x: float) -> str:
    return f"{x:g}"


def localize(ticked, lang: str | None = None) -> Localisation:
    """Rank L4, L5 and S1 for a set of finding ids (see the module doc for the rule)."""
    data = load()
    s = strings("localiser", lang)
    vocab = data["findings"]
    if isinstance(ticked, str):
        ticked = [ticked]
    ids = list(dict.fromkeys(ticked))
    unknown = [i for i in ids if i not in vocab]
    if unknown:
        raise ValueError(f"unknown finding(s): {', '.join(map(repr, unknown))}; valid findings: {', '.join(vocab)}")
    order = list(vocab)
    ids.sort(key=order.index)  # reasons list findings in vocabulary order, whatever order they were ticked in
    flags = [i for i in ids if vocab[i].red_flag]
    scored = [i for i in ids if not vocab[i].red_flag]
    tri = red_flags.triage(flags) if flags else None
    urgent = tri is not None and tri.level in URGENT_LEVELS

    ranking = []
    for root in data["roots"]:
        support = tuple((i, vocab[i].weights[root]) for i in scored if vocab[i].weights.get(root))
        against = tuple(i for i in scored if vocab[i].weights and not vocab[i].weights.get(root))
        ranking.append(RootScore(root, float(sum(w for _, w in support)), support, against))
    root_order = {r: k for k, r in enumerate(data["roots"])}
    ranking.sort(key=lambda r: (-r.score, root_order[r.root]))
    best, second = ranking[0], ranking[1]
    rule = data["rule"]

    root = why = None
    if not any(vocab[i].weights for i in scored):
        why = "none"
        verdict = s["verdict_none"]
    elif best.score < rule["min_score"]:
        why = "weak"
        verdict = s["verdict_weak"].format(root=best.root, score=_fmt(best.score), min_score=_fmt(rule["min_score"]))
    elif best.score - second.score < rule["min_margin"]:
        why = "conflicting"
        verdict = s["verdict_conflicting"].format(root=best.root, score=_fmt(best.score), second=second.root,
                                                  second_score=_fmt(second.score), min_margin=_fmt(rule["min_margin"]))
    else:
        root = best.root
        verdict = s["verdict_localised"].format(root=best.root, score=_fmt(best.score), second=second.root,
                                                second_score=_fmt(second.score))
    status = "urgent" if urgent else ("localised" if root else "not_localising")
    if urgent:
        verdict = s["verdict_urgent"].format(level=tri.label, action=tri.action) + " " + s["urgent_then"] + " " + verdict

    reasons = []
    if urgent:
        reasons.extend(s["reason_flag"].format(label=vocab[i].label) for i in flags)
    for r in ranking:
        reasons.append(root_reason(r, vocab, s))
    neutral = tuple(i for i in scored if not vocab[i].weights)
    if neutral:
        reasons.append(s["reason_neutral"].format(findings="; ".join(short_label(vocab[i]) for i in neutral)))
    return Localisation(status=status, root=root, why=why, ranking=tuple(ranking), red_flags=tuple(flags),
                        triage=tri, verdict=verdict, reasons=tuple(reasons), neutral=neutral)


def root_reason(r: RootScore, vocab: dict, s: dict) -> str:
    parts = [s["reason_root"].format(root=r.root, score=_fmt(r.score))]
    if r.support:
        parts.append(s["reason_support"].format(
            findings="; ".join(f"{short_label(vocab[i])} (+{_fmt(w)})" for i, w in r.support)))
    else:
        parts.append(s["reason_nothing"])
    if r.against:
        items = []
        for i in r.against:
            others = "/".join(k for k in load()["roots"] if vocab[i].weights.get(k))
            items.append(s["points_to"].format(finding=short_label(vocab[i]), roots=others))
        parts.append(s["reason_against"].format(findings="; ".join(items)))
    return " ".join(parts)
