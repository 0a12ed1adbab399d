"""The symptom -> cause -> action table: data, consistency with the triage rule, and the generated table."""

import re

import pytest
import yaml

from nerveroot.clinical import red_flags, symptoms
from nerveroot.clinical.symptoms import SymptomDataError, parse


def bib_keys(root):
    return set(re.findall(r"@\w+\{([^,]+),", (root / "book" / "references.bib").read_text()))


def test_rows_load_and_cite_the_bibliography(root):
    rows = symptoms.load()
    assert len(rows) >= 12
    keys = bib_keys(root)
    for row in rows:
        assert row.cite and set(row.cite) <= keys, row.id


def test_every_urgent_row_names_red_flags_and_agrees_with_the_triage_rule():
    rows = symptoms.load()
    for row in rows:
        if row.level != "routine":
            assert row.flags, row.id
        if row.flags:
            assert red_flags.triage(row.flags).level == row.level, row.id
    # every level is represented, and the cauda equina flags all have a row
    assert {r.level for r in rows} == {"routine", "urgent", "emergency"}
    covered = {f for r in rows for f in r.flags}
    ces = {f.id for f in red_flags.flags().values() if f.group == "cauda_equina"}
    assert ces <= covered


def test_retention_is_an_emergency_but_described_as_late():
    row = next(r for r in symptoms.load() if "urinary_retention" in r.flags)
    assert row.level == "emergency" and "late" in row.cause
    assert red_flags.flags()["urinary_retention"].stage == "late"


def list_table_rows(text):
    """Rows of a MyST list-table as lists of cell texts."""
    rows = []
    for line in text.splitlines():
        if line.startswith("* - "):
            rows.append([line[4:]])
        elif line.startswith("  - "):
            rows[-1].append(line[4:])
    return rows


def test_table_is_a_longtable_with_one_row_per_symptom_and_its_citations():
    text = symptoms.table_markdown()
    assert text.startswith("```{list-table}\n:header-rows: 1\n:class: longtable")  # breaks across PDF pages
    rows = list_table_rows(text)
    assert rows[0] == ["Symptom or finding", "Possible cause", "What to do now"]
    assert len(rows) == 1 + len(symptoms.load())
    for cells, row in zip(rows[1:], symptoms.load()):
        assert len(cells) == 3
        assert cells[0].startswith(row.symptom)
        assert cells[1].endswith("{cite:p}`" + ",".join(row.cite) + "`")
        assert cells[2].startswith("**" + symptoms.level_text(row.level) + ".**")
    assert "*ridebukseanæstesi*" in text


def _raw():
    return {"rows": [{"id": "x", "symptom": "s", "cause": "c", "action": "a", "level": "routine", "cite": ["Koes2007"]}]}


def test_parse_accepts_a_minimal_row():
    (row,) = parse(_raw(), "t.yaml")
    assert row.level == "routine" and row.flags == ()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"level": "emergency"}, "a emergency row must name the red flags"),
        ({"level": "urgent", "flags": ["saddle_anaesthesia"]}, "the triage rule gives 'emergency'"),
        ({"flags": ["headache"]}, "unknown red flag(s) 'headache'"),
        ({"level": "soon"}, "level: 'soon' is not one of emergency, urgent, routine"),
        ({"cite": []}, "cite: missing or empty"),
        ({"colour": "red"}, "colour: unknown field. Fix: remove or rename it"),
        ({"symptom": "  "}, "symptom: must be non-empty text"),
    ],
)
def test_parse_rejects_bad_rows_and_says_where(change, message):
    raw = _raw()
    raw["rows"][0].update(change)
    with pytest.raises(SymptomDataError) as err:
        parse(raw, "t.yaml")
    assert str(err.value).startswith("t.yaml: rows[0] (x).")
    assert ". Fix: " in str(err.value)  # every problem says how to fix it
    assert message in str(err.value)


def test_parse_reports_missing_fields_and_duplicates_together():
    raw = _raw()
    raw["rows"].append(dict(raw["rows"][0]))
    raw["rows"].append({"id": "y", "symptom": "s"})
    with pytest.raises(SymptomDataError) as err:
        parse(raw, "t.yaml")
    text = str(err.value)
    assert "rows[1] (x).id: duplicate id" in text and "rows[2] (y): lacks cause, action, level, cite" in text


def test_parse_rejects_a_file_without_rows():
    with pytest.raises(SymptomDataError, match="non-empty list 'rows'"):
        parse(yaml.safe_load("rows: []"), "t.yaml")
