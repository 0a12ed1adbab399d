"""Click-on-the-body questions (type: place): answers follow the dermatome data, bad questions are
refused with file, line, id, field and fix, and every face and export carries them."""

from __future__ import annotations

import io
import posixpath
import re
import sqlite3
import textwrap
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from nerveroot.quiz import BankError, Quiz, all_banks, chapter_bank, load_bank
from nerveroot.quiz.export import QTI_NS, drop_zones, qti_files, to_gift, to_moodle_xml, to_qti_zip
from nerveroot.quiz.grading import grade, point_in_polygon
from nerveroot.quiz.place import answer_of, drawing_data, label_point, numbered_png, pixel_map

Q = f"{{{QTI_NS}}}"

HEAD = """\
chapter: fixture
title: "Fixture"
questions:
  - id: fixture-place
    type: place
    objective: "o"
    difficulty: easy
    prompt: "Mark it."
    explanation: "Because."
    cite: [Poulsen_sundhed_rodaffektion]
    feedback_correct: "Yes."
    feedback_incorrect: "No."
"""


def bank_with(tmp_path, extra: str):
    path = tmp_path / "fixture.yaml"
    path.write_text(HEAD + textwrap.indent(textwrap.dedent(extra), "    "), encoding="utf-8")
    return path


def place_questions():
    return [q for b in all_banks() for q in b.questions if q.type == "place"]


# -- the banks ----------------------------------------------------------------------------


def test_at_least_twelve_place_questions_in_anatomy_diagnosis_and_cases():
    qs = place_questions()
    assert len(qs) >= 12
    assert {q.chapter for q in qs} >= {"anatomy", "diagnosis", "cases"}
    assert {answer_of(q).kind for q in qs} == {"area", "point"}
    assert any(answer_of(q).disputed for q in qs)


def test_every_disputed_answer_says_so_and_key_points_are_taught_as_weakly_sourced():
    for q in place_questions():
        if answer_of(q).disputed:
            assert q.feedback_disputed, q.id
        if q.target == "key_point":
            assert re.search(r"commonly cited", q.prompt + q.explanation), q.id
            assert "weakly sourced" in q.explanation, q.id


def test_the_answer_follows_the_data():
    q = chapter_bank("anatomy").question("anatomy-place-kg-l4-foot")
    assert answer_of(q).accepted == ("dorsum_medial_edge",)
    q = chapter_bank("anatomy").question("anatomy-place-l5-sensation")
    ans = answer_of(q)
    assert set(ans.accepted) == {"front_lateral_leg", "front_foot_medial_edge", "dorsum_middle", "dorsum_medial_edge"}
    for edge in ("front_foot_medial_edge", "dorsum_medial_edge"):  # the inner edge of the foot, in both views
        assert ans.maps[edge] == ("medial_leg",) and edge not in ans.full


@pytest.mark.parametrize(("extra", "field", "words"), [
    ("target: area\nroot: L2\n", "root", "not a root the drawing shows"),
    ("target: area\nroot: L4\nview: sole\n", "view", "draws no L4 area on the sole view"),
    ("target: area\nroot: L4\nview: shin\n", "view", "no view 'shin'"),
    ("target: area\nroot: L4\nmap: netter\n", "map", "unknown map style"),
    ("target: spot\nroot: L4\n", "target", "unknown target"),
    ("target: area\nroot: L4\n", "feedback_disputed", "depends on skin the map styles give to different roots"),
    ("target: area\nroot: L4\nmap: keegan_garrett\nview: dorsum\n", "feedback_disputed", "does not say so"),
    ("target: area\nroot: S1\nview: sole\nfeedback_disputed: x\n", "feedback_disputed", "agree"),
    ("target: key_point\nroot: L5\nmap: medial_leg\n", "map", "one answer"),
    ("target: area\n", "root", "lacks the required field"),
])
def test_bad_place_questions_are_refused_with_file_line_id_field_and_fix(tmp_path, extra, field, words):
    path = bank_with(tmp_path, extra)
    with pytest.raises(BankError) as err:
        load_bank(path)
    msg = str(err.value)
    assert re.search(rf"fixture\.yaml:\d+: question 'fixture-place', field '{field}': .*{re.escape(words)}.*Fix: ",
                     msg), msg


def test_a_good_place_question_loads(tmp_path):
    bank = load_bank(bank_with(tmp_path, "target: area\nroot: S1\nview: back\n"))
    assert answer_of(bank.questions[0]).accepted == ("back_calf",)


# -- grading ---------------------------------------------------------------------------------


def test_points_on_the_drawing_are_marked_by_the_area_they_fall_in():
    q = chapter_bank("diagnosis").question("diagnosis-place-s1-back")
    right = label_point("back_calf")
    assert grade(q, list(right)).status == "correct"
    assert grade(q, list(label_point("back_medial_leg"))).as_dict()["place"] == "back_medial_leg"
    assert grade(q, "back_calf").ok and not grade(q, "sole").ok
    d = drawing_data()
    x0, x1, y0, y1 = d["bounds"]
    assert grade(q, [x0 - 1, y0 - 1]).status == "outside"  # outside the drawing: no attempt
    assert not grade(q, [x0 - 1, y0 - 1]).answered
    thigh = [27.0, 80.0]  # the back of the thigh: on the limb, in no area
    assert grade(q, thigh).status == "incorrect" and grade(q, thigh).place is None
    assert grade(q, None).status == "no_answer" and grade(q, "elsewhere").status == "no_answer"


def test_a_disputed_area_is_accepted_and_names_the_maps():
    q = chapter_bank("cases").question("cases-place-l5-foot")
    v = grade(q, "dorsum_medial_edge")
    assert v.ok and v.maps == ("medial_leg",)
    assert grade(q, "dorsum_middle").maps == ("keegan_garrett", "medial_leg")


def test_key_points_are_chosen_within_the_click_radius():
    q = chapter_bank("anatomy").question("anatomy-place-s1-key-point")
    d = drawing_data()
    lx, ly = d["landmarks"]["lateral_heel"]
    assert grade(q, [lx + d["radius"] * 0.9, ly]).ok
    far = grade(q, [lx, ly + d["radius"] * 2.5])
    assert far.status == "incorrect" and far.place is None


def test_point_in_polygon_even_odd():
    square = [[0, 0], [4, 0], [4, 4], [0, 4]]
    assert point_in_polygon(square, (2, 2)) and not point_in_polygon(square, (5, 2))


# -- faces -----------------------------------------------------------------------------------


def test_web_face_has_the_drawing_once_and_a_named_list_per_question():
    html = Quiz.from_chapter("anatomy")._repr_mimebundle_(include={"text/html"})["text/html"]
    assert html.count("<symbol ") == 1 and html.count('class="nr-place-svg"') == 6
    assert "Top of the foot: the inner (medial) edge" in html
    assert 'role="radiogroup"' in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")


def test_print_face_shows_each_numbered_drawing_once_and_asks_which_number():
    md = Quiz.from_chapter("anatomy").print_markdown()
    assert md.count("data:image/png;base64,") == 2  # one for areas, one for points
    assert md.count("*Which number?*") == 6
    assert "Use the numbered drawing of question" in md


def test_numbered_drawing_is_a_small_deterministic_png():
    png = numbered_png("area")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) < 60_000
    assert numbered_png.__wrapped__("area") == png


def test_answer_key_names_number_and_area():
    from nerveroot.quiz import AnswerKey

    md = AnswerKey.from_chapter("anatomy", cite_role=False).print_markdown()
    assert "9. Top of the foot: the middle" in md
    assert "(only on the maps with L4 on the medial leg)" in md


def test_live_face_grades_the_chosen_area_and_draws_the_answer():
    from nerveroot.quiz.live import LiveQuiz

    quiz = Quiz.from_chapter("diagnosis")
    lq = LiveQuiz(quiz, instructor=True)
    n = next(i for i, q in enumerate(quiz.questions, start=1) if q.id == "diagnosis-place-s1-back")
    lq.answer(n, "sole")
    assert lq.check(n) is False
    lq.answer(n, "back_calf")
    assert lq.check(n) is True
    panel = lq.panels[n - 1]
    assert "nr-place-right" in panel.picture.value and "You marked" in panel.feedback.value
    lq.reveal(n)
    assert "Back of the leg" in panel.feedback.value


# -- exports ---------------------------------------------------------------------------------


def test_gift_leaves_place_questions_out_and_says_why():
    text = to_gift(all_banks())
    assert "GIFT cannot express a question answered by marking a place" in text
    for q in place_questions():
        assert f"::{q.id}::" not in text and q.id in text.splitlines()[2]


def test_moodle_ddmarker_follows_moodles_documented_format():
    """Moodle's qtype_ddmarker import (question/type/ddmarker/questiontype.php, import_from_xml) reads
    the background image from <file encoding="base64">, markers from <drag> (no, text) and zones from
    <drop> (no, shape, coords, choice); shapes.php wants whole positive pixel numbers, 'x,y;r' for a
    circle and 'x,y;x,y;...' (three or more points, no point repeated next to itself) for a polygon."""
    root = ET.fromstring(to_moodle_xml(all_banks()).encode("utf-8"))
    dd = root.findall("question[@type='ddmarker']")
    assert len(dd) == len(place_questions())
    w, h = pixel_map(900).width, pixel_map(900).height
    for el in dd:
        assert el.findtext("name/text") and el.findtext("questiontext/text") and el.findtext("generalfeedback/text")
        assert el.find("showmisplaced") is not None and el.find("shownumcorrect") is not None
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            assert el.find(tag).get("format") == "html" and el.findtext(f"{tag}/text")
        f = el.find("file")
        import base64

        png = base64.b64decode(f.text)
        assert f.get("encoding") == "base64" and f.get("name").endswith(".png") and png[:4] == b"\x89PNG"
        assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (w, h)
        drags = el.findall("drag")
        assert [d.findtext("no") for d in drags] == ["1"] and drags[0].findtext("text")
        drops = el.findall("drop")
        assert drops and all(d.findtext("choice") == "1" for d in drops)
        for d in drops:
            shape, coords = d.findtext("shape"), d.findtext("coords")
            assert shape in ("circle", "polygon")
            if shape == "circle":
                assert re.fullmatch(r"\d+,\d+;\d+", coords)
            else:
                pts = coords.split(";")
                assert len(pts) >= 3 and all(re.fullmatch(r"\d+,\d+", p) for p in pts)
                assert all(a != b for a, b in zip(pts, pts[1:]))
                assert all(0 <= int(p.split(",")[0]) <= w and 0 <= int(p.split(",")[1]) <= h for p in pts)


def _winding(poly, pt) -> int:
    """Moodle's test (shapes.php, qtype_ddmarker_shape_polygon::is_point_in_shape): winding number."""
    wn = 0
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]):
        side = (x1 - x0) * (pt[1] - y0) - (pt[0] - x0) * (y1 - y0)
        if y0 <= pt[1] < y1 and side > 0:
            wn += 1
        elif y1 <= pt[1] < y0 and side < 0:
            wn -= 1
    return wn


def test_one_moodle_marker_on_any_accepted_area_scores_and_elsewhere_does_not():
    pm = pixel_map(900)
    d = drawing_data()
    for q in place_questions():
        ans = answer_of(q)
        if ans.kind != "area":
            continue
        ((shape, coords),) = drop_zones(q)
        poly = [tuple(map(int, p.split(","))) for p in coords.split(";")]
        for cid in ans.candidates:
            x, y = pm.px(*label_point(cid))
            assert (_winding(poly, (x, y)) != 0) == (cid in ans.accepted), (q.id, cid)
        x0, x1, y0, y1 = d["bounds"]
        assert _winding(poly, pm.px(x0 + 0.5, y0 + 0.5)) == 0


def test_qti_place_items_use_select_point_with_an_area_mapping():
    banks = all_banks()
    files = qti_files(banks)
    zf = zipfile.ZipFile(io.BytesIO(to_qti_zip(banks)))
    manifest = ET.fromstring(zf.read("imsmanifest.xml"))
    listed = {f.get("href") for f in manifest.iter("{http://www.imsglobal.org/xsd/imscp_v1p1}file")}
    assert set(zf.namelist()) - {"imsmanifest.xml"} == listed
    for q in place_questions():
        item = ET.fromstring(files[f"items/{q.id}.xml"])
        decl = item.find(Q + "responseDeclaration")
        assert (decl.get("cardinality"), decl.get("baseType")) == ("single", "point")
        # QTI 2.1 order: correctResponse before areaMapping; itemBody before responseProcessing
        assert [c.tag for c in decl] == [Q + "correctResponse", Q + "areaMapping"]
        order = [c.tag.replace(Q, "") for c in item]
        assert order.index("itemBody") < order.index("responseProcessing") < order.index("modalFeedback")
        entries = decl.findall(f"{Q}areaMapping/{Q}areaMapEntry")
        assert len(entries) == len(answer_of(q).accepted)
        for e in entries:
            nums = [int(v) for v in e.get("coords").split(",")]
            if e.get("shape") == "poly":
                assert len(nums) % 2 == 0 and nums[:2] == nums[-2:] and len(nums) >= 8
            else:
                assert e.get("shape") == "circle" and len(nums) == 3
        inter = item.find(f"{Q}itemBody/{Q}selectPointInteraction")
        assert inter.get("maxChoices") == "1" and inter.get("responseIdentifier") == "RESPONSE"
        obj = inter.find(Q + "object")
        # the drawing is linked from the item's own folder (QTI resolves links against the item file)
        drawing = posixpath.normpath(posixpath.join("items", obj.get("data")))
        assert obj.get("type") == "image/png" and drawing in zf.namelist(), (q.id, obj.get("data"))
        assert item.find(f".//{Q}mapResponsePoint") is not None
        x, y = map(int, decl.findtext(f"{Q}correctResponse/{Q}value").split())
        assert 0 <= x <= int(obj.get("width")) and 0 <= y <= int(obj.get("height"))


# -- Anki ------------------------------------------------------------------------------------


def _read_deck(path: Path):
    zf = zipfile.ZipFile(path)
    with zf.open("collection.anki2") as src:
        data = src.read()
    db = path.with_suffix(".anki2")
    db.write_bytes(data)
    con = sqlite3.connect(db)
    notes = con.execute("select guid, flds, mid from notes order by guid").fetchall()
    con.close()
    import json

    media = json.loads(zf.read("media"))
    return notes, media, zf


def test_anki_deck_has_one_note_per_question_with_stable_guids_and_its_pictures(tmp_path):
    from nerveroot.quiz.anki import write_deck

    banks = all_banks()
    first = write_deck(banks, tmp_path / "a" / "nerveroot.apkg")
    second = write_deck(banks, tmp_path / "b" / "nerveroot.apkg")
    notes1, media, zf = _read_deck(first)
    notes2, _, _ = _read_deck(second)
    n = sum(len(b.questions) for b in banks)
    assert len(notes1) == n
    assert [g for g, _, _ in notes1] == [g for g, _, _ in notes2]  # re-import updates, never duplicates
    assert len({g for g, _, _ in notes1}) == n and len({m for _, _, m in notes1}) == 1
    names = set(media.values())
    assert {"nerveroot-area-numbered.png", "nerveroot-point-numbered.png"} <= names
    for q in place_questions():
        assert f"nerveroot-{q.id}-answer.png" in names
    for key, name in media.items():
        assert zf.read(key)[:4] == b"\x89PNG", name
    text = [f for _, f, _ in notes1 if "anatomy-vignette-l5" in f][0]
    assert "Great-toe extension" in text and "\x1f" in text  # front, answer, explanation... as fields
