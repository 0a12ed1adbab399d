"""The root localiser (nerveroot.clinical.localize): vignettes, reasons, red flags first, bad input."""

import pytest

import nerveroot
from nerveroot.clinical import red_flags
from nerveroot.clinical.localize import findings, load, localize, rule_data

from localiser_vignettes import VIGNETTES


@pytest.mark.parametrize("name, ticked, status, root", VIGNETTES, ids=[v[0] for v in VIGNETTES])
def test_vignette(name, ticked, status, root):
    r = localize(ticked)
    assert r.status == status
    assert r.root == root


def test_enough_vignettes_of_each_kind():
    statuses = [v[2] for v in VIGNETTES]
    roots = [v[3] for v in VIGNETTES if v[2] == "localised"]
    assert len(VIGNETTES) >= 15
    assert {"L4", "L5", "S1"} <= set(roots) and statuses.count("not_localising") >= 3 and statuses.count("urgent") >= 3


def test_the_module_is_not_shadowed_by_its_function():
    import types

    import nerveroot.clinical.localize as module

    assert isinstance(module, types.ModuleType) and module.localize is localize
    assert module.localize(["reduced_achilles_reflex", "weak_plantar_flexion"]).root == "S1"
    assert not hasattr(nerveroot, "localize")  # one name, one thing: the function lives in its module


def test_scores_and_reasons_read_like_a_clinician():
    r = localize(["reduced_achilles_reflex", "weak_plantar_flexion", "positive_slr"])
    assert [(x.root, x.score) for x in r.ranking] == [("S1", 4), ("L4", 0), ("L5", 0)]
    assert r.verdict.startswith("The findings point to the S1 root")
    s1 = next(line for line in r.reasons if line.startswith("S1"))
    assert "reduced Achilles reflex (+2)" in s1 and "weak plantar flexion (+2)" in s1
    l4 = next(line for line in r.reasons if line.startswith("L4"))
    assert "Against it:" in l4 and "reduced Achilles reflex points to S1" in l4
    assert any("without naming a root: a positive SLR" in line for line in r.reasons)


def test_not_localising_says_why():
    weak = localize(["weak_ankle_dorsiflexion"])
    assert weak.why == "weak" and "too weak" in weak.verdict
    conflict = localize(["reduced_patellar_reflex", "weak_knee_extension", "reduced_achilles_reflex", "weak_plantar_flexion"])
    assert conflict.why == "conflicting" and "conflict" in conflict.verdict
    assert localize([]).why == "none"


def test_red_flags_come_first_and_use_the_triage_rule():
    r = localize(["reduced_achilles_reflex", "weak_plantar_flexion", "saddle_anaesthesia"])
    assert r.status == "urgent" and r.triage.level == "emergency"
    assert r.verdict.startswith("Red flag") and r.verdict.index("Red flag") < r.verdict.index("S1")
    assert r.reasons[0].startswith("Red flag: New numbness")
    # bilateral symptoms alone are a same-day emergency (the safety review), as red_flags.triage says
    assert localize(["bilateral_leg_symptoms"]).triage.level == red_flags.triage(["bilateral_leg_symptoms"]).level == "emergency"
    assert localize(["bilateral_leg_symptoms", "bladder_dysfunction"]).triage.level == "emergency"


def test_red_flag_findings_are_red_flag_ids_and_never_scored():
    flag_ids = set(red_flags.flags())
    reds = [f for f in findings().values() if f.red_flag]
    assert {"saddle_anaesthesia", "bladder_dysfunction", "bowel_dysfunction", "urinary_retention",
            "progressive_weakness", "severe_weakness", "bilateral_leg_symptoms"} == {f.id for f in reds}
    assert all(f.id in flag_ids and not f.weights for f in reds)


def test_findings_derive_from_root_data_and_cite():
    for f in findings().values():
        assert f.cite and f.meaning
        if f.group in ("sensation", "weakness", "reflex", "pain"):
            assert f.source and f.source.startswith("roots.yaml")


def test_unknown_finding_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown finding.*'limp'.*valid findings:.*reduced_achilles_reflex"):
        localize(["limp"])


def test_duplicates_count_once():
    assert localize(["reduced_achilles_reflex"] * 3).ranking[0].score == 2


def test_rule_data_is_what_python_uses():
    d = rule_data()
    data = load()
    assert d["rule"] == {"min_score": data["rule"]["min_score"], "min_margin": data["rule"]["min_margin"]}
    assert d["findings"]["numb_great_toe"]["weights"] == {"L4": 1, "L5": 1}
    assert set(d["findings"]) == set(findings()) and d["roots"] == ["L4", "L5", "S1"]
    assert d["triage"] == red_flags.rule_data()
