"""The three-face display protocol (nerveroot.display) and the intro figure."""

import json
import re

import pytest

from nerveroot import display
from nerveroot.display import BUILD_ENV, PLOTLY_MIME, WIDGET_MIME, Interactive, png_size, web_spec
from nerveroot.figures.overview import LumbarLevels


@pytest.fixture(scope="module")
def bundle():
    return LumbarLevels()._repr_mimebundle_()


def test_every_face_is_present(bundle, monkeypatch):
    assert set(bundle) >= {"text/plain", "text/html", "image/png"}
    # outside the book build, the live face is there too (here: the plotly figure itself)
    assert PLOTLY_MIME in bundle or WIDGET_MIME in bundle


def test_live_face_is_left_out_while_the_book_builds(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "html")
    b = LumbarLevels()._repr_mimebundle_()
    assert PLOTLY_MIME not in b and WIDGET_MIME not in b
    assert set(b) == {"text/plain", "text/html", "image/png"}


def test_print_face_has_a_fixed_pixel_size(bundle):
    w, h = LumbarLevels.print_size
    assert png_size(bundle["image/png"]) == (int(w * LumbarLevels.print_scale), int(h * LumbarLevels.print_scale))
    # and the same again: deterministic size
    assert png_size(LumbarLevels().print_png()) == png_size(bundle["image/png"])


def test_print_face_has_no_controls():
    fig = LumbarLevels().print_figure()
    assert not fig.layout.updatemenus and not fig.layout.sliders


def test_static_face_loads_nothing_and_declares_its_needs(bundle):
    html = bundle["text/html"]
    assert 'data-nr-needs="plotly"' in html
    assert "http://" not in html and "https://" not in html and "cdn" not in html.lower()
    assert "<script src" not in html and "<script type=\"text/javascript\"" not in html
    # the only script element is inert JSON data, drawn by assets/js/nr-plotly.js
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all('type="application/json"' in s for s in scripts)


def test_static_face_is_deterministic(bundle):
    assert LumbarLevels()._repr_mimebundle_()["text/html"] == bundle["text/html"]


def test_static_face_has_a_text_alternative(bundle):
    html = bundle["text/html"]
    assert re.search(r'role="img" aria-label="[^"]{40,}"', html)
    assert "<figcaption" in html


def test_controls_move_out_of_the_svg_into_html():
    spec = web_spec(LumbarLevels().figure())
    assert "updatemenus" not in spec["layout"]
    labels = [b["label"] for b in spec["controls"]["menus"][0]["buttons"]]
    assert labels == ["All roots", "L3", "L4", "L5", "S1"]
    # each button carries the caption it shows, and the in-plot caption is hidden
    captions = [b["caption"] for b in spec["controls"]["menus"][0]["buttons"]]
    assert all(captions) and len(set(captions)) == 5
    assert "L4/L5 disc" in captions[3] and "L5" in captions[3]
    hidden = [a for a in spec["layout"]["annotations"] if a.get("name") == "caption"]
    assert hidden and all(a["visible"] is False for a in hidden)


def test_static_face_has_no_modebar_and_no_cloud():
    config = web_spec(LumbarLevels().figure())["config"]
    assert config["displayModeBar"] is False  # no focusable controls inside role="img"
    assert config["showSendToCloud"] is False and config["showLink"] is False


def test_static_face_carries_only_the_template_it_can_use():
    spec = web_spec(LumbarLevels().figure())
    template = spec["layout"]["template"]
    assert set(template["data"]) == {"scatter"}  # not plotly's defaults for 24 trace types
    assert "polar" not in template["layout"] and "colorway" in template["layout"]
    assert template["layout"]["colorway"][0] == "#0072B2"  # the course's Okabe-Ito colours
    assert len(json.dumps(template)) < 1500


def test_figure_numbers_are_rounded_for_the_web():
    assert display.round_floats({"x": [0.9542425094393249, 12345.678], "n": 3, "s": "0.123456789"}) == {
        "x": [0.95424, 12346.0], "n": 3, "s": "0.123456789"}
    text = json.dumps(web_spec(LumbarLevels().figure()))
    assert not re.search(r"\d\.\d{7,}", text)


def test_a_figure_with_a_minimum_width_scrolls_in_its_own_focusable_box():
    from nerveroot.figures.prognosis import PrognosisFigure

    html = PrognosisFigure().static_html()
    assert '<div class="nr-scroll" tabindex="0" role="region" aria-label="Figure: scroll sideways' in html
    assert "min-width:640px" in html
    assert "nr-scroll" not in LumbarLevels().static_html()  # reflowing figures are not wrapped


def test_json_in_script_cannot_close_the_element():
    text = display.json_for_script({"a": "</script><script>alert(1)</script>"})
    assert "</script" not in text and json.loads(text)["a"].startswith("</script>")


def test_text_summary_names_every_root(bundle):
    for root in ("L3", "L4", "L5", "S1"):
        assert root in bundle["text/plain"]
    assert "L5 crosses the L4/L5 disc and exits at L5/S1" in bundle["text/plain"]


def test_png_size_rejects_other_data():
    with pytest.raises(ValueError, match="not a PNG"):
        png_size(b"GIF89a" + b"\0" * 30)


def test_include_and_exclude_filter_the_bundle():
    class Tiny(Interactive):
        def static_html(self):
            return "<p>hi</p>"

        def print_png(self):
            return b"png"

        def summary(self):
            return "tiny"

    assert set(Tiny()._repr_mimebundle_(include={"text/plain"})) == {"text/plain"}
    assert "image/png" not in Tiny()._repr_mimebundle_(exclude={"image/png"})
    assert Tiny()._repr_mimebundle_()["text/html"].startswith('<div class="nr-face" data-nr-needs="">')
