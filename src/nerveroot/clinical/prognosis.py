"""Sourced data points on prognosis (``data/prognosis.yaml``), loaded and validated.

Every point is a number a study reported, with its population, time point and outcome
definition; nothing is interpolated.  The prognosis chapter's figure
(:mod:`nerveroot.figures.prognosis`) and tables read this module.  :func:`load` raises
:class:`PrognosisDataError` listing every problem with its place in the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..citations import role
from ..datafile import Checker, DataError, data_file, per_language, read
from ..markup import Markdown, Table

SOURCE = data_file("prognosis.yaml")
DIRECTIONS = ("favourable", "unfavourable")
HERNIATION_TYPES = ("bulge", "protrusion", "extrusion", "sequestration", "all")
EFFECTS = ("worse", "better")


class PrognosisDataError(DataError):
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
    #: ``any`` (any regression) or ``complete`` (complete resolution): what the number counts
    measure: str
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


def _percent(ck: Checker, where: str, name: str, rec: dict) -> bool:
    value = rec[name]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        ck.problem(f"{where}.{name}", f"must be a percentage between 0 and 100, not {value!r}",
                   "write the percentage the study reported, as a number (70 for 70 %)", rec, name)
        return False
    return True


def _value_or_range(ck: Checker, where: str, rec: dict) -> bool:
    if "value" not in rec and "low" not in rec and "high" not in rec:
        ck.problem(where, "gives no number", "give either 'value' or both 'low' and 'high'", rec)
        return False
    ok = True
    for key in ("value", "low", "high"):
        if key in rec:
            ok &= _percent(ck, where, key, rec)
    if ("low" in rec) != ("high" in rec):
        ck.problem(where, "a range needs both 'low' and 'high'", "add the missing end of the range", rec)
        return False
    if ok and "low" in rec and rec["low"] > rec["high"]:
        ck.problem(where, f"low ({rec['low']}) is above high ({rec['high']})", "swap them", rec, "low")
        return False
    if ok and "value" in rec and "low" in rec and not rec["low"] <= rec["value"] <= rec["high"]:
        ck.problem(where, f"value {rec['value']} lies outside its interval {rec['low']}–{rec['high']}",
                   "check the value and its interval against the source", rec, "value")
        return False
    return ok


def _study(ck: Checker, where: str, rec: dict, studies: dict | None = None) -> bool:
    """The ``study`` of a point: a citation key (described under ``studies`` when asked)."""
    if ck.cite({"study": [rec["study"]]} if isinstance(rec["study"], str) else rec, where, "study") is None:
        return False
    if studies is not None and rec["study"] not in studies:
        ck.problem(f"{where}.study", f"study {rec['study']!r} is not described under 'studies'",
                   f"add '{rec['study']}:' with design, population and when under 'studies:'", rec, "study")
        return False
    return True


def parse(raw, source: str = SOURCE) -> Prognosis:
    """Validate parsed YAML (every problem at once) and return the data."""
    ck = Checker(source, PrognosisDataError, first_only=False)
    if not isinstance(raw, dict):
        raise ck.fail(None, "expected a mapping", "the file holds the sections time_points, recovery, ...", raw)
    for key in ("time_points", "recovery", "regression", "studies", "timing", "factors"):
        if key not in raw:
            ck.problem(None, f"lacks the section '{key}'", f"add '{key}:' (it may be empty: '{key}: []')", raw)
    ck.done()
    time_points = {}
    for i, tp in enumerate(raw["time_points"]):
        if ck.mapping(tp, f"time_points[{i}]", raw["time_points"], i) is not None \
                and ck.fields(tp, f"time_points[{i}]", ["id", "label"]):
            time_points[tp["id"]] = tp["label"]
    ids: set[str] = set()

    def record(section: str, i: int, rec, required: list[str], optional: list[str] = ()) -> str | None:
        """The field path of a point, once its fields are complete and its id is new (else None)."""
        where = f"{section}[{i}]" + (f" ({rec.get('id')})" if isinstance(rec, dict) and rec.get("id") else "")
        if ck.mapping(rec, where, raw[section], i) is None or not ck.fields(rec, where, required, optional):
            return None
        if rec["id"] in ids:
            ck.problem(f"{where}.id", f"duplicate id {rec['id']!r}", "give every data point an id of its own",
                       rec, "id")
        ids.add(rec["id"])
        return where

    recovery = []
    for i, rec in enumerate(raw["recovery"]):
        where = record("recovery", i, rec, ["id", "study", "design", "population", "when", "weeks", "outcome",
                                             "direction"], ["value", "low", "high", "weeks_high", "arm"])
        if where is None or not _study(ck, where, rec):
            continue
        if rec["when"] not in time_points:
            ck.problem(f"{where}.when", f"when {rec['when']!r} is not a time point ({', '.join(time_points)})",
                       "use the id of one of the time_points", rec, "when")
            continue
        if ck.choice(rec, "direction", where, DIRECTIONS) is None:
            continue
        if not isinstance(rec["weeks"], (int, float)) or rec["weeks"] <= 0:
            ck.problem(f"{where}.weeks", "weeks must be a positive number", "write the time point in weeks",
                       rec, "weeks")
            continue
        if "weeks_high" in rec and not rec["weeks_high"] > rec["weeks"]:
            ck.problem(f"{where}.weeks_high", "weeks_high must be after weeks", "give the end of the period",
                       rec, "weeks_high")
            continue
        if not _value_or_range(ck, where, rec):
            continue
        recovery.append(RecoveryPoint(**rec))
    regression = []
    for i, rec in enumerate(raw["regression"]):
        where = record("regression", i, rec, ["id", "study", "type", "value", "measure", "outcome"], ["low", "high"])
        if where is None:
            continue
        if ck.choice(rec, "type", where, HERNIATION_TYPES) is None or \
                ck.choice(rec, "measure", where, ("any", "complete")) is None:
            continue
        if not _value_or_range(ck, where, rec) or not _study(ck, where, rec, raw["studies"]):
            continue
        regression.append(RegressionPoint(**rec))
    studies = {}
    for key, rec in raw["studies"].items():
        if ck.mapping(rec, f"studies.{key}", raw["studies"], key) is not None \
                and ck.fields(rec, f"studies.{key}", ["design", "population", "when"]) \
                and _study(ck, f"studies.{key}", {"study": key}):
            studies[key] = dict(rec)
    timing = []
    for i, rec in enumerate(raw["timing"]):
        where = record("timing", i, rec, ["id", "study", "months", "outcome"])
        if where is None:
            continue
        if not isinstance(rec["months"], (int, float)) or rec["months"] <= 0:
            ck.problem(f"{where}.months", "months must be a positive number", "write the time in months",
                       rec, "months")
            continue
        if not _study(ck, where, rec, raw["studies"]):
            continue
        timing.append(TimingPoint(**rec))
    factors = []
    for i, rec in enumerate(raw["factors"]):
        where = record("factors", i, rec, ["id", "factor", "effect", "cite"])
        if where is None:
            continue
        if ck.choice(rec, "effect", where, EFFECTS) is None or ck.cite(rec, where) is None:
            continue
        factors.append(Factor(id=rec["id"], factor=rec["factor"], effect=rec["effect"], cite=tuple(rec["cite"])))
    ck.done()
    return Prognosis(time_points=time_points, recovery=tuple(recovery), regression=tuple(regression),
                     studies=studies, timing=tuple(timing), factors=tuple(factors))


@per_language
def load() -> Prognosis:
    """The validated data of ``data/prognosis.yaml``."""
    return parse(read("prognosis.yaml", PrognosisDataError))


def recovery_table_markdown() -> Markdown:
    """The symptom-course data points as a MyST table (with citations)."""
    s = _words()
    data = load()
    rows = [[role([p.study], "t"), f"{p.population}; {p.design}", data.time_points[p.when],
             p.outcome + (f" ({p.arm})" if p.arm else ""), p.value_text()] for p in data.recovery]
    return Table([s[f"prognosis_col_{k}"] for k in ("study", "population", "time", "outcome", "result")],
                 rows).markdown()


def _words() -> dict:
    """The tables' own words, in the current language (``strings/<lang>/tables.yaml``)."""
    from ..i18n import strings

    return strings("tables")


def type_label(kind: str) -> str:
    """A herniation type's name ("Bulge"...), in the current language."""
    return _words()[f"type_{kind}"]


def regression_table_markdown() -> Markdown:
    """Regression of herniations on imaging, by type, as a MyST table."""
    data = load()
    rows = []
    for t in ("sequestration", "extrusion", "protrusion", "bulge", "all"):
        pts = [p for p in data.regression if p.type == t]
        if not pts:
            continue
        anyp = next((p for p in pts if p.measure == "any"), None)
        comp = next((p for p in pts if p.measure == "complete"), None)
        any_text = "" if anyp is None else f"{anyp.value:g} %" + (
            f" ({anyp.low:g}–{anyp.high:g} %)" if anyp.low is not None else "")
        comp_text = _words()["regression_not_reported"] if comp is None else f"{comp.value:g} %"
        studies = ", ".join(dict.fromkeys(role([p.study], "t") for p in pts))
        rows.append([type_label(t), any_text, comp_text, studies])
    s = _words()
    return Table([s[f"regression_col_{k}"] for k in ("type", "any", "complete", "source")], rows).markdown()


def factors_markdown() -> Markdown:
    """Prognostic factors as a MyST bullet list with citations."""
    return Markdown("\n".join(f"- {' '.join(f.factor.split())} {role(f.cite)}" for f in load().factors) + "\n")
