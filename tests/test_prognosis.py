"""Prognosis data points: the sourced values, validation, and the figure that shows them by study."""

import re

import pytest

from nerveroot.clinical import prognosis
from nerveroot.clinical.prognosis import PrognosisDataError, parse
from nerveroot.display import png_size


def bib_keys(root):
    return set(re.findall(r"@\w+\{([^,]+),", (root / "book" / "references.bib").read_text()))


def by_id(points):
    return {p.id: p for p in points}


def test_sourced_values_are_exactly_the_reported_ones():
    d = prognosis.load()
    r = by_id(d.recovery)
    assert r["vroomen1999_w12"].value == 87 and d.time_points[r["vroomen1999_w12"].when] == "12 weeks"
    assert (r["vroomen1999_w2_bedrest"].value, r["vroomen1999_w2_waiting"].value) == (70, 65)
    assert (r["koes2007_y1_2"].low, r["koes2007_y1_2"].high, r["koes2007_y1_2"].direction) == (20, 30, "unfavourable")
    assert r["konstantinou2018_m12"].value == 55 and "30 %" in r["konstantinou2018_m12"].outcome
    assert (r["haugen2011_m12"].low, r["haugen2011_m12"].high) == (49, 58)
    assert r["peul2007_m12"].value == 95
    g = by_id(d.regression)
    assert [g[f"chiu2015_{t}_any"].value for t in ("sequestration", "extrusion", "protrusion", "bulge")] == [96, 70, 41, 13]
    assert (g["chiu2015_sequestration_complete"].value, g["chiu2015_extrusion_complete"].value) == (43, 15)
    assert (g["wang2020_pooled"].value, g["wang2020_pooled"].low, g["wang2020_pooled"].high) == (63, 49, 77)
    t = by_id(d.timing)
    assert (t["macki2014_symptoms"].months, t["macki2014_imaging"].months) == (1.33, 9.27)


def test_every_point_names_study_population_time_and_outcome(root):
    d = prognosis.load()
    for p in d.recovery:
        assert p.study and p.population and p.design and p.when in d.time_points and p.outcome
    assert d.cite_keys() <= bib_keys(root)


def test_tables_cite_each_study():
    rec = prognosis.recovery_table_markdown()
    for key in ("Vroomen1999", "Konstantinou2018", "Haugen2011", "Peul2007", "Koes2007"):
        assert "{cite:t}`" + key + "`" in rec
    reg = prognosis.regression_table_markdown()
    assert "* - Protrusion\n  - 41 %\n  - not reported\n" in reg and "63 % (49–77 %)" in reg
    assert prognosis.factors_markdown().count("{cite:p}") == len(prognosis.load().factors)


def _raw():
    return {
        "time_points": [{"id": "w2", "label": "2 weeks"}],
        "recovery": [{"id": "a", "study": "Vroomen1999", "design": "d", "population": "p", "when": "w2", "weeks": 2,
                      "value": 70, "outcome": "o", "direction": "favourable"}],
        "regression": [{"id": "b", "study": "Chiu2015", "type": "bulge", "value": 13, "measure": "any",
                        "outcome": "any regression"}],
        "studies": {"Chiu2015": {"design": "d", "population": "p", "when": "w"}},
        "timing": [],
        "factors": [],
    }


def test_parse_accepts_minimal_data():
    assert parse(_raw(), "t.yaml").recovery[0].value_text() == "70 %"


@pytest.mark.parametrize(
    "section, change, message",
    [
        ("recovery", {"value": 170}, "value: must be a percentage between 0 and 100"),
        ("recovery", {"when": "w99"}, "when 'w99' is not a time point"),
        ("recovery", {"direction": "sideways"}, "direction: 'sideways' is not one of favourable"),
        ("recovery", {"low": 10}, "a range needs both 'low' and 'high'"),
        ("recovery", {"value": None, "low": 60, "high": 50}, "low (60) is above high (50)"),
        ("regression", {"type": "blob"}, "type: 'blob' is not one of bulge"),
        ("regression", {"study": "Wang2020"}, "study 'Wang2020' is not described under 'studies'"),
        ("regression", {"low": 20, "high": 30}, "value 13 lies outside its interval 20–30"),
    ],
)
def test_parse_rejects_bad_points(section, change, message):
    raw = _raw()
    raw[section][0].update(change)
    if raw[section][0].get("value") is None:
        raw[section][0].pop("value", None)
    with pytest.raises(PrognosisDataError) as err:
        parse(raw, "t.yaml")
    assert message in str(err.value) and "t.yaml" in str(err.value)


def test_parse_names_a_missing_section_and_missing_fields():
    raw = _raw()
    del raw["factors"]
    with pytest.raises(PrognosisDataError, match="lacks the section 'factors'"):
        parse(raw, "t.yaml")
    raw = _raw()
    del raw["recovery"][0]["population"]
    with pytest.raises(PrognosisDataError, match=r"recovery\[0\] \(a\): lacks population"):
        parse(raw, "t.yaml")


# -- the figure ---------------------------------------------------------------


@pytest.fixture(scope="module")
def fig():
    from nerveroot.figures.prognosis import PrognosisFigure

    return PrognosisFigure()


def test_every_point_is_labelled_with_its_study_and_nothing_joins_studies(fig):
    f = fig.figure()
    scatter = [t for t in f.data if t.type == "scatter" and t.yaxis in (None, "y")]
    labels = " ".join(" ".join(t.text or []) for t in scatter)
    names = {t.name for t in scatter}
    for study in ("Vroomen et al. 1999", "Konstantinou et al. 2018", "Haugen et al. 2011", "Peul et al. 2007",
                  "Koes et al. 2007"):
        assert study.replace(" et al.", "") in labels  # beside the point
        assert study in names  # in the legend
    for t in scatter:
        # a trace holds one point, or the two ends of one reported range at one time point
        assert len(t.x) <= 2 and len(set(t.x)) == 1, t.name
    # every recovery value appears as drawn data
    drawn = {y for t in scatter if t.mode != "text" for y in t.y}
    for p in prognosis.load().recovery:
        assert ({p.value} if p.value is not None else {p.low, p.high}) <= drawn


def test_studies_differ_by_marker_shape_for_greyscale(fig):
    from nerveroot.figures.prognosis import STUDY_STYLE

    assert len({sym for sym, _ in STUDY_STYLE.values()}) == len(STUDY_STYLE)
    assert set(STUDY_STYLE) == {p.study for p in prognosis.load().recovery}


def test_regression_panel_and_print_face(fig, chromium):
    f = fig.figure()
    bars = [t for t in f.data if t.type == "bar"]
    assert sorted(v for t in bars for v in t.x) == [13, 15, 41, 43, 70, 96]
    assert any(t.marker.pattern.shape == "/" for t in bars)
    assert not any(a.name == "caption" for a in fig.print_figure().layout.annotations)
    w, h = png_size(fig.print_png())
    assert (w, h) == (1800, 1800)
    assert "Chiu et al. 2015 bulge: 13 %" in fig.summary()
