"""Red-flag data and the triage rule, case by case."""

import re

import pytest

from nerveroot.clinical import red_flags
from nerveroot.clinical.red_flags import triage

from triage_requirements import REQUIREMENTS


def bib_keys(root):
    return set(re.findall(r"@\w+\{([^,]+),", (root / "book" / "references.bib").read_text()))


def test_every_flag_and_level_cites_the_bibliography(root):
    keys = bib_keys(root)
    data = red_flags.load()
    for flag in data["flags"].values():
        assert set(flag.cite) <= keys, flag.id
    for name, rec in (*data["levels"].items(), *data["groups"].items()):
        assert set(rec["cite"]) <= keys, name


@pytest.mark.parametrize("req", REQUIREMENTS, ids=[r.name for r in REQUIREMENTS])
def test_triage_level_is_the_clinical_requirement(req, root):
    """Every triage level the course teaches, as a named clinical requirement with its source."""
    result = triage(req.flags)
    assert result.level == req.level, f"{req.name}: got {result.level}; {req.why}"
    assert set(req.cite) <= bib_keys(root)
    assert len(result.reasons) == max(1, len(req.flags))
    assert result.label and result.action


@pytest.mark.parametrize(
    "ids, level",
    [
        (["bladder_dysfunction"], "emergency"),
        (["bowel_dysfunction"], "emergency"),
        (["bilateral_leg_symptoms", "sexual_dysfunction"], "emergency"),
        (["older_age", "contusion_abrasion"], "urgent"),
        (["history_of_cancer", "saddle_anaesthesia"], "emergency"),
        (["history_of_cancer", "cancer_neurological"], "emergency"),
        (["infection_risk", "older_age"], "urgent"),
    ],
)
def test_triage_levels(ids, level):
    result = triage(ids)
    assert result.level == level
    assert len(result.reasons) == max(1, len(ids))


def test_no_flag_that_can_mean_cauda_equina_infection_or_cord_compression_waits_for_days():
    """The safety review's rule: these conditions are never left to 'the next few days'."""
    data = red_flags.load()
    same_day_groups = {"cauda_equina", "severe_deficit"}
    for flag in data["flags"].values():
        if flag.group in same_day_groups:
            assert flag.level == "emergency", flag.id
    assert data["flags"]["fever_unwell"].level == "emergency"
    assert data["flags"]["cancer_neurological"].level == "emergency"
    assert data["flags"]["significant_trauma"].level == "emergency"


def test_the_safety_net_lists_every_same_day_sign_a_patient_can_notice():
    ids = [f.id for f in red_flags.safety_net()]
    for fid in ("saddle_anaesthesia", "bladder_dysfunction", "bowel_dysfunction", "bilateral_leg_symptoms",
                "progressive_weakness", "fever_unwell", "significant_trauma"):
        assert fid in ids
    assert all(f.patient and f.level == "emergency" for f in red_flags.safety_net())
    # findings of the history are not something a patient watches for
    assert "history_of_cancer" not in ids and "infection_risk" not in ids


def test_reasons_explain_escalation_and_watch_flags():
    r = triage(["older_age", "prolonged_corticosteroids"])
    assert any("together with other signs of spinal fracture" in x for x in r.reasons)
    r = triage(["older_age"])
    assert "on its own not an alarm" in r.reasons[0]
    assert r.groups == ()


def test_late_and_early_cauda_equina_signs_are_marked():
    f = red_flags.flags()
    assert f["urinary_retention"].stage == "late"
    assert f["saddle_anaesthesia"].stage == "early" and f["saddle_anaesthesia"].danish == "ridebukseanæstesi"


def test_unknown_flag_is_named_with_the_valid_ones():
    with pytest.raises(ValueError, match=r"unknown red flag\(s\): 'headache'; valid: saddle_anaesthesia"):
        triage(["saddle_anaesthesia", "headache"])


def test_duplicates_count_once():
    assert triage(["fever_unwell", "fever_unwell"]).flags == ("fever_unwell",)


def test_rule_data_carries_everything_the_browser_needs():
    data = red_flags.rule_data()
    assert set(data["flags"]) == set(red_flags.flags())
    assert data["order"] == ["emergency", "urgent", "routine"]
