"""The exercise library: data, stick-figure kinematics, the figures' three faces, the home programme."""

from __future__ import annotations

import copy
import re
import subprocess

import pytest
import yaml

from nerveroot import datafile
from nerveroot.clinical import exercises as E
from nerveroot.clinical.guidelines import cite_keys as guideline_keys
from nerveroot.clinical.guidelines import comparison_table, disagreements, guidelines
from nerveroot.display import WIDGET_MIME, png_size, web_spec
from nerveroot.figures.exercises import STEPS, ExerciseAnimation

REQUIRED_IDS = {"pelvic_tilt", "bird_dog", "glute_bridge", "hamstring_stretch", "piriformis_stretch",
                "sciatic_slider", "sciatic_tensioner"}


def bib_keys(root) -> set[str]:
    return set(re.findall(r"^@\w+\{([^,]+),", (root / "book" / "references.bib").read_text(), re.M))


def raw():
    with datafile.path("exercises.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# -- data ------------------------------------------------------------------------------------------


def test_library_has_every_exercise_of_the_issue():
    assert REQUIRED_IDS <= set(E.load_exercises())


def test_every_exercise_is_complete_and_cites_the_bibliography(root):
    keys = bib_keys(root)
    for ex in E.load_exercises().values():
        assert ex.purpose and ex.instructions and ex.dosage and ex.progression and ex.stop_rules, ex.id
        assert set(ex.all_cites) <= keys, (ex.id, set(ex.all_cites) - keys)


def test_no_dosage_claims_trial_evidence():
    # no source in the bibliography gives a dosage for these exercises: every one is a starting point
    assert {ex.dosage_basis for ex in E.load_exercises().values()} == {"clinical_starting_point"}
    assert "starting point" in E.dosage_note()


def test_stretches_and_tensioner_carry_cautions():
    for eid in ("hamstring_stretch", "piriformis_stretch", "sciatic_tensioner"):
        assert E.get(eid).cautions, eid


def test_neural_mobilisation_cites_the_upper_limb_study_only_as_such():
    text = " ".join(E.get("sciatic_tensioner").cautions)
    assert "arm nerves in cadavers" in text


@pytest.mark.parametrize("mutate, message", [
    (lambda r: r["exercises"]["bird_dog"].pop("stop_rules"), "missing field 'stop_rules'"),
    (lambda r: r["exercises"]["bird_dog"]["start"]["near"].update(knee=200), "knee = 200 is outside"),
    (lambda r: r["exercises"]["bird_dog"]["start"].update(facing="sideways"), "facing must be one of"),
    (lambda r: r["exercises"]["bird_dog"]["start"].update(contacts=["elbowz"]), "unknown contact point 'elbowz'"),
    (lambda r: r["exercises"]["bird_dog"].update(dosage_basis="trial"), "needs a source"),
    (lambda r: r["exercises"]["bird_dog"].update(category="yoga"), "is not one of"),
    (lambda r: r["exercises"]["bird_dog"]["end"].update(support="chair"), "share facing and support"),
    (lambda r: r.pop("dosage_note"), "dosage_note"),
])
def test_malformed_data_gives_a_clear_error(mutate, message):
    data = copy.deepcopy(raw())
    mutate(data)
    with pytest.raises(E.ExerciseDataError) as err:
        E.parse(data)
    assert message in str(err.value)
    assert "exercises.yaml" in str(err.value)


# -- kinematics ------------------------------------------------------------------------------------


def test_segment_lengths_are_kept_in_every_pose():
    for ex in E.load_exercises().values():
        for f in (0, 0.5, 1):
            p = E.forward_kinematics(ex.pose(f))
            for a, b, length in (("hip", "knee", "thigh"), ("knee", "ankle", "shank"), ("hip", "shoulder", "trunk"),
                                 ("far_knee", "far_ankle", "shank")):
                d = ((p[a][0] - p[b][0]) ** 2 + (p[a][1] - p[b][1]) ** 2) ** 0.5
                assert d == pytest.approx(E.LENGTHS[length], abs=1e-9), (ex.id, a, b)


def test_declared_contacts_rest_on_the_floor_and_nothing_sinks_through_it():
    for ex in E.load_exercises().values():
        for name, pose in (("start", ex.start), ("end", ex.end)):
            for point, height in E.contact_errors(pose).items():
                assert abs(height) <= E.CONTACT_TOLERANCE, (ex.id, name, point, height)
            assert E.lowest_point(pose) >= -E.CONTACT_TOLERANCE, (ex.id, name)


def test_joint_angles_round_trip_through_the_points():
    ex = E.get("sciatic_slider")
    for pose in (ex.start, ex.end):
        measured = E.joint_angles(E.forward_kinematics(pose))
        assert measured["knee"] == pytest.approx(180 - pose.near.knee, abs=1e-6)
        assert measured["hip"] == pytest.approx(180 - pose.near.hip, abs=1e-6)


def test_slider_and_tensioner_differ_in_the_neck_as_in_the_study():
    slider, tensioner = E.get("sciatic_slider"), E.get("sciatic_tensioner")
    # both straighten the knee; the slider extends the neck (looks up), the tensioner flexes it
    assert slider.end.near.knee < slider.start.near.knee and tensioner.end.near.knee < tensioner.start.near.knee
    assert slider.end.neck < slider.start.neck
    assert tensioner.end.neck > tensioner.start.neck
    assert tensioner.end.near.ankle > slider.end.near.ankle


def test_blend_interpolates_and_rejects_bad_fractions():
    ex = E.get("glute_bridge")
    mid = ex.pose(0.5)
    assert mid.trunk == pytest.approx((ex.start.trunk + ex.end.trunk) / 2)
    assert ex.pose(0) == ex.start and ex.pose(1).near == ex.end.near
    with pytest.raises(ValueError, match="between 0 and 1"):
        ex.pose(1.5)


def test_bird_dog_lifts_the_near_arm_and_the_far_leg():
    ex = E.get("bird_dog")
    start, end = E.forward_kinematics(ex.start), E.forward_kinematics(ex.end)
    assert end["hand"][1] > start["hand"][1] + 0.15  # arm reaches forwards off the floor
    assert end["far_ankle"][1] > start["far_ankle"][1] + 0.1  # opposite leg lifted behind
    assert abs(end["far_hand"][1]) < E.CONTACT_TOLERANCE  # supported on the other hand


def test_unknown_exercise_is_named_with_the_valid_ids():
    with pytest.raises(ValueError, match="valid ids: pelvic_tilt"):
        E.get("plank")


# -- figure faces ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def slider_fig():
    return ExerciseAnimation("sciatic_slider")


def test_static_face_animates_with_play_buttons_and_a_slider(slider_fig):
    spec = web_spec(slider_fig.figure())
    assert len(spec["frames"]) == STEPS + 1
    assert [s["label"] for s in spec["controls"]["sliders"][0]["steps"]][0] == "start"
    labels = [b["label"] for b in spec["controls"]["menus"][0]["buttons"]]
    assert any("Play" in lab for lab in labels)
    play = spec["controls"]["menus"][0]["buttons"][0]
    assert play["method"] == "animate" and len(play["args"][0]) == 2 * STEPS + 1
    # frames really differ: the near leg moves between the first and the last frame
    first, last = spec["frames"][0]["data"][4], spec["frames"][-1]["data"][4]
    assert first["x"] != last["x"]
    assert "updatemenus" not in spec["layout"] and "sliders" not in spec["layout"]


def test_static_face_is_deterministic_and_needs_only_plotly(slider_fig):
    html = slider_fig.static_html()
    assert html == ExerciseAnimation("sciatic_slider").static_html()
    assert 'data-nr-needs="plotly"' in slider_fig.wrap_html(html)
    assert "<script src" not in html and "http" not in html.replace("http://www.w3.org", "")
    assert 'aria-label="Sciatic nerve slider' in html


def test_print_face_shows_start_and_end_side_by_side(slider_fig, chromium):
    fig = slider_fig.print_figure()
    texts = " ".join(a.text or "" for a in fig.layout.annotations)
    assert "Start" in texts and "End" in texts
    assert not fig.layout.updatemenus and not fig.layout.sliders and not fig.frames
    near_legs = [t for t in fig.data if t.name == "near leg"]
    assert len(near_legs) == 2 and max(near_legs[0].x) < min(near_legs[1].x)  # end pose right of start
    png = slider_fig.print_png()
    assert png_size(png) == (1800, 760)


def test_print_face_is_legible_in_greyscale():
    from nerveroot.clinical.exercises import FAR_INK, NEAR_INK
    from nerveroot.palette import contrast_ratio

    assert contrast_ratio(NEAR_INK, "#ffffff") > 12
    assert 2 < contrast_ratio(FAR_INK, "#ffffff") < contrast_ratio(NEAR_INK, "#ffffff") / 3


def test_live_face_is_a_widget_outside_the_build(monkeypatch, slider_fig):
    monkeypatch.delenv("NERVEROOT_BOOK_BUILD", raising=False)
    bundle = slider_fig._repr_mimebundle_()
    assert WIDGET_MIME in bundle and "text/html" in bundle and "image/png" not in bundle  # a PNG only on request
    monkeypatch.setenv("NERVEROOT_BOOK_BUILD", "html")
    assert WIDGET_MIME not in slider_fig._repr_mimebundle_()


def test_summary_labels_the_dosage_as_a_starting_point(slider_fig):
    assert "typical clinical starting point" in slider_fig.summary()


def test_exercise_card_is_complete_myst():
    md = E.ExerciseCard("piriformis_stretch").markdown()
    assert md.startswith("```{admonition}") and md.rstrip().endswith("```")
    for part in ("**Purpose.**", "**Dosage (typical clinical starting point", "**Progression.**", "**Stop rules.**",
                 "**Cautions.**", "{cite:p}`"):
        assert part in md


# -- home programme --------------------------------------------------------------------------------


def test_home_programme_markdown_and_html():
    hp = E.home_programme(["sciatic_slider", "bird_dog"], patient="A. Jensen", date="2026-03-02")
    md = hp.markdown()
    assert md.index("Sciatic nerve slider") < md.index("Bird-dog")  # the order chosen
    assert "A. Jensen" in md and "2026-03-02" in md
    assert "starting point" in md and "When to get help the same day" in md
    # the safety net is the red-flag data's: every same-day sign a patient can notice, in their words
    from nerveroot.clinical import red_flags

    for item in red_flags.safety_net_items():
        assert item in md
    assert "pain, numbness or tingling in both legs" in md and "a fever" in md and "a hard fall" in md
    html = hp.html()
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 4  # start + end per exercise
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html


def test_the_danish_programme_card_and_table_are_danish():
    """A Danish reader's programme, exercise box and library table: Danish words around the data,
    the page marked as Danish, each exercise's kind by its Danish name."""
    from nerveroot.i18n import strings, use_language

    english = strings("home_programme", "en")
    with use_language("da"):
        hp = E.home_programme(["sciatic_slider", "bird_dog"], patient="A. Jensen", clinician="B. Holm",
                              date="2026-03-02", notes="Gå en tur hver dag.")
        md, html, card = hp.markdown(), hp.html(), E.ExerciseCard("sciatic_slider").markdown()
        table = str(E.library_table())
    assert html.startswith("<!DOCTYPE html><html lang=da>")
    for key in ("title_for", "clinician", "date", "how_much", "starting_point", "stop_if", "notes", "footer"):
        shown = english[key].format(patient="A. Jensen", clinician="B. Holm", date="2026-03-02")
        assert shown not in md and shown not in html, key
    assert " ".join(english["advice"].split()) not in md
    assert "Hvor meget:" in md and "Stop, og sig det til din fysioterapeut" in html and ">Slut</text>" in html
    assert "(nervemobilisering)" in card and "**Formål.**" in card and "Purpose" not in card
    assert "motorisk kontrol" in table and "neural mobilisation" not in table


@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_exercise_kind_has_a_name_in_every_language(lang):
    from nerveroot.i18n import use_language

    with use_language(lang):
        names = [E.category_label(c) for c in E.CATEGORIES]
    assert all(n.strip() for n in names) and len(set(names)) == len(names)


def test_home_programme_escapes_what_the_clinician_types():
    hp = E.home_programme(["pelvic_tilt"], patient="<script>x</script>")
    assert "<script>" not in hp.html()


@pytest.mark.parametrize("ids, message", [
    ([], "choose at least one exercise"),
    (["plank"], "unknown exercise id(s) 'plank'; valid ids:"),
    (["bird_dog", "plank", "situp"], "'plank', 'situp'"),
    (["bird_dog", "bird_dog"], "chosen twice: bird_dog"),
    (["pelvic_tilt", "bird_dog", "glute_bridge", "hamstring_stretch", "sciatic_slider"], "do not fit on one page"),
])
def test_home_programme_rejects_bad_input(ids, message):
    with pytest.raises(ValueError) as err:
        E.home_programme(ids)
    assert message in str(err.value)


def test_a_single_id_string_is_accepted():
    assert [e.id for e in E.home_programme("glute_bridge").exercises] == ["glute_bridge"]


def test_longest_home_programme_prints_on_one_page(tmp_path, chromium, pdf_tools):
    # the four exercises with the most text and the tallest figures
    ids = ["piriformis_stretch", "hamstring_stretch", "sciatic_slider", "sciatic_tensioner"]
    pdf = E.home_programme(ids, patient="Test", clinician="Physio", notes="Walk daily.").write_pdf(tmp_path / "p.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Sciatic nerve tensioner" in flat and "When to get help the same day" in flat
    assert "both legs" in flat and "a fever" in flat and "a hard fall" in flat


# -- guidelines side by side -----------------------------------------------------------------------


def test_guideline_comparison_states_the_danish_status_and_the_injection_disagreement(root):
    assert "ikke gældende" in guidelines()["dk"].status and "22 March 2023" in guidelines()["dk"].status
    assert [t.topic for t in disagreements()] == ["Steroid injections"]
    md = comparison_table().text
    assert "(**disagree**)" in md and "epidural" in md and "extraforaminal" in md and ":class: longtable" in md
    assert guideline_keys() <= bib_keys(root)


def test_management_quiz_and_chapter_exist(root):
    from nerveroot.quiz import Quiz

    for chapter in ("management", "talking_with_patients"):
        assert len(Quiz.from_chapter(chapter).questions) >= 8
        text = (root / "book" / f"{chapter}.md").read_text()
        assert "Learning objectives" in text and "Key points" in text and "{cite:p}`" in text
        assert f'Quiz.from_chapter("{chapter}")' in text
    cases = (root / "book" / "cases.md").read_text()
    assert cases.count("## Case ") >= 5 and "{dropdown}" in cases
    for tool in ("localise_md", "test_md", "triage_md"):
        assert tool in cases
