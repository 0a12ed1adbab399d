"""Red flags and the triage rule: one source for the chapter, the triage aid and the localiser.

:func:`triage` turns a set of red-flag ids into a level (``emergency``, ``urgent``
or ``routine``) with the reasons.  The rule, applied in order:

1. any flag whose level is ``emergency`` → emergency;
2. a flag with ``escalate_with: G`` counts one level higher (watch → urgent,
   urgent → emergency) when another flag of group ``G`` is present too;
3. any (possibly escalated) ``urgent`` flag → urgent;
4. otherwise → routine (``watch`` flags alone are reported but do not escalate).

The same rule runs in the browser: the triage aid ships :func:`rule_data` as JSON
and its JavaScript evaluates it (tests check that both agree case by case).
This is a teaching aid, not a clinical decision tool.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..datafile import Checker, DataError, data_file, per_language, read

LEVELS = ("emergency", "urgent", "routine")
FLAG_LEVELS = ("emergency", "urgent", "watch")
_UP = {"watch": "urgent", "urgent": "emergency", "emergency": "emergency"}
SOURCE = data_file("red_flags.yaml")


@dataclass(frozen=True)
class Flag:
    id: str
    label: str
    group: str
    level: str
    cite: tuple[str, ...]
    danish: str | None = None
    stage: str | None = None
    escalate_with: str | None = None
    evidence: str | None = None
    #: The flag in a patient's own words, for the safety net (None for findings of the history).
    patient: str | None = None


@dataclass(frozen=True)
class Triage:
    level: str
    label: str
    action: str
    reasons: tuple[str, ...]
    flags: tuple[str, ...]
    groups: tuple[str, ...] = field(default=())


class RedFlagDataError(DataError):
    """``red_flags.yaml`` is incomplete or inconsistent (every problem: file, line, field, fix)."""


FLAG_FIELDS = ("label", "group", "level", "cite")
FLAG_OPTIONAL = ("danish", "stage", "escalate_with", "evidence", "patient")


def parse(raw) -> dict:
    """Validate the red-flag data (every problem at once) and build the records."""
    ck = Checker(SOURCE, RedFlagDataError, first_only=False)
    if ck.mapping(raw, "") is None:
        ck.done()
    for section in ("levels", "groups", "flags"):
        if not isinstance(raw.get(section), dict):
            raise ck.fail(section, "missing section", f"add the section '{section}:' (see the file's comments)", raw)
    levels, groups = raw["levels"], raw["groups"]
    if set(levels) != set(LEVELS):
        raise ck.fail("levels", f"must be exactly {', '.join(LEVELS)}, not {', '.join(levels)}",
                      "give each of the three levels a label, an action and citations", raw, "levels")
    for name, rec in levels.items():
        if ck.mapping(rec, f"levels.{name}", levels, name) is not None:
            ck.fields(rec, f"levels.{name}", ("label", "action", "cite"))
            ck.cite(rec, f"levels.{name}")
    for name, rec in groups.items():
        if ck.mapping(rec, f"groups.{name}", groups, name) is not None:
            ck.fields(rec, f"groups.{name}", ("label", "cite"), ("danish",))
            ck.cite(rec, f"groups.{name}")
    flags: dict[str, Flag] = {}
    for fid, rec in raw["flags"].items():
        field = f"flags.{fid}"
        if ck.mapping(rec, field, raw["flags"], fid) is None or not ck.fields(rec, field, FLAG_FIELDS, FLAG_OPTIONAL):
            continue
        ok = ck.text(rec, "label", field) is not None
        ok &= ck.choice(rec, "level", field, FLAG_LEVELS) is not None
        for key in ("group", "escalate_with"):
            if key in rec and rec[key] is not None:
                ok &= ck.choice(rec, key, field, groups) is not None
        ok &= ck.cite(rec, field) is not None
        if ok:
            flags[fid] = Flag(id=fid, cite=tuple(rec["cite"]), **{k: v for k, v in rec.items() if k != "cite"})
    ck.done()
    return {"levels": levels, "groups": groups, "flags": flags}


@per_language
def load() -> dict:
    """The validated red-flag data: ``{"levels": ..., "groups": ..., "flags": {id: Flag}}``."""
    return parse(read("red_flags.yaml", RedFlagDataError))


def flags() -> dict[str, Flag]:
    return load()["flags"]


def _check(ids) -> list[str]:
    known = flags()
    ids = list(dict.fromkeys(ids))
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ValueError(f"unknown red flag(s): {', '.join(map(repr, unknown))}; valid: {', '.join(known)}")
    return ids


def effective_level(flag: Flag, present: set[str]) -> str:
    """A flag's level once the escalation rule has been applied."""
    if flag.escalate_with:
        partners = {f for f in present if f != flag.id and flags()[f].group == flag.escalate_with}
        if partners:
            return _UP[flag.level]
    return flag.level


def reasons(ids, lang: str | None = None) -> list[str]:
    """Why each ticked flag counts, in the triage tool's words (strings/<lang>/triage.yaml); the browser
    builds the same sentences (tests/test_browser_parity.py)."""
    from ..i18n import strings

    ids = _check(ids)
    data = load()
    present = set(ids)
    s = strings("triage", lang)
    out = []
    for fid in ids:
        flag = data["flags"][fid]
        group = data["groups"][flag.group]["label"].lower()
        lvl = effective_level(flag, present)
        if lvl == "watch":
            out.append(s["reason_watch"].format(label=flag.label, group=group))
        elif lvl != flag.level:
            out.append(s["reason_escalated"].format(label=flag.label, group=group, level=s["level_word_" + lvl]))
        else:
            out.append(s["reason_flag"].format(label=flag.label, group=group, level=s["level_word_" + lvl]))
    if not ids:
        out.append(s["reason_none"])
    return out


def triage(ids) -> Triage:
    """Triage a set of red-flag ids. Unknown ids raise ``ValueError`` listing the valid ones."""
    ids = _check(ids)
    data = load()
    present = set(ids)
    levels = {fid: effective_level(data["flags"][fid], present) for fid in ids}
    if any(v == "emergency" for v in levels.values()):
        result = "emergency"
    elif any(v == "urgent" for v in levels.values()):
        result = "urgent"
    else:
        result = "routine"
    groups = tuple(dict.fromkeys(data["flags"][f].group for f in ids if levels[f] != "watch"))
    lv = data["levels"][result]
    return Triage(level=result, label=lv["label"], action=lv["action"].strip(), reasons=tuple(reasons(ids)),
                  flags=tuple(ids), groups=groups)


def safety_net() -> list[Flag]:
    """The flags a patient must be told to act on the same day, in the data's order.

    Every flag whose level is ``emergency`` on its own and that a patient can notice (it has a
    ``patient`` wording). The talking-with-patients chapter, the home programme and the handout all
    list exactly these, so a change of level in the data changes every safety net.
    """
    return [f for f in flags().values() if f.level == "emergency" and f.patient]


def safety_net_items(lang: str | None = None) -> list[str]:
    """The same-day warning signs in a patient's words (see :func:`safety_net`)."""
    return [f.patient for f in safety_net()]


def safety_net_sentence(lang: str | None = None) -> str:
    """The safety net as one sentence, for a printed sheet."""
    from ..i18n import strings

    s = strings("safety_net", lang)
    items = safety_net_items(lang)
    listed = "; ".join(items[:-1]) + f"; {s['last_joiner']} " + items[-1]
    return f"{s['intro']}: {listed}."


def safety_net_cite() -> tuple[str, ...]:
    """The sources of every sign in the safety net, in order of first use."""
    return tuple(dict.fromkeys(k for f in safety_net() for k in f.cite))


def rule_data() -> dict:
    """Everything the browser needs to run :func:`triage` itself (shipped as JSON)."""
    data = load()
    return {
        "levels": {k: {"label": v["label"], "action": v["action"].strip()} for k, v in data["levels"].items()},
        "groups": {k: {"label": v["label"]} for k, v in data["groups"].items()},
        "flags": {
            f.id: {"label": f.label, "group": f.group, "level": f.level, "escalate_with": f.escalate_with}
            for f in data["flags"].values()
        },
        "order": list(LEVELS),
    }
