"""The diagnosis chapter's widgets: every face of the calculator, the SLR explainer and the localiser."""

import json
import re

import pytest

from nerveroot.clinical.localize import rule_data
from nerveroot.display import BUILD_ENV, EVERY_FACE, PLOTLY_MIME, WIDGET_MIME, png_size, web_spec
from nerveroot.figures.calculator import PRE_STEPS, AccuracyCalculator
from nerveroot.figures.localiser import RootLocaliser
from nerveroot.figures.slr import ANGLES, SLRExplainer, range_key

WIDGETS = [AccuracyCalculator, SLRExplainer, RootLocaliser]


@pytest.fixture(scope="module", params=WIDGETS, ids=lambda c: c.__name__)
def widget(request):
    return request.param()


@pytest.fixture(scope="module")
def bundle(widget):
    """Every face but the print face, which needs Chromium (png)."""
    return widget._repr_mimebundle_(include=EVERY_FACE - {"image/png"})


@pytest.fixture(scope="module")
def png(widget, chromium):
    return widget._repr_mimebundle_(include={"image/png"})["image/png"]


def test_all_faces(bundle, png):
    assert {"text/plain", "text/html"} <= set(bundle) and png
    assert WIDGET_MIME in bundle or PLOTLY_MIME in bundle


def test_live_face_left_out_in_the_book_build(widget, monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "html")
    assert set(widget._repr_mimebundle_()) == {"text/plain", "text/html"}
    monkeypatch.setenv(BUILD_ENV, "latex")
    monkeypatch.setattr(type(widget), "print_png", lambda self: b"png")
    assert set(widget._repr_mimebundle_()) == {"text/plain", "image/png"}


def test_print_face_size(widget, png):
    w, h = widget.print_size
    assert png_size(png) == (int(w * widget.print_scale), int(h * widget.print_scale))


def test_static_face_is_offline_deterministic_and_inert(widget, bundle):
    html = bundle["text/html"]
    assert "http://" not in html and "https://" not in html
    assert all('type="application/json"' in s for s in re.findall(r"<script([^>]*)>", html))
    assert type(widget)()._repr_mimebundle_(include={"text/html"})["text/html"] == html
    for group in widget.needs:
        assert f"{group}" in re.search(r'data-nr-needs="([^"]*)"', html).group(1)


def test_calculator_controls_cover_tests_and_pre_test():
    calc = AccuracyCalculator()
    spec = web_spec(calc.figure())
    labels = [b["label"] for b in spec["controls"]["menus"][0]["buttons"]]
    assert "SLR - surgical case series (pooled)" in labels and "SLR - broad cohort, MRI reference" in labels
    steps = spec["controls"]["sliders"][0]["steps"]
    assert len(steps) == len(PRE_STEPS) and steps[7]["label"] == "30 %"
    assert "Capra" in spec["captions"]["caption"]
    # every button caption names the population and a source
    assert all("Population:" in b["captions"]["caption"] and "Source:" in b["captions"]["caption"]
               for b in spec["controls"]["menus"][0]["buttons"])


def test_calculator_numbers():
    calc = AccuracyCalculator()
    e = next(x for x in calc.entries if x.id == "slr_mri_cohort")
    text = calc.result_text(e, 0.30)
    assert "LR+ 1.38" in text and "30 % → <b>37 %</b>" in text and "30 % → <b>27 %</b>" in text
    with pytest.raises(ValueError, match="calculator offers"):
        AccuracyCalculator(default="slr_majlesi")


def test_calculator_print_face_has_table_and_nomogram():
    fig = AccuracyCalculator().print_figure()
    kinds = {t.type for t in fig.data}
    assert {"table", "scatter"} <= kinds and not fig.layout.sliders and not fig.layout.updatemenus


def test_slr_slider_covers_0_to_90_and_toggles_exist():
    spec = web_spec(SLRExplainer().figure())
    steps = spec["controls"]["sliders"][0]["steps"]
    assert [s["label"] for s in steps] == [f"{a}°" for a in ANGLES] and ANGLES[0] == 0 and ANGLES[-1] == 90
    labels = [b["label"] for m in spec["controls"]["menus"] for b in m["buttons"]]
    assert "Add ankle dorsiflexion (Bragard)" in labels and "Add neck flexion" in labels
    assert "convention" in spec["captions"]["caption"] and "not to scale" in spec["captions"]["caption"].lower()


def test_slr_texts_are_caption_parts_that_each_control_sets():
    slr = SLRExplainer(angle=40)
    spec = web_spec(slr.figure())
    assert spec["captions"] == {"caption-angle": slr.interpretation(40), "caption-dorsi": slr.s["dorsi_off"],
                                "caption-neck": slr.s["neck_off"], "caption": slr.s["caption"]}
    # each control sets only its own part, so the three combine in any order
    steps = spec["controls"]["sliders"][0]["steps"]
    assert all(set(st["captions"]) == {"caption-angle"} for st in steps)
    assert steps[ANGLES.index(85)]["captions"]["caption-angle"] == slr.interpretation(85)
    dorsi, neck = spec["controls"]["menus"]
    assert [b["captions"] for b in dorsi["buttons"]] == [{"caption-dorsi": slr.s["dorsi_off"]},
                                                          {"caption-dorsi": slr.s["dorsi_on"]}]
    assert [b["captions"] for b in neck["buttons"]] == [{"caption-neck": slr.s["neck_off"]},
                                                         {"caption-neck": slr.s["neck_on"]}]
    # no text is drawn (or hidden) in the plot: the captions are the page's text
    assert not [t for t in spec["data"] if t.get("mode") == "text" and t.get("opacity") == 0]
    assert all(a.get("visible") is False for a in spec["layout"]["annotations"])


def test_slr_texts_are_shown_above_the_plot_and_its_note_under_it():
    html = SLRExplainer(angle=85).static_html()
    above, below = html.split('class="nr-plotly"')
    assert '<div class="nr-caption-above">' in above and "no confirmed source" in above
    assert above.count('data-part="caption-') == 3 and "Bragard" in above
    assert 'data-part="caption"' in below and "not to scale" in below
    assert html.count('aria-live="polite"') == 4


def test_slr_interpretation_per_range():
    s = SLRExplainer()
    assert range_key(10) != range_key(45) != range_key(85)
    assert "convention" in s.s["band_convention"]
    assert "no confirmed source" in s.interpretation(85)
    with pytest.raises(ValueError, match="angle"):
        SLRExplainer(angle=33)


def test_slr_print_face_is_small_multiples():
    fig = SLRExplainer().print_figure()
    titles = [a.text for a in fig.layout.annotations]
    assert sum(1 for t in titles if re.match(r"\d+°", t)) == 4


def test_localiser_static_face_ships_the_same_rule():
    html = RootLocaliser().static_html()
    data = json.loads(re.search(r'class="nr-localiser-data">(.*?)</script>', html).group(1))
    assert data == json.loads(json.dumps(rule_data()))
    assert html.count('type="checkbox"') == len(data["findings"])
    assert 'data-status="not_localising"' in html  # Python's verdict before any JS runs


def test_localiser_pre_ticked():
    html = RootLocaliser(["reduced_achilles_reflex", "weak_plantar_flexion"]).static_html()
    assert 'data-root="S1"' in html and len(re.findall(r"data-finding=\"[^\"]+\" checked>", html)) == 2
    with pytest.raises(ValueError, match="unknown finding"):
        RootLocaliser(["bogus"])
