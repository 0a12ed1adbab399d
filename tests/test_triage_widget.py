"""The red-flag triage aid: its three faces, case by case, including bad input."""

import itertools
import json
import re
from html.parser import HTMLParser

import pytest

from nerveroot.clinical import red_flags
from nerveroot.display import BUILD_ENV, WIDGET_MIME
from nerveroot.figures.triage import EXAMPLES, TriageAid, flags_table_markdown, reason_sentences
from nerveroot.i18n import strings

ALL = TriageAid().display_order  # every flag, in the checklist's order
SINGLES = [[f] for f in ALL]
PAIRS = [list(p) for p in itertools.combinations(ALL, 2)]


@pytest.fixture(scope="module")
def aid():
    return TriageAid()


class Form(HTMLParser):
    def __init__(self):
        super().__init__()
        self.boxes, self.labels, self.roles, self.json = [], {}, [], None
        self._label, self._json = None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "checkbox":
            self.boxes.append(a)
        if tag == "label":
            self._label = a["for"]
            self.labels[self._label] = ""
        if a.get("role"):
            self.roles.append((tag, a))
        if tag == "script" and "nr-triage-data" in a.get("class", ""):
            self._json = True

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None
        if tag == "script":
            self._json = False

    def handle_data(self, data):
        if self._label:
            self.labels[self._label] += data
        if self._json:
            self.json = (self.json or "") + data


@pytest.fixture(scope="module")
def form(aid):
    f = Form()
    f.feed(aid.static_html())
    return f


# -- the rule, case by case ---------------------------------------------------------------


@pytest.mark.parametrize("ids", [[], *SINGLES, *PAIRS], ids=lambda ids: "+".join(ids) or "none")
def test_widget_sentences_equal_the_rule_for_every_single_flag_and_pair(aid, ids):
    """The templates the browser uses reproduce triage()'s reasons exactly, for every case."""
    assert reason_sentences(ids) == list(red_flags.triage(ids).reasons)
    assert aid.evaluate(ids).level == red_flags.triage(ids).level


@pytest.mark.parametrize(
    "ids, level",
    [
        ([], "routine"),
        (["urinary_retention"], "emergency"),
        (["bilateral_leg_symptoms"], "emergency"),
        (["bilateral_leg_symptoms", "bladder_dysfunction"], "emergency"),
        (["infection_risk"], "urgent"),
        (["fever_unwell", "infection_risk"], "emergency"),
        (["older_age"], "routine"),
        (["contusion_abrasion", "older_age"], "urgent"),
        (["history_of_cancer", "older_age"], "urgent"),
    ],
)
def test_evaluate_orders_ids_like_the_checklist(aid, ids, level):
    result = aid.evaluate(reversed(ids))
    assert result.level == level
    assert list(result.flags) == [f for f in ALL if f in ids]


@pytest.mark.parametrize("bad", [["headache"], ["saddle_anaesthesia", "SADDLE_ANAESTHESIA"], [""], [None]])
def test_bad_input_is_rejected_with_the_valid_ids(aid, bad):
    with pytest.raises(ValueError, match="unknown red flag"):
        aid.evaluate(bad)


def test_duplicate_ticks_count_once(aid):
    assert aid.evaluate(["fever_unwell", "fever_unwell"]).flags == ("fever_unwell",)


# -- static face -------------------------------------------------------------------------


def test_static_face_has_one_labelled_checkbox_per_flag(form):
    assert sorted(ALL) == sorted(red_flags.flags())
    assert [b["value"] for b in form.boxes] == ALL
    for box in form.boxes:
        assert form.labels[box["id"]].strip(), box["id"]
        assert box["aria-describedby"].endswith("-note")


def test_result_region_is_live_and_says_the_level_in_words(aid, form):
    tags = {a.get("class"): (t, a) for t, a in form.roles}
    tag, attrs = tags["nr-triage-result"]
    assert attrs["role"] == "status" and attrs["aria-live"] == "polite"
    html = aid.static_html()
    assert "Routine care" in html and "No red flag was ticked." in html
    assert 'class="nr-triage-icon" aria-hidden="true"' in html  # the icon is decoration; the words carry it


def test_static_face_says_it_is_a_teaching_aid(aid):
    html = aid.static_html()
    assert "A teaching aid, not a clinical decision tool" in html
    assert 'role="note"' in html


def test_browser_data_is_the_rule_and_the_templates(aid, form):
    data = json.loads(form.json)
    assert data["rule"] == json.loads(json.dumps(red_flags.rule_data()))
    assert data["flag_order"] == ALL
    s = strings("triage")
    for key in ("reason_watch", "reason_escalated", "reason_flag", "reason_none"):
        assert data["strings"][key] == s[key]


def test_static_face_is_deterministic_and_needs_the_triage_assets(aid):
    assert aid.static_html() == TriageAid().static_html()
    assert 'data-nr-needs="triage"' in aid.wrap_html("")
    from nerveroot.sphinxext import ASSET_GROUPS

    scripts, styles = ASSET_GROUPS["triage"]
    # the course runtime, the shared rule (assets/js/nr-rules.js, also used by the localiser), then the aid
    assert scripts == ("js/nr-core.js", "js/nr-rules.js", "js/nr-triage.js") and styles == ("css/nr-triage.css",)


def test_danish_terms_are_marked_as_danish(aid):
    html = aid.static_html()
    assert '<span class="nr-triage-danish" lang="da">(ridebukseanæstesi)</span>' in html


# -- print face --------------------------------------------------------------------------


def test_print_face_is_text_with_boxes_rule_and_computed_examples(aid):
    md = aid.print_markdown()
    assert "A teaching aid, not a clinical decision tool" in md
    assert md.count("\u2610") == len(ALL)
    for ids in EXAMPLES:
        result = aid.evaluate(ids)
        assert f"| {result.label} |" in md
    assert "late sign" in md and "early sign" in md
    assert aid.print_mime == "text/markdown" and not hasattr(aid, "print_png")  # text, never a picture


def test_mimebundle_offers_html_and_markdown_and_omits_the_live_face_in_the_build(aid, monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "html")
    bundle = aid._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert "teaching aid" in bundle["text/plain"]
    monkeypatch.setenv(BUILD_ENV, "latex")
    assert set(aid._repr_mimebundle_()) == {"text/plain", "text/markdown"}


# -- live face ---------------------------------------------------------------------------


def test_live_face_ticks_give_the_rules_result(aid, monkeypatch):
    monkeypatch.delenv(BUILD_ENV, raising=False)
    box = aid.live()
    assert set(box.nr_boxes) == set(ALL)
    assert "Routine care" in box.nr_output.value
    box.nr_boxes["infection_risk"].value = True
    assert "Urgent medical assessment" in box.nr_output.value
    box.nr_boxes["infection_risk"].value = False
    box.nr_boxes["bilateral_leg_symptoms"].value = True
    assert "Emergency: same-day referral" in box.nr_output.value
    box.nr_boxes["bilateral_leg_symptoms"].value = False
    box.nr_boxes["older_age"].value = True
    box.nr_boxes["contusion_abrasion"].value = True
    assert "together with other signs of spinal fracture" in box.nr_output.value
    box.nr_boxes["older_age"].value = False
    box.nr_boxes["contusion_abrasion"].value = False
    assert "No red flag was ticked." in box.nr_output.value
    assert WIDGET_MIME in aid._repr_mimebundle_()


# -- the chapter's table -----------------------------------------------------------------


def test_flags_table_lists_every_flag_with_sources():
    from test_symptoms import list_table_rows

    text = flags_table_markdown()
    assert ":class: longtable" in text
    rows = list_table_rows(text)
    assert rows[0] == ["Red flag", "Points to", "On its own", "Note", "Sources"]
    assert len(rows) == 1 + len(ALL)
    for cells, flag in zip(rows[1:], red_flags.flags().values()):  # the table follows the data's order
        assert cells[0] == flag.label
        assert cells[4] == "{cite:p}`" + ",".join(flag.cite) + "`"
    assert re.search(r"Cannot pass urine.*\n.*\n.*\n  - Late sign", text)
