"""Sourced data points on prognosis (``data/prognosis.yaml``), loaded and validated.

Every point is a number a study reported, with its population, time point and outcome
definition; nothing is interpolated.  The prognosis chapter's figure
(:mod:`nerveroot.figures.prognosis`) and tables read this module.  :func:`load` raises
:class:`PrognosisDataError` listing every problem with its place in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

SOURCE = "src/nerveroot/data/prognosis.yaml"
DIRECTIONS = ("favourable", "unfavourable")
HERNIATION_TYPES = ("bulge", "protrusion", "extrusion", "sequestration", "all")
EFFECTS = ("worse", "better")


class PrognosisDataError(ValueError):
    """The prognosis data is incomplete or inconsistent (the message says where)."""


@dataclass(frozen=True)
class RecoveryPoint:
    id: str
    study: str
    design: str
    population: str
    when: str
    weeks: float
    outcome: str
    direction: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    weeks_high: float | None = None
    arm: str | None = None

    @property
    def is_range(self) -> bool:
        return self.value is None

    def value_text(self) -> str:
        if self.is_range:
            return f"{self.low:g}–{self.high:g} %"
        return f"{self.value:g} %"


@dataclass(frozen=True)
class RegressionPoint:
    id: str
    study: str
    type: str
    value: float
    outcome: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class TimingPoint:
    id: str
    study: str
    months: float
    outcome: str


@dataclass(frozen=True)
class Factor:
    id: str
    factor: str
    effect: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class Prognosis:
    time_points: dict[str, str]
    recovery: tuple[RecoveryPoint, ...]
    regression: tuple[RegressionPoint, ...]
    studies: dict[str, dict[str, str]]
    timing: tuple[TimingPoint, ...]
    factors: tuple[Factor, ...]

    def cite_keys(self) -> set[str]:
        keys = {p.study for p in (*self.recovery, *self.regression, *self.timing)}
        keys |= set(self.studies)
        keys |= {k for f in self.factors for k in f.cite}
        return keys


def _percent(problems, where, name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        problems.append(f"{where}: {name} must be a percentage between 0 and 100, not {value!r}")
        return False
    return True


def _fields(problems, where, rec, required, optional) -> bool:
    if not isinstance(rec, dict):
        problems.append(f"{where}: must be a mapping")
        return False
    missing = [k for k in required if k not in rec]
    unknown = [k for k in rec if k not in required + optional]
    if missing:
        problems.append(f"{where} lacks {', '.join(missing)}")
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(unknown)}")
    return not missing and not unknown


def _value_or_range(problems, where, rec) -> bool:
    has_value = "value" in rec
    has_range = "low" in rec or "high" in rec
    if has_value == has_range and not (has_value and "low" in rec and "high" in rec):
        if not has_value and not has_range:
            problems.append(f"{where}: give either 'value' or both 'low' and 'high'")
            return False
    ok = True
    for key in ("value", "low", "high"):
        if key in rec:
            ok &= _percent(problems, where, key, rec[key])
    if ("low" in rec) != ("high" in rec):
        problems.append(f"{where}: a range needs both 'low' and 'high'")
        return False
    if ok and "low" in rec and rec["low"] > rec["high"]:
        problems.append(f"{where}: low ({rec['low']}) is above high ({rec['high']})")
        return False
    if ok and "value" in rec and "low" in rec and not rec["low"] <= rec["value"] <= rec["high"]:
        problems.append(f"{where}: value {rec['value']} lies outside its interval {rec['low']}–{rec['high']}")
        return False
    return ok


def parse(raw, source: str = SOURCE) -> Prognosis:
    """Validate parsed YAML (every problem at once) and return the data."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise PrognosisDataError(f"{source}: expected a mapping")
    for key in ("time_points", "recovery", "regression", "studies", "timing", "factors"):
        if key not in raw:
            problems.append(f"{source}: lacks the section '{key}'")
    if problems:
        raise PrognosisDataError("\n".join(problems))
    time_points = {}
    for tp in raw["time_points"]:
        if _fields(problems, f"{source}: time_points", tp, ["id", "label"], []):
            time_points[tp["id"]] = tp["label"]
    ids: set[str] = set()

    def new_id(where, rec):
        if rec["id"] in ids:
            problems.append(f"{where}: duplicate id {rec['id']!r}")
        ids.add(rec["id"])

    recovery = []
    for i, rec in enumerate(raw["recovery"], start=1):
        where = f"{source}: recovery[{i}]" + (f" ({rec.get('id')})" if isinstance(rec, dict) else "")
        req = ["id", "study", "design", "population", "when", "weeks", "outcome", "direction"]
        if not _fields(problems, where, rec, req, ["value", "low", "high", "weeks_high", "arm"]):
            continue
        new_id(where, rec)
        if rec["when"] not in time_points:
            problems.append(f"{where}: when {rec['when']!r} is not a time point ({', '.join(time_points)})")
            continue
        if rec["direction"] not in DIRECTIONS:
            problems.append(f"{where}: direction must be one of {', '.join(DIRECTIONS)}")
            continue
        if not isinstance(rec["weeks"], (int, float)) or rec["weeks"] <= 0:
            problems.append(f"{where}: weeks must be a positive number")
            continue
        if "weeks_high" in rec and not rec["weeks_high"] > rec["weeks"]:
            problems.append(f"{where}: weeks_high must be after weeks")
            continue
        if not _value_or_range(problems, where, rec):
            continue
        recovery.append(RecoveryPoint(**rec))
    regression = []
    for i, rec in enumerate(raw["regression"], start=1):
        where = f"{source}: regression[{i}]" + (f" ({rec.get('id')})" if isinstance(rec, dict) else "")
        if not _fields(problems, where, rec, ["id", "study", "type", "value", "outcome"], ["low", "high"]):
            continue
        new_id(where, rec)
        if rec["type"] not in HERNIATION_TYPES:
            problems.append(f"{where}: type must be one of {', '.join(HERNIATION_TYPES)}")
            continue
        if not _value_or_range(problems, where, rec):
            continue
        if rec["study"] not in raw["studies"]:
            problems.append(f"{where}: study {rec['study']!r} is not described under 'studies'")
            continue
        regression.append(RegressionPoint(**rec))
    studies = {}
    for key, rec in raw["studies"].items():
        if _fields(problems, f"{source}: studies.{key}", rec, ["design", "population", "when"], []):
            studies[key] = dict(rec)
    timing = []
    for i, rec in enumerate(raw["timing"], start=1):
        where = f"{source}: timing[{i}]"
        if not _fields(problems, where, rec, ["id", "study", "months", "outcome"], []):
            continue
        new_id(where, rec)
        if not isinstance(rec["months"], (int, float)) or rec["months"] <= 0:
            problems.append(f"{where}: months must be a positive number")
            continue
        if rec["study"] not in raw["studies"]:
            problems.append(f"{where}: study {rec['study']!r} is not described under 'studies'")
            continue
        timing.append(TimingPoint(**rec))
    factors = []
    for i, rec in enumerate(raw["factors"], start=1):
        where = f"{source}: factors[{i}]"
        if not _fields(problems, where, rec, ["id", "factor", "effect", "cite"], []):
            continue
        new_id(where, rec)
        if rec["effect"] not in EFFECTS:
            problems.append(f"{where}: effect must be one of {', '.join(EFFECTS)}")
            continue
        if not isinstance(rec["cite"], list) or not rec["cite"]:
            problems.append(f"{where}: cite must be a non-empty list of keys of book/references.bib")
            continue
        factors.append(Factor(id=rec["id"], factor=rec["factor"], effect=rec["effect"], cite=tuple(rec["cite"])))
    if problems:
        raise PrognosisDataError("\n".join(problems))
    return Prognosis(time_points=time_points, recovery=tuple(recovery), regression=tuple(regression),
                     studies=studies, timing=tuple(timing), factors=tuple(factors))


@lru_cache(maxsize=None)
def load() -> Prognosis:
    """The validated data of ``data/prognosis.yaml``."""
    with (resources.files("nerveroot") / "data" / "prognosis.yaml").open(encoding="utf-8") as fh:
        return parse(yaml.safe_load(fh))


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _cite(key: str) -> str:
    return "{cite:t}`" + key + "`"


def recovery_table_markdown() -> str:
    """The symptom-course data points as a MyST pipe table (with citations)."""
    data = load()
    lines = ["| Study | Population and design | Time point | Outcome (the study's definition) | Result |",
             "| --- | --- | --- | --- | --- |"]
    for p in data.recovery:
        arm = f" ({_cell(p.arm)})" if p.arm else ""
        lines.append(f"| {_cite(p.study)} | {_cell(p.population)}; {_cell(p.design)} | "
                     f"{data.time_points[p.when]} | {_cell(p.outcome)}{arm} | {p.value_text()} |")
    return "\n".join(lines) + "\n"


TYPE_LABEL = {"bulge": "Bulge", "protrusion": "Protrusion", "extrusion": "Extrusion",
              "sequestration": "Sequestration", "all": "All types (pooled)"}


def regression_table_markdown() -> str:
    """Regression of herniations on imaging, by type, as a MyST pipe table."""
    data = load()
    lines = ["| Herniation type | Any regression | Complete resolution | Source |", "| --- | --- | --- | --- |"]
    for t in ("sequestration", "extrusion", "protrusion", "bulge", "all"):
        pts = [p for p in data.regression if p.type == t]
        if not pts:
            continue
        anyp = next((p for p in pts if p.outcome.startswith("any")), None)
        comp = next((p for p in pts if p.outcome.startswith("complete")), None)
        any_text = "" if anyp is None else f"{anyp.value:g} %" + (
            f" ({anyp.low:g}–{anyp.high:g} %)" if anyp.low is not None else "")
        comp_text = "not reported" if comp is None else f"{comp.value:g} %"
        studies = ", ".join(dict.fromkeys(_cite(p.study) for p in pts))
        lines.append(f"| {TYPE_LABEL[t]} | {any_text} | {comp_text} | {studies} |")
    return "\n".join(lines) + "\n"


def factors_markdown() -> str:
    """Prognostic factors as a MyST bullet list with citations."""
    return "\n".join(f"- {_cell(f.factor)} {{cite:p}}`{','.join(f.cite)}`" for f in load().factors) + "\n"
