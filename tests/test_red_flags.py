"""Red-flag data and the triage rule, case by case."""

import re

import pytest

from nerveroot.clinical import red_flags
from nerveroot.clinical.red_flags import triage


def bib_keys(root):
    return set(re.findall(r"@\w+\{([^,]+),", (root / "book" / "references.bib").read_text()))


def test_every_flag_and_level_cites_the_bibliography(root):
    keys = bib_keys(root)
    data = red_flags.load()
    for flag in data["flags"].values():
        assert set(flag.cite) <= keys, flag.id
    for name, rec in (*data["levels"].items(), *data["groups"].items()):
        assert set(rec["cite"]) <= keys, name


@pytest.mark.parametrize(
    "ids, level",
    [
        ([], "routine"),
        (["saddle_anaesthesia"], "emergency"),
        (["bladder_dysfunction"], "emergency"),
        (["urinary_retention"], "emergency"),
        (["bowel_dysfunction"], "emergency"),
        (["severe_weakness"], "emergency"),
        (["progressive_weakness"], "emergency"),
        (["bilateral_leg_symptoms"], "urgent"),
        (["bilateral_leg_symptoms", "sexual_dysfunction"], "emergency"),
        (["history_of_cancer"], "urgent"),
        (["fever_unwell"], "urgent"),
        (["infection_risk"], "routine"),
        (["infection_risk", "fever_unwell"], "urgent"),
        (["older_age"], "routine"),
        (["older_age", "contusion_abrasion"], "urgent"),
        (["older_age", "prolonged_corticosteroids"], "urgent"),
        (["significant_trauma"], "urgent"),
        (["history_of_cancer", "saddle_anaesthesia"], "emergency"),
    ],
)
def test_triage_levels(ids, level):
    result = triage(ids)
    assert result.level == level
    assert len(result.reasons) == max(1, len(ids))
    assert result.label and result.action


def test_reasons_explain_escalation_and_watch_flags():
    r = triage(["infection_risk", "fever_unwell"])
    assert any("together with other signs of spinal infection" in x for x in r.reasons)
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
