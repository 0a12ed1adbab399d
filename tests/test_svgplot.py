"""The picture a figure shows until plotly.js draws it (nerveroot.svgplot): every course figure gets
one at both widths, well-formed and self-contained, in the same place as plotly would draw it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from nerveroot.display import PlotlyInteractive, web_spec
from nerveroot.svgplot import NARROW_WIDTH, REFERENCE_WIDTH, UnsupportedFigure, figure_svg, rich_lines

SVG = "{http://www.w3.org/2000/svg}"


def parse_inline(picture: str) -> ET.Element:
    """An SVG inline in the page (no xmlns: HTML gives it its namespace), parsed as SVG."""
    assert "xmlns" not in picture
    return ET.fromstring(picture.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def course_figures() -> list[PlotlyInteractive]:
    """Every plotly figure the chapters show (each exercise's animation too)."""
    from nerveroot.clinical.exercises import load_exercises
    from nerveroot.figures.calculator import AccuracyCalculator
    from nerveroot.figures.dermatomes import DermatomeMap
    from nerveroot.figures.disc_explorer import DiscLevelExplorer
    from nerveroot.figures.exercises import ExerciseAnimation
    from nerveroot.figures.herniation import HerniationTypes
    from nerveroot.figures.overview import LumbarLevels
    from nerveroot.figures.prognosis import PrognosisFigure
    from nerveroot.figures.slr import SLRExplainer

    figures = [AccuracyCalculator(), DermatomeMap(), DiscLevelExplorer(), HerniationTypes(), LumbarLevels(),
               PrognosisFigure(), SLRExplainer()]
    return figures + [ExerciseAnimation(e) for e in load_exercises()]


def all_plotly_classes():
    seen, todo = set(), [PlotlyInteractive]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return {c for c in seen if c.__module__.startswith("nerveroot.figures")}


def test_the_list_of_course_figures_is_complete():
    assert {type(f) for f in course_figures()} == all_plotly_classes()


@pytest.fixture(scope="module")
def faces():
    return [(type(f).__name__, f.static_html()) for f in course_figures()]


def test_every_figure_shows_a_picture_at_desktop_and_phone_width_in_its_reserved_height(faces):
    for name, face in faces:
        plot = re.search(r'<div id="(nr-fig-[0-9a-f]+)" class="nr-plotly" role="img" aria-label="([^"]+)" '
                         r'style="min-height:(\d+)px[^"]*">(.*?)</div>', face, re.S)
        assert plot, f"{name}: no plot area with a text alternative"
        pictures = re.findall(r"<svg .*?</svg>", plot.group(4), re.S)
        widths = sorted(int(float(re.search(r'viewBox="0 0 ([\d.]+)', p).group(1))) for p in pictures)
        assert widths[-1] >= REFERENCE_WIDTH, name
        if "min-width" not in plot.group(0):
            assert widths == [NARROW_WIDTH, REFERENCE_WIDTH], name
        for picture in pictures:
            root = parse_inline(picture)
            assert root.get("aria-hidden") == "true", f"{name}: the plot's role=img speaks for its picture"
            assert root.get("height") == plot.group(3), f"{name}: the picture fills the reserved height"
            assert re.search(rf'viewBox="0 0 [\d.]+ {plot.group(3)}"', picture), name


def test_pictures_are_self_contained_and_their_ids_unique_in_the_page(faces):
    ids: list[str] = []
    for name, face in faces:
        for picture in re.findall(r"<svg .*?</svg>", face, re.S):
            root = parse_inline(picture)
            here = [e.get("id") for e in root.iter() if e.get("id")]
            ids += here
            refs = set(re.findall(r"url\(#([^)]+)\)", picture))
            assert refs <= set(here), f"{name}: a pattern or clip path is missing"
            assert not re.search(r'(href|src)="(?!#)', picture), f"{name}: the picture loads nothing"
            assert root.find(f".//{SVG}text") is not None or "Exercise" in name, name
    assert len(ids) == len(set(ids)), "two pictures on one page would share an id"


def test_the_picture_is_a_small_part_of_the_page():
    """Lighter than the spec it replaces until the reader comes near: a few KB per figure."""
    for fig in course_figures():
        spec = web_spec(fig.the_figure())
        spec["layout"].setdefault("height", fig.html_height)
        svg = figure_svg(spec, REFERENCE_WIDTH, fig.html_height)
        assert len(svg) < 40_000, type(fig).__name__


def test_areas_filled_alike_share_one_pattern_and_a_closed_outline_is_one_path():
    area = {"type": "scatter", "mode": "lines", "fill": "toself", "fillcolor": "#E69F00",
            "fillpattern": {"shape": "/", "size": 6, "solidity": 0.3}, "line": {"color": "#1f2933", "width": 1}}
    spec = {"data": [dict(area, x=[0, 4, 4, 0], y=[0, 0, 4, 0]), dict(area, x=[5, 9, 9, 5], y=[0, 0, 4, 0])],
            "layout": {"xaxis": {"range": [0, 10], "visible": False}, "yaxis": {"range": [0, 5], "visible": False},
                       "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "height": 200}}
    root = ET.fromstring(figure_svg(spec, 400, 200))
    assert len(list(root.iter(f"{SVG}pattern"))) == 1
    paths = [p for p in root.iter(f"{SVG}path") if (p.get("fill") or "").startswith("url(")]
    assert len(paths) == 2 and all(p.get("stroke") == "#1f2933" and p.get("d").endswith("Z") for p in paths)


def box(d: str) -> list[float]:
    return [float(v) for v in re.findall(r"-?[\d.]+", d)]


def test_a_line_lands_where_plotly_draws_it():
    spec = {"data": [{"type": "scatter", "mode": "lines", "x": [0, 10], "y": [0, 5], "line": {"color": "red"}}],
            "layout": {"xaxis": {"range": [0, 10], "visible": False}, "yaxis": {"range": [0, 5], "visible": False},
                       "margin": {"l": 10, "r": 20, "t": 30, "b": 40}, "height": 300}}
    root = ET.fromstring(figure_svg(spec, 400, 300))
    line = [p for p in root.iter(f"{SVG}path") if p.get("stroke") == "red"][0]
    # plot area: x 10..380, y 30..260 (y up)
    assert box(line.get("d")) == [10, 260, 380, 30]


def test_equal_scales_shrink_the_domain_or_widen_the_range_as_constrain_says():
    def spec(constrain):
        axis = {"visible": False, "constrain": constrain}
        return {"data": [{"type": "scatter", "mode": "lines", "x": [0, 1], "y": [0, 1], "line": {"color": "red"}}],
                "layout": {"xaxis": {**axis, "range": [0, 1]}, "yaxis": {**axis, "range": [0, 1], "scaleanchor": "x"},
                           "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "height": 200}}

    for constrain in ("domain", "range"):
        root = ET.fromstring(figure_svg(spec(constrain), 400, 200))
        x0, y0, x1, y1 = box([p for p in root.iter(f"{SVG}path") if p.get("stroke") == "red"][0].get("d"))
        assert abs((x1 - x0) - (y0 - y1)) < 0.2, constrain  # one unit is as long across as up
        assert abs((x0 + x1) / 2 - 200) < 0.2, constrain  # centred


def test_bars_on_a_category_axis_in_the_given_order():
    spec = {"data": [{"type": "bar", "orientation": "h", "x": [3, 1], "y": ["b", "a"], "marker": {"color": "navy"}}],
            "layout": {"yaxis": {"categoryorder": "array", "categoryarray": ["a", "b"]}, "xaxis": {"range": [0, 4]},
                       "height": 300}}
    root = ET.fromstring(figure_svg(spec, 400, 300))
    bars = sorted((float(r.get("y")), float(r.get("width"))) for r in root.iter(f"{SVG}rect")
                  if r.get("fill") == "navy")
    assert len(bars) == 2
    (top_y, top_w), (low_y, low_w) = bars
    assert top_w == pytest.approx(3 * low_w, rel=0.01)  # "b" (3) is the upper bar: categories run upwards
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "a" in labels and "b" in labels


def test_rich_text_lines_and_escaping():
    assert rich_lines("A <b>bold</b><br>x &amp; y") == [[("A ", False, False), ("bold", True, False)],
                                                        [("x & y", False, False)]]
    spec = {"data": [], "layout": {"annotations": [{"text": "a < b & <i>c</i>", "x": 0.5, "y": 0.5, "xref": "paper",
                                                     "yref": "paper", "showarrow": False}], "height": 100}}
    out = figure_svg(spec, 200, 100)
    assert "a &lt; b &amp; " in out and 'font-style="italic">c<' in out
    ET.fromstring(out)


def test_shape_paths_in_data_coordinates_absolute_and_relative():
    layout = {"xaxis": {"range": [0, 10], "visible": False}, "yaxis": {"range": [0, 10], "visible": False},
              "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "height": 100}
    absolute = {"type": "path", "path": "M 1 1 L 3 1 L 3 4 Z", "line": {"color": "red"}}
    relative = {"type": "path", "path": "M 1 1 l 2 0 v 3 z", "line": {"color": "red"}}
    paths = []
    for shape in (absolute, relative):
        root = ET.fromstring(figure_svg({"data": [], "layout": {**layout, "shapes": [shape]}}, 100, 100))
        paths.append(box([p for p in root.iter(f"{SVG}path") if p.get("stroke") == "red"][0].get("d")))
    assert paths[0] == [10, 90, 30, 90, 30, 60]
    assert paths[1] == [10, 90, 30, 90, 60]  # the same outline: M, L, then V


def test_what_it_cannot_draw_is_named():
    with pytest.raises(UnsupportedFigure, match="trace type 'pie'"):
        figure_svg({"data": [{"type": "pie", "values": [1, 2]}], "layout": {}}, 300, 200)
    with pytest.raises(UnsupportedFigure, match="arrows"):
        figure_svg({"data": [], "layout": {"annotations": [{"text": "x", "x": 0, "y": 0}]}}, 300, 200)
