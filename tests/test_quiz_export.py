"""Exports against golden files, and for well-formedness: XML parses, the QTI manifest
and items agree, GIFT escaping round-trips GIFT's control characters and Danish letters.

Refresh the golden files after an intended change with
``NERVEROOT_UPDATE_GOLDEN=1 pytest tests/test_quiz_export.py`` and review the diff.
"""

import io
import os
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from nerveroot.quiz import all_banks, load_bank
from nerveroot.quiz.export import (
    QTI_NS,
    gift_escape,
    gift_unescape,
    parse_gift,
    qti_files,
    to_gift,
    to_moodle_xml,
    to_qti_zip,
)
from nerveroot.quiz.text import to_html, to_inline_html

DATA = Path(__file__).parent / "data" / "quiz"
GOLDEN = Path(__file__).parent / "golden" / "quiz"
UPDATE = bool(os.environ.get("NERVEROOT_UPDATE_GOLDEN"))
Q = f"{{{QTI_NS}}}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.fixture(scope="module")
def bank():
    return load_bank(DATA / "good.yaml")


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}: run with NERVEROOT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


# -- golden files ----------------------------------------------------------------


def test_gift_golden(bank):
    golden("fixture.gift", to_gift([bank]))


def test_moodle_xml_golden(bank):
    golden("fixture.moodle.xml", to_moodle_xml([bank]))


def test_qti_golden(bank):
    for name, text in qti_files([bank]).items():
        golden(f"fixture.qti/{name}", text)
    if not UPDATE:
        on_disk = {p.relative_to(GOLDEN / "fixture.qti").as_posix() for p in (GOLDEN / "fixture.qti").rglob("*.xml")}
        assert on_disk == set(qti_files([bank]))


def test_exports_are_deterministic():
    banks = all_banks()
    assert to_qti_zip(banks) == to_qti_zip(banks)
    assert to_gift(banks) == to_gift(banks)


# -- GIFT ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["a = b", "x ~ y", "#1", "{braces}", "ratio 1:2", "back\\slash",
                                  "æøå ÆØÅ", "L5 = {traversing} ~ #1: æ\\ø", "two\nlines"])
def test_gift_escape_round_trips(text):
    escaped = gift_escape(text)
    for ch in "=~#{}:":
        assert ch not in escaped.replace("\\" + ch, "")
    assert "\n" not in escaped
    assert gift_unescape(escaped) == text


def test_gift_parses_back(bank):
    parsed = parse_gift(to_gift([bank]))
    assert [p["title"] for p in parsed] == [q.id for q in bank.questions]
    single = parsed[0]
    assert single["prompt"] == to_html(bank.questions[0].prompt)
    assert "a = b ~ c # d {e} f: g \\ h, and æøå ÆØÅ" in single["prompt"]
    assert single["answers"] == [("=", to_inline_html("L5 = the traversing root"),
                                  to_html("Yes: L5 {traversing} ~ crosses the disc # right.")),
                                 ("~", to_inline_html("L4: the exiting root"),
                                  to_html("No; L4 exits at L4/L5 (foraminal: ~ 'exiting')."))]
    assert "Traversing root = L5" in single["general"] and "nerverodspåvirkning" in single["general"]
    multiple = parsed[1]
    assert [a[1] for a in multiple["answers"]] == ["%50%L4", "%50%L5", "%-100%S1"]
    assert parsed[2]["body"].startswith("FALSE#")
    numeric = parsed[3]
    assert numeric["body"].startswith("#")
    assert "=37.2:1#" in numeric["body"] and "=%0%36:0.1#" in numeric["body"]


def test_category_per_chapter():
    text = to_gift(all_banks())
    cats = [ln for ln in text.splitlines() if ln.startswith("$CATEGORY:")]
    assert len(cats) == len(all_banks())


# -- Moodle XML ------------------------------------------------------------------


def test_moodle_xml_structure(bank):
    root = ET.fromstring(to_moodle_xml([bank]).encode("utf-8"))
    qs = root.findall("question")
    assert [q.get("type") for q in qs] == ["category", "multichoice", "multichoice", "truefalse", "numerical"]
    assert qs[0].findtext("category/text") == "$course$/top/nerveroot/Fixture: æøå & {braces}"
    single, multiple, tf, num = qs[1:]
    assert single.findtext("single") == "true" and multiple.findtext("single") == "false"
    assert [a.get("fraction") for a in single.findall("answer")] == ["100", "0"]
    assert [a.get("fraction") for a in multiple.findall("answer")] == ["50", "50", "-100"]
    for q in (single, multiple, tf, num):
        assert q.findtext("generalfeedback/text")
        assert all(a.findtext("feedback/text") for a in q.findall("answer"))
        assert q.findtext("idnumber")
    assert [(a.findtext("text"), a.get("fraction")) for a in tf.findall("answer")] == [("true", "0"), ("false", "100")]
    answers = [(a.findtext("text"), a.findtext("tolerance"), a.get("fraction")) for a in num.findall("answer")]
    assert answers == [("37.2", "1", "100"), ("36", "0.1", "0"), ("*", "0", "0")]


def test_moodle_xml_of_all_banks_parses_and_weights_sum_to_100():
    root = ET.fromstring(to_moodle_xml(all_banks()).encode("utf-8"))
    cats = [q for q in root.findall("question") if q.get("type") == "category"]
    assert len(cats) == len(all_banks())
    for q in root.findall("question[@type='multichoice']"):
        positive = sum(float(a.get("fraction")) for a in q.findall("answer") if float(a.get("fraction")) > 0)
        assert abs(positive - 100) < 0.01, q.findtext("name/text")


# -- QTI 2.1 ---------------------------------------------------------------------


def test_qti_package_is_consistent():
    banks = all_banks()
    zf = zipfile.ZipFile(io.BytesIO(to_qti_zip(banks)))
    names = set(zf.namelist())
    assert zf.namelist()[0] == "imsmanifest.xml"
    manifest = ET.fromstring(zf.read("imsmanifest.xml"))
    assert manifest.findtext(f"{CP}metadata/{CP}schema") == "QTIv2.1 Package"
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    items = {r.get("identifier"): r for r in resources if r.get("type") == "imsqti_item_xmlv2p1"}
    tests = [r for r in resources if r.get("type") == "imsqti_test_xmlv2p1"]
    n_questions = sum(len(b.questions) for b in banks)
    assert len(items) == n_questions and len(tests) == len(banks)
    listed = {f.get("href") for r in resources for f in r.findall(f"{CP}file")}
    assert listed == names - {"imsmanifest.xml"}
    assert {n for n in names if n.endswith(".png")} == {"images/drawing-area.png", "images/drawing-point.png"}
    for ident, res in items.items():
        item = ET.fromstring(zf.read(res.get("href")))
        assert item.tag == Q + "assessmentItem" and item.get("identifier") == ident
        decl = item.find(Q + "responseDeclaration")
        values = [v.text for v in decl.findall(f"{Q}correctResponse/{Q}value")]
        assert values
        choices = {c.get("identifier") for c in item.iter(Q + "simpleChoice")}
        if decl.get("baseType") == "identifier":
            assert set(values) <= choices
            # every choice has its feedback
            fb = {m.get("identifier") for m in item.findall(Q + "modalFeedback") if m.get("outcomeIdentifier") == "FEEDBACK"}
            assert fb == choices
        elif decl.get("baseType") == "point":  # a place question (tests/test_place_quiz.py)
            assert item.find(f".//{Q}selectPointInteraction") is not None
        else:
            assert item.find(f".//{Q}textEntryInteraction") is not None
        assert any(m.get("identifier") == "EXPLANATION" for m in item.findall(Q + "modalFeedback"))
    for res in tests:
        test = ET.fromstring(zf.read(res.get("href")))
        refs = {r.get("identifier") for r in test.iter(Q + "assessmentItemRef")}
        assert refs == {d.get("identifierref") for d in res.findall(f"{CP}dependency")}
        assert refs <= set(items)


def test_qti_zip_is_reproducible(bank):
    assert to_qti_zip([bank]) == to_qti_zip([bank])
    for info in zipfile.ZipFile(io.BytesIO(to_qti_zip([bank]))).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
