"""The three-face display protocol (nerveroot.display) and the intro figure."""

import json
import re

import pytest

from nerveroot import display
from nerveroot.display import BUILD_ENV, PLOTLY_MIME, WIDGET_MIME, MarkdownPrint, PngPrint, png_size, web_spec
from nerveroot.figures.overview import LumbarLevels


@pytest.fixture(scope="module")
def bundle():
    """Every face but the print face (which needs Chromium: full_bundle), as a front end gets it."""
    return LumbarLevels()._repr_mimebundle_(include={"text/plain", "text/html", PLOTLY_MIME, WIDGET_MIME})


@pytest.fixture(scope="module")
def full_bundle(chromium):
    """Every face, as a front end that asks for all of them gets it."""
    return LumbarLevels()._repr_mimebundle_(include={"text/plain", "text/html", "image/png", PLOTLY_MIME, WIDGET_MIME})


def test_every_face_is_present_when_asked_for(full_bundle):
    bundle = full_bundle
    assert set(bundle) >= {"text/plain", "text/html", "image/png"}
    # outside the book build, the live face is there too (here: the plotly figure itself)
    assert PLOTLY_MIME in bundle or WIDGET_MIME in bundle


def test_in_jupyter_a_picture_is_drawn_only_when_asked_for(monkeypatch):
    monkeypatch.delenv(BUILD_ENV, raising=False)
    b = LumbarLevels()._repr_mimebundle_()
    assert set(b) == {"text/plain", "text/html", PLOTLY_MIME}  # no image/png: it needs a browser


def test_live_face_is_left_out_while_the_book_builds(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "html")
    b = LumbarLevels()._repr_mimebundle_()
    assert PLOTLY_MIME not in b and WIDGET_MIME not in b
    # even if a front end asked for it
    assert set(LumbarLevels()._repr_mimebundle_(include={"text/html", PLOTLY_MIME})) == {"text/html"}


def test_the_html_build_gets_the_static_face_only(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "html")
    monkeypatch.setattr(LumbarLevels, "print_figure", lambda self: pytest.fail("the HTML build drew a print face"))
    assert set(LumbarLevels()._repr_mimebundle_()) == {"text/plain", "text/html"}


def test_the_latex_build_gets_the_print_face_only(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "latex")
    monkeypatch.setattr(LumbarLevels, "print_png", lambda self: b"png")
    monkeypatch.setattr(LumbarLevels, "static_html", lambda self: pytest.fail("the LaTeX build drew a static face"))
    assert LumbarLevels()._repr_mimebundle_() == {"text/plain": LumbarLevels().summary(), "image/png": b"png"}


def test_the_figure_is_built_once_per_display(monkeypatch):
    calls = []
    original = LumbarLevels.figure

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(LumbarLevels, "figure", counting)
    monkeypatch.setattr(display, "figure_png", lambda fig, w, h, scale: b"\x89PNG")
    obj = LumbarLevels()
    bundle = obj._repr_mimebundle_(include={"text/html", "image/png", PLOTLY_MIME})
    assert set(bundle) == {"text/html", "image/png", PLOTLY_MIME}
    assert len(calls) == 1
    obj._repr_mimebundle_(include={"text/html"})
    assert len(calls) == 2  # a new display builds it afresh (the object may have changed)


def test_print_face_has_a_fixed_pixel_size(full_bundle):
    bundle = full_bundle
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
    assert LumbarLevels()._repr_mimebundle_(include={"text/html"})["text/html"] == bundle["text/html"]


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
    captions = [b["captions"]["caption"] for b in spec["controls"]["menus"][0]["buttons"]]
    assert all(captions) and len(set(captions)) == 5
    assert "L4/L5 disc" in captions[3] and "L5" in captions[3]
    hidden = [a for a in spec["layout"]["annotations"] if a.get("name") == "caption"]
    assert hidden and all(a["visible"] is False for a in hidden)


def test_the_caption_is_text_in_the_page_before_any_script_runs(bundle):
    caption = LumbarLevels()._annotations(None)[-1]["text"].replace("<br>", " ")
    assert f'data-part="caption">{caption}</p>' in bundle["text/html"].replace("&#x27;", "'")


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


def test_include_and_exclude_choose_the_faces_computed():
    computed = []

    class Tiny(PngPrint):
        def static_html(self):
            computed.append("html")
            return "<p>hi</p>"

        def print_png(self):
            computed.append("png")
            return b"png"

        def summary(self):
            return "tiny"

    assert set(Tiny()._repr_mimebundle_(include={"text/plain"})) == {"text/plain"}
    assert computed == []
    assert set(Tiny()._repr_mimebundle_(include={"image/png"})) == {"image/png"} and computed == ["png"]
    assert "text/html" not in Tiny()._repr_mimebundle_(include={"text/html", "text/plain"}, exclude={"text/html"})
    assert Tiny()._repr_mimebundle_()["text/html"].startswith('<div class="nr-face" data-nr-needs="">')


def test_a_text_print_face_comes_with_every_display_outside_the_pdf(monkeypatch):
    class Note(MarkdownPrint):
        def static_html(self):
            return "<p>hi</p>"

        def print_markdown(self):
            return "**hi**"

        def summary(self):
            return "note"

    monkeypatch.delenv(BUILD_ENV, raising=False)
    assert Note()._repr_mimebundle_() == {"text/plain": "note", "text/html": Note().wrap_html("<p>hi</p>"),
                                          "text/markdown": "**hi**"}
    monkeypatch.setenv(BUILD_ENV, "latex")
    assert Note()._repr_mimebundle_() == {"text/plain": "note", "text/markdown": "**hi**"}


def test_a_face_that_fails_while_the_book_builds_stops_the_cell(monkeypatch):
    """IPython would catch an Exception from a display and print it where the figure belongs."""

    def broken(self):
        raise RuntimeError("no browser here")

    monkeypatch.setattr(LumbarLevels, "print_png", broken)
    monkeypatch.setenv(BUILD_ENV, "latex")
    with pytest.raises(display.FaceError, match="RuntimeError: no browser here") as err:
        LumbarLevels()._repr_mimebundle_()
    assert not isinstance(err.value, Exception)
    monkeypatch.delenv(BUILD_ENV)
    with pytest.raises(RuntimeError):  # in Jupyter the error is an ordinary one, shown in place of the output
        LumbarLevels()._repr_mimebundle_(include={"image/png"})
