"""The root data model: complete, cited from the book's bibliography, and affected_roots() for every case."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from nerveroot.clinical import roots as R

ROOT = Path(__file__).resolve().parents[1]
BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "book" / "references.bib").read_text(encoding="utf-8"), re.M))

EXPECTED = {
    ("L3/L4", "central"): ["L4", "L5", "S1"],
    ("L3/L4", "paracentral"): ["L4"],
    ("L3/L4", "foraminal"): ["L3"],
    ("L3/L4", "far_lateral"): ["L3"],
    ("L4/L5", "central"): ["L5", "S1"],
    ("L4/L5", "paracentral"): ["L5"],
    ("L4/L5", "foraminal"): ["L4"],
    ("L4/L5", "far_lateral"): ["L4"],
    ("L5/S1", "central"): ["S1"],
    ("L5/S1", "paracentral"): ["S1"],
    ("L5/S1", "foraminal"): ["L5"],
    ("L5/S1", "far_lateral"): ["L5"],
}


def raw_data() -> dict:
    path = ROOT / "src" / "nerveroot" / "data" / "roots.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_roots_in_order_with_the_original_fields():
    roots = R.load_roots()
    assert list(roots) == ["L3", "L4", "L5", "S1"]
    assert roots["L4"].exit_foramen == "L4/L5" and roots["L4"].traversing_disc == "L3/L4"
    assert roots["L5"].vertebra == "L5" and roots["S1"].traversing_disc == "L5/S1"


def test_core_roots_are_complete():
    for name, r in R.core_roots().items():
        assert r.is_core, name
        assert r.dermatome and r.dermatome.summary
        assert {v.map for v in r.dermatome.variants} == set(R.MAP_SOURCES)
        assert r.key_sensory_point and r.key_sensory_point.standard == "ISNCSCI"
        assert r.muscles and all(m.movement and m.muscles for m in r.muscles)
        assert r.reflex and r.reflex.name and r.reflex.danish
        assert r.pain and r.pain.summary
        assert r.danish


def test_reflexes_and_the_l5_nuance():
    roots = R.load_roots()
    assert "patellar" in roots["L4"].reflex.name
    assert "Achilles" in roots["S1"].reflex.name
    assert "medial hamstring" in roots["L5"].reflex.name and "Esene2012" in roots["L5"].reflex.cite


def test_isncsci_points_are_flagged_unconfirmed():
    # the fact sheet could not confirm the lower-limb key sensory points: never teach them as fact
    for r in R.core_roots().values():
        assert r.key_sensory_point.confidence == "unconfirmed"
        assert not r.key_sensory_point.confirmed


def test_every_cite_key_exists_in_the_bibliography():
    keys = R.cite_keys()
    assert keys, "the data cites nothing"
    missing = keys - BIB_KEYS
    assert not missing, f"cite keys not in book/references.bib: {sorted(missing)}"


def test_every_record_has_citations():
    for r in R.load_roots().values():
        assert r.cite
        for m in r.muscles:
            assert m.cite
    for group in (R.load_discs(), R.load_zones(), R.load_disagreements()):
        for rec in group.values():
            assert rec.cite


def test_disagreements_recorded_as_data():
    d = R.load_disagreements()
    assert {"dermatome_maps", "foot_eversion", "medial_hamstring_reflex", "knee_extension"} <= set(d)
    eversion = {p.claim for p in d["foot_eversion"].positions}
    assert eversion == {"L5", "S1"}
    assert any("L3" in p.claim for p in d["knee_extension"].positions)
    assert all(len(x.positions) >= 2 for x in d.values())


def test_danish_level_naming():
    discs = R.load_discs()
    assert discs["L4/L5"].danish_name == "L4-prolaps"
    h = R.herniation("L4/L5", "paracentral")
    assert h.danish_name == "L4-prolaps" and h.roots == ("L5",)


@pytest.mark.parametrize(("disc", "zone"), sorted(EXPECTED))
def test_affected_roots_every_level_and_zone(disc, zone):
    assert R.affected_roots(disc, zone) == EXPECTED[(disc, zone)]


@pytest.mark.parametrize("disc", R.DISC_ORDER)
def test_mechanisms(disc):
    h = R.herniation(disc, "paracentral")
    assert h.mechanism == "traversing" and h.roots == (h.traversing_root,)
    assert R.load_roots()[h.traversing_root].traversing_disc == disc
    assert R.load_roots()[h.exiting_root].exit_foramen == disc
    central = R.herniation(disc, "central")
    assert central.cauda_equina_risk and central.roots[0] == h.traversing_root
    assert not R.herniation(disc, "foraminal").cauda_equina_risk


def test_zone_spellings_accepted():
    assert R.affected_roots("L4/L5", "far lateral") == ["L4"]
    assert R.affected_roots("l4/l5", "Far-Lateral") == ["L4"]


@pytest.mark.parametrize(("disc", "zone", "named"), [
    ("L2/L3", "paracentral", "L3/L4, L4/L5, L5/S1"),
    ("L4-L5", "paracentral", "L3/L4, L4/L5, L5/S1"),
    ("L4/L5", "lateral recess", "central, paracentral, foraminal, far_lateral"),
    ("L4/L5", "", "central, paracentral, foraminal, far_lateral"),
])
def test_bad_input_names_the_valid_values(disc, zone, named):
    with pytest.raises(ValueError) as err:
        R.affected_roots(disc, zone)
    assert named in str(err.value)


def test_non_string_input_raises_value_error():
    with pytest.raises(ValueError):
        R.affected_roots(None, "central")
    with pytest.raises(ValueError):
        R.affected_roots("L4/L5", 3)


@pytest.mark.parametrize(("mutate", "field"), [
    (lambda d: d["roots"]["L5"].pop("reflex"), "roots.L5.reflex"),
    (lambda d: d["roots"]["L5"]["reflex"].pop("cite"), "roots.L5.reflex.cite"),
    (lambda d: d["roots"]["S1"]["dermatome"].update(confidence="sure"), "roots.S1.dermatome.confidence"),
    (lambda d: d["roots"].pop("L4"), "roots.L4"),
    (lambda d: d["roots"]["L4"]["muscles"][0].update(cite=[]), "roots.L4.muscles[0].cite"),
    (lambda d: d["zones"]["central"].update(reaches="everything"), "zones.central.reaches"),
    (lambda d: d["discs"]["L4/L5"].update(lower="S1"), "discs.L4/L5"),
    (lambda d: d["disagreements"]["foot_eversion"].update(positions=[{"claim": "L5", "source": "x"}]),
     "disagreements.foot_eversion.positions"),
    (lambda d: d["roots"]["L4"]["dermatome"]["variants"].pop(), "roots.L4.dermatome.variants"),
])
def test_validation_errors_name_file_and_field(mutate, field):
    data = copy.deepcopy(raw_data())
    mutate(data)
    with pytest.raises(R.RootDataError) as err:
        R.parse(data)
    assert str(err.value).startswith(f"{R.DATA_FILE}: {field}")


def test_tables_are_generated_from_the_data():
    t = R.herniation_table().markdown()
    assert "L4-prolaps" in t and "**L5** (traversing root)" in t
    clinical = R.clinical_table()
    assert "medial haserefleks" in clinical.markdown()
    assert "{cite:p}" not in repr(clinical)
    for table in (R.anatomy_table(), R.clinical_table(), R.sensory_point_table(), R.disagreement_table()):
        md = table.markdown()
        assert md.startswith("```{list-table}") and md.count("\n* - ") >= 4  # header and a row per root
        for keys in re.findall(r"\{cite:p\}`([^`]*)`", md):
            assert set(keys.split(",")) <= BIB_KEYS
    assert "not confirmed" in R.sensory_point_table().markdown()
