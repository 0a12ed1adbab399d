"""Clinical tests of the diagnosis chapter: loaded from ``data/tests.yaml`` and validated on load.

(Named ``tests_data`` so that it is never confused with the test suite.)

Public API
----------
:func:`load_tests`
    ``{test_id: ClinicalTest}`` in file order: SLR, crossed SLR, slump, femoral stretch, the
    neurological examination items.  Each test has its procedure, what counts as positive, its
    sensitising manoeuvres and a list of :class:`Accuracy` records, each with its population,
    reference standard, confidence, ``disputed`` note and citation.
:func:`accuracy_record`
    One accuracy record by id, e.g. ``accuracy_record("slr_mri_cohort")``.
:func:`calculator_entries`
    The records the diagnostic-accuracy calculator may use: both sensitivity and specificity
    given, not disputed, not unconfirmed, and neither equal to 0 or 1 (the likelihood ratios
    must be finite and non-zero).
:func:`slr_angles`
    What the sources say about SLR angles, as bands of hip flexion (``{"goddard": AngleFinding...}``):
    cadaver findings and the taught convention, each with its citation.
:func:`cite_keys`
    Every citation key the data uses.

Problems in the file raise :class:`TestDataError` naming the file, line, field and fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..datafile import Checker, DataError, data_file, per_language, read

DATA_FILE = data_file("tests.yaml")
CONFIDENCE = ("seen-primary", "seen-secondary", "unconfirmed")
KINDS = ("neurodynamic", "neurological")
ANGLE_KINDS = ("cadaver", "convention")


class TestDataError(DataError):
    """The test data file is incomplete or malformed (the message names file and field)."""

    __test__ = False  # not a pytest test class


@dataclass(frozen=True)
class Estimate:
    value: float
    ci: tuple[float, float] | None = None
    text: str | None = None

    def __str__(self) -> str:
        if self.text:
            return self.text
        out = f"{self.value:.2f}"
        if self.ci:
            out += f" ({self.ci[0]:.2f}–{self.ci[1]:.2f})"
        return out

    def formatted(self, digits: int = 2) -> str:
        if self.text:
            return self.text
        fmt = f"{{:.{digits}f}}"
        out = fmt.format(self.value)
        if self.ci:
            out += f" ({fmt.format(self.ci[0])}–{fmt.format(self.ci[1])})"
        return out


@dataclass(frozen=True)
class Accuracy:
    id: str
    test: str
    label: str
    population: str
    reference: str | None
    n: int | None
    sensitivity: Estimate | None
    specificity: Estimate | None
    lr_positive: Estimate | None
    range: str | None
    confidence: str
    disputed: str | None
    note: str
    cite: tuple[str, ...]

    @property
    def reference_text(self) -> str:
        from ..i18n import strings

        return self.reference or strings("tables")["not_stated"]

    @property
    def usable_in_calculator(self) -> bool:
        if self.sensitivity is None or self.specificity is None:
            return False
        if self.disputed or self.confidence == "unconfirmed":
            return False
        return 0 < self.sensitivity.value < 1 and 0 < self.specificity.value < 1


@dataclass(frozen=True)
class Sensitiser:
    name: str
    danish: str | None
    what: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class ClinicalTest:
    id: str
    name: str
    danish: str
    kind: str
    roots: tuple[str, ...]
    how: str
    positive: str
    positive_cite: tuple[str, ...]
    sensitisers: tuple[Sensitiser, ...]
    accuracy: tuple[Accuracy, ...]


@dataclass(frozen=True)
class AngleFinding:
    """A range of hip flexion (degrees) in the SLR that a source reports on."""

    id: str
    low: float
    high: float
    kind: str  # "cadaver" (a cadaver study's finding) or "convention" (taught, not validated)
    cite: tuple[str, ...]


def _check() -> Checker:
    return Checker(DATA_FILE, TestDataError)


def _fail(field: str, problem: str, fix: str, at: Any = None, key: Any = None) -> TestDataError:
    return _check().fail(field, problem, fix, at, key)


def _text(rec: dict, key: str, field: str, optional: bool = False) -> str | None:
    return _check().text(rec, key, field, optional=optional)


def _cite(rec: dict, field: str, key: str = "cite") -> tuple[str, ...]:
    return _check().cite(rec, field, key)


def _prob(value: Any, field: str, at: Any = None, key: Any = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise _fail(field, f"{value!r} is not a proportion between 0 and 1",
                    "write a proportion such as 0.85 (not 85 or 85 %)", at, key)
    return float(value)


def _estimate(rec: Any, field: str, proportion: bool = True) -> Estimate | None:
    if rec is None:
        return None
    if not isinstance(rec, dict) or "value" not in rec:
        raise _fail(field, "expected {value: ..., ci: [low, high] or null}",
                    "write e.g. '{value: 0.85, ci: [0.78, 0.90]}'", rec)
    check = _prob if proportion else (lambda v, f, at=None, key=None: float(v))
    value = check(rec["value"], f"{field}.value", rec, "value")
    ci = rec.get("ci")
    if ci is not None:
        if not isinstance(ci, list) or len(ci) != 2:
            raise _fail(f"{field}.ci", "expected [low, high] or null", "write 'ci: [low, high]' or 'ci: null'",
                        rec, "ci")
        low, high = (check(c, f"{field}.ci", rec, "ci") for c in ci)
        if not low <= value <= high:
            raise _fail(f"{field}.ci", f"{value} lies outside its interval [{low}, {high}]",
                        "check the estimate and its interval against the source", rec, "ci")
        ci = (low, high)
    return Estimate(value=value, ci=ci, text=rec.get("text"))


def _accuracy(test_id: str, rec: Any, field: str) -> Accuracy:
    _check().mapping(rec, field)
    confidence = _check().choice(rec, "confidence", field, CONFIDENCE)
    if "disputed" not in rec:
        raise _fail(f"{field}.disputed", "missing", "write 'disputed: false', or a sentence saying what is disputed",
                    rec)
    disputed = rec["disputed"]
    if disputed is not False and not (isinstance(disputed, str) and disputed.strip()):
        raise _fail(f"{field}.disputed", "must be false or a sentence",
                    "write 'disputed: false', or a sentence saying what is disputed", rec, "disputed")
    acc = Accuracy(
        id=_text(rec, "id", field),
        test=test_id,
        label=_text(rec, "label", field),
        population=_text(rec, "population", field),
        reference=_text(rec, "reference", field, optional=True),
        n=rec.get("n"),
        sensitivity=_estimate(rec.get("sensitivity"), f"{field}.sensitivity"),
        specificity=_estimate(rec.get("specificity"), f"{field}.specificity"),
        lr_positive=_estimate(rec.get("lr_positive"), f"{field}.lr_positive", proportion=False),
        range=_text(rec, "range", field, optional=True),
        confidence=confidence,
        disputed=" ".join(disputed.split()) if disputed else None,
        note=_text(rec, "note", field),
        cite=_cite(rec, field),
    )
    if acc.sensitivity is None and acc.specificity is None and acc.lr_positive is None and acc.range is None:
        raise _fail(field, "gives no figure", "add sensitivity/specificity, lr_positive or range", rec)
    if acc.n is not None and (not isinstance(acc.n, int) or isinstance(acc.n, bool) or acc.n <= 0):
        raise _fail(f"{field}.n", "must be a positive whole number or null",
                    "write the number of people studied, or 'n: null' if the source does not say", rec, "n")
    return acc


@per_language
def _raw() -> Any:
    return read("tests.yaml", TestDataError)


@per_language
def load_tests() -> dict[str, ClinicalTest]:
    """All tests, validated, in file order."""
    return parse(_raw())


@per_language
def slr_angles() -> dict[str, AngleFinding]:
    """The SLR angle findings of ``tests.yaml`` (``slr_angles``), by id, validated."""
    return parse_angles(_raw())


def parse_angles(raw: Any) -> dict[str, AngleFinding]:
    ck = _check()
    items = raw.get("slr_angles") if isinstance(raw, dict) else None
    if not isinstance(items, list) or not items:
        raise _fail("slr_angles", "missing", "list the SLR angle findings under 'slr_angles:'", raw)
    out: dict[str, AngleFinding] = {}
    for i, rec in enumerate(items):
        field = f"slr_angles[{i}]"
        ck.mapping(rec, field, items, i)
        ck.fields(rec, field, ("id", "low", "high", "kind", "cite"))
        low, high = ck.number(rec, "low", field, 0, 90), ck.number(rec, "high", field, 0, 90)
        if low >= high:
            raise _fail(field, f"low ({low:g}) is not below high ({high:g})", "give the range from low to high", rec)
        if rec["id"] in out:
            raise _fail(f"{field}.id", f"id {rec['id']!r} is used twice", "give every finding its own id", rec, "id")
        out[rec["id"]] = AngleFinding(id=rec["id"], low=low, high=high, kind=ck.choice(rec, "kind", field, ANGLE_KINDS),
                                      cite=ck.cite(rec, field))
    return out


def parse(raw: Any) -> dict[str, ClinicalTest]:
    """Validate the parsed YAML of the test data and build the records."""
    if not isinstance(raw, dict) or not isinstance(raw.get("tests"), dict):
        raise _fail("tests", "missing", "the file must hold a mapping 'tests:' of test id -> test", raw)
    out: dict[str, ClinicalTest] = {}
    seen: set[str] = set()
    for tid, rec in raw["tests"].items():
        field = f"tests.{tid}"
        _check().mapping(rec, field, raw["tests"], tid)
        kind = _check().choice(rec, "kind", field, KINDS)
        sens = tuple(
            Sensitiser(name=_text(s, "name", f"{field}.sensitisers[{i}]"), danish=s.get("danish"),
                       what=_text(s, "what", f"{field}.sensitisers[{i}]"), cite=_cite(s, f"{field}.sensitisers[{i}]"))
            for i, s in enumerate(rec.get("sensitisers") or [])
        )
        accs = tuple(_accuracy(tid, a, f"{field}.accuracy[{i}]") for i, a in enumerate(rec.get("accuracy") or []))
        for i, a in enumerate(accs):
            if a.id in seen:
                raise _fail(f"{field}.accuracy[{i}].id", f"id {a.id!r} is used twice",
                            "give every accuracy record an id of its own", rec.get("accuracy"), i)
            seen.add(a.id)
        out[tid] = ClinicalTest(
            id=tid, name=_text(rec, "name", field), danish=_text(rec, "danish", field), kind=kind,
            roots=tuple(rec.get("roots") or ()), how=_text(rec, "how", field), positive=_text(rec, "positive", field),
            positive_cite=_cite(rec, field, "positive_cite"), sensitisers=sens, accuracy=accs,
        )
    return out


def all_accuracy() -> list[Accuracy]:
    return [a for t in load_tests().values() for a in t.accuracy]


def accuracy_record(record_id: str) -> Accuracy:
    """One accuracy record by id; unknown ids raise ``KeyError`` listing the valid ones."""
    for a in all_accuracy():
        if a.id == record_id:
            return a
    raise KeyError(f"no accuracy record {record_id!r}; valid: {', '.join(a.id for a in all_accuracy())}")


def calculator_entries() -> list[Accuracy]:
    """The records with sensitivity and specificity that the calculator may use (see module doc)."""
    return [a for a in all_accuracy() if a.usable_in_calculator]


def cite_keys() -> set[str]:
    keys: set[str] = set()
    for t in load_tests().values():
        keys.update(t.positive_cite)
        for s in t.sensitisers:
            keys.update(s.cite)
        for a in t.accuracy:
            keys.update(a.cite)
    for finding in slr_angles().values():
        keys.update(finding.cite)
    return keys


def accuracy_table():
    """Every accuracy figure of the test data as one table (MyST Markdown) for the accuracy chapter: each record
    with its population, size, reference standard and source, its sensitivity and specificity with their 95 %
    confidence intervals, and its other figures (LR+, a range, a dispute, a figure quoted second-hand).

    Headers and joining words are in the current language (``strings/<lang>/accuracy_table.yaml``), numbers
    with its decimal mark, the data text from the data catalogue of that language."""
    from ..citations import labels as cite_labels
    from ..i18n import decimal, strings
    from ..markup import Table

    s = strings("accuracy_table")

    def show(est: Estimate | None) -> str:
        return decimal(est.formatted(2)) if est else "–"

    rows = []
    for a in all_accuracy():
        other = []
        if a.lr_positive:
            other.append(s["lr_positive"].format(lr=show(a.lr_positive)))
        if a.range:
            other.append(a.range)
        if a.disputed:
            other.append(s["disputed"].format(text=a.disputed))
        if a.confidence == "seen-secondary":
            other.append(s["secondary"])
        n = s["row_n"].format(n=a.n) if a.n else ""
        rows.append([s["row"].format(label=a.label, population=a.population, n=n, reference=a.reference_text,
                                     source=cite_labels(a.cite)),
                     show(a.sensitivity), show(a.specificity), "; ".join(other) or "–"])
    header = [s["col_test"], s["col_sensitivity"], s["col_specificity"], s["col_other"]]
    return Table(header, rows, [44, 14, 14, 28]).markdown()
