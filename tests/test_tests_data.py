"""The test data (src/nerveroot/data/tests.yaml): complete, cited, and honest about disputed figures."""

import re

import pytest

from nerveroot.clinical import tests_data as td
from nerveroot.paths import repo_root


@pytest.fixture(scope="module")
def tests():
    return td.load_tests()


def bib_keys():
    text = (repo_root() / "book" / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"@\w+\{([^,]+),", text))


def test_the_tests_the_issue_names_are_there(tests):
    assert {"slr", "crossed_slr", "slump", "femoral_stretch", "sensory", "motor", "reflexes"} <= set(tests)
    names = {t.danish for t in tests.values()}
    assert any("Lasègue" in n for n in names) and "krydset Lasègue" in names


def test_every_test_says_how_and_when_positive(tests):
    for t in tests.values():
        assert len(t.how) > 30 and len(t.positive) > 15 and t.positive_cite
        assert t.accuracy, t.id


def test_slr_has_dorsiflexion_and_neck_flexion_sensitisers(tests):
    names = " ".join(s.name for s in tests["slr"].sensitisers)
    assert "dorsiflexion" in names.lower() and "Bragard" in names and "Neck flexion" in names


def test_every_figure_has_population_confidence_and_citation(tests):
    for a in td.all_accuracy():
        assert a.population and a.confidence in td.CONFIDENCE and a.cite
        assert a.reference_text


def test_every_citation_exists_in_the_bibliography():
    missing = td.cite_keys() - bib_keys()
    assert not missing, f"keys not in book/references.bib: {missing}"


def test_population_matters_for_the_slr():
    surgical, cohort = td.accuracy_record("slr_surgical"), td.accuracy_record("slr_mri_cohort")
    assert surgical.sensitivity.value == 0.91 and surgical.sensitivity.ci == (0.82, 0.94)
    assert surgical.specificity.value == 0.26 and surgical.specificity.ci == (0.16, 0.38)
    assert cohort.sensitivity.value == 0.36 and cohort.specificity.value == 0.74 and cohort.n == 2352
    assert "surgical" in surgical.population and "MRI" == cohort.reference


def test_majlesi_specificities_are_not_taught_as_fact():
    for rid in ("slr_majlesi", "slump_majlesi"):
        a = td.accuracy_record(rid)
        assert a.specificity is None and a.disputed and "specificit" in a.disputed
        assert not a.usable_in_calculator
    assert td.accuracy_record("slump_majlesi").sensitivity.value == 0.84
    assert td.accuracy_record("slr_majlesi").sensitivity.value == 0.52


def test_unconfirmed_femoral_88_percent_is_not_data():
    for a in td.all_accuracy():
        for est in (a.sensitivity, a.specificity):
            assert not (a.test == "femoral_stretch" and est and est.value == 0.88)


def test_calculator_entries_are_clean():
    entries = td.calculator_entries()
    assert {e.id for e in entries} >= {"slr_surgical", "slr_mri_cohort", "crossed_slr_surgical"}
    for e in entries:
        assert not e.disputed and e.confidence != "unconfirmed"
        assert 0 < e.sensitivity.value < 1 and 0 < e.specificity.value < 1


def test_unknown_record_lists_valid_ids():
    with pytest.raises(KeyError, match="slr_surgical"):
        td.accuracy_record("nope")


def test_bad_data_names_file_and_field(monkeypatch):
    with pytest.raises(td.TestDataError, match=r"data/tests.yaml: x\.sensitivity\.value"):
        td._estimate({"value": 1.5}, "x.sensitivity")
    with pytest.raises(td.TestDataError, match="outside its interval"):
        td._estimate({"value": 0.5, "ci": [0.6, 0.9]}, "x.sensitivity")
    with pytest.raises(td.TestDataError, match="disputed"):
        td._accuracy("t", {"id": "a", "label": "l", "population": "p", "note": "n", "cite": ["Capra2011"],
                           "confidence": "seen-primary", "sensitivity": {"value": 0.5}}, "x")


def test_slr_angle_findings_are_data_with_sources():
    angles = td.slr_angles()
    assert {a.kind for a in angles.values()} == {"cadaver", "convention"}
    assert all(0 <= a.low < a.high <= 90 and a.cite for a in angles.values())
    assert {k for a in angles.values() for k in a.cite} <= bib_keys()


def test_the_slr_explainer_draws_its_bands_from_the_data(monkeypatch):
    from nerveroot.figures import slr

    moved = {k: td.AngleFinding(a.id, a.low, a.high + 5 if a.high < 90 else a.high, a.kind, a.cite)
             for k, a in td.slr_angles().items()}
    monkeypatch.setattr(slr, "slr_angles", lambda: moved)
    bands = [t for t in slr.SLRExplainer()._ruler() if t.get("fill") == "toself"]
    assert [max(b["x"]) for b in bands] == [slr.ruler_x(moved[k].high) for k, _ in slr.BANDS]
    assert slr.range_key(int(moved["goddard"].high)) == "range_20"  # the texts follow the bands
