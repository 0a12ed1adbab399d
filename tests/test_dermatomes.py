"""The dermatome map: geometry sanity, map variants as data, and the three faces."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml

from nerveroot import display
from nerveroot.clinical import dermatome_map as M
from nerveroot.clinical.roots import CORE_ROOTS, MAP_SOURCES
from nerveroot.figures import dermatomes as D
from nerveroot.palette import ROOT_STYLE, contrast_ratio

ROOT = Path(__file__).resolve().parents[1]
GEO_FILE = ROOT / "src" / "nerveroot" / "data" / "dermatome_geometry.yaml"


@pytest.fixture(scope="module")
def geo():
    return M.load_geometry()


@pytest.fixture(scope="module")
def dmap():
    return D.DermatomeMap()


@pytest.fixture(scope="module")
def bundle(dmap):
    """Every face but the print face, which needs Chromium (png)."""
    return dmap._repr_mimebundle_(include=display.EVERY_FACE - {"image/png"})


@pytest.fixture(scope="module")
def png(dmap, chromium):
    return dmap._repr_mimebundle_(include={"image/png"})["image/png"]


# -- geometry -----------------------------------------------------------------


def test_outlines_are_simple_polygons(geo):
    assert list(geo.views) == list(M.VIEW_ORDER)
    for view in geo.views.values():
        outline = list(view.outline)
        assert M.is_simple(outline), view.name
        assert M.signed_area(outline) > 0


def test_areas_are_valid_polygons_inside_the_outline(geo):
    for area in geo.areas:
        poly = list(area.polygon)
        outline = list(geo.views[area.view].outline)
        assert M.is_simple(poly), (area.root, area.view)
        assert abs(M.signed_area(poly)) > 5, (area.root, area.view)
        assert all(M.contains(outline, p, tol=1e-3) for p in poly), (area.root, area.view)
        # edge midpoints too (a vertex test alone would miss edges that leave a concave outline)
        mids = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in zip(poly, poly[1:] + poly[:1])]
        assert all(M.contains(outline, m, tol=1e-3) for m in mids), (area.root, area.view)
        assert M.is_convex(list(area.clip))


def test_areas_of_one_map_do_not_overlap(geo):
    # within one map style, no two roots claim the same skin: sample points on a grid
    for m in MAP_SOURCES:
        for view in geo.views:
            polys = [(a.root, list(a.polygon)) for a in geo.areas if a.view == view and m in a.maps]
            xs = [p[0] for _, poly in polys for p in poly] or [0]
            ys = [p[1] for _, poly in polys for p in poly] or [0]
            for i in range(41):
                for j in range(41):
                    pt = (min(xs) + (max(xs) - min(xs)) * i / 40, min(ys) + (max(ys) - min(ys)) * j / 40)
                    inside = [r for r, poly in polys if M.contains(poly, pt, tol=-1) and
                              M.distance_to_boundary(pt, poly) > 0.05]
                    assert len(inside) <= 1, (m, view, pt, inside)


def test_every_core_root_has_area_and_key_point(geo):
    for m in MAP_SOURCES:
        assert {a.root for a in geo.areas if m in a.maps} == set(CORE_ROOTS)
    assert sorted(k.root for k in geo.key_points) == sorted(CORE_ROOTS)
    for k in geo.key_points:
        assert M.contains(list(geo.views[k.view].outline), k.at)


def test_maps_differ_where_the_sources_say(geo):
    """Map B (Keegan & Garrett) takes L4 to the thigh and the great toe; Map A keeps it on the medial leg."""
    kg = {(a.view) for a in geo.areas if a.root == "L4" and a.maps == ("keegan_garrett",)}
    assert {"front", "dorsum"} <= kg
    l4_views_a = {a.view for a in geo.areas if a.root == "L4" and "medial_leg" in a.maps}
    assert "dorsum" not in l4_views_a
    dmap = D.DermatomeMap()
    disputed = dmap.disputed()
    dorsum = [d for d in disputed if d.view == "dorsum"]
    assert dorsum and dict(dorsum[0].claims) == {"keegan_garrett": "L4", "medial_leg": "L5"}


def test_views_do_not_overlap_in_the_figure(geo):
    boxes = [v.bounds() for v in geo.views.values()]  # (x0, x1, y0, y1)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2], (a, b)


def test_clip_polygon_basics():
    square = [(0, 0), (4, 0), (4, 4), (0, 4)]
    half = M.clip_polygon(square, [(-1, -1), (2, -1), (2, 5), (-1, 5)])
    assert sorted(half) == sorted([(0, 0), (2, 0), (2, 4), (0, 4)])
    assert M.clip_polygon(square, [(10, 10), (11, 10), (11, 11)]) == []
    assert not M.is_simple([(0, 0), (2, 2), (2, 0), (0, 2)])  # a bow tie
    assert not M.is_convex([(0, 0), (2, 0), (1, 0.5), (2, 2), (0, 2)])


@pytest.mark.parametrize(("mutate", "field"), [
    (lambda d: d["areas"][0].update(root="L2"), "areas[0].root"),
    (lambda d: d["areas"][1].update(clip=[[0, 0], [10, 0], [5, 1], [10, 10], [0, 10]]), "areas[1].clip"),
    (lambda d: d["areas"][2].update(maps=["netter"]), "areas[2].maps"),
    (lambda d: d["areas"][0].update(clip=[[500, 500], [501, 500], [501, 501]]), "areas[0].clip"),
    (lambda d: d["views"].pop("sole"), "views.sole"),
    (lambda d: d["views"]["front"].update(outline=[[0, 0], [2, 2], [2, 0], [0, 2]]), "views.front.outline"),
])
def test_geometry_errors_name_file_and_field(mutate, field):
    data = copy.deepcopy(yaml.safe_load(GEO_FILE.read_text(encoding="utf-8")))
    mutate(data)
    with pytest.raises(M.GeometryError) as err:
        M.parse_geometry(data)
    assert str(err.value).startswith(f"{M.GEOMETRY_FILE}: {field}")


def test_label_colours_are_readable():
    for root in CORE_ROOTS:
        assert contrast_ratio(D.LABEL_INK[root], ROOT_STYLE[root]["color"]) >= 3.0, root


# -- figure and controls -------------------------------------------------------------


def test_buttons_one_per_root_and_per_map(dmap):
    fig = dmap.figure()
    roots_menu, maps_menu = fig.layout.updatemenus
    assert [b.label for b in roots_menu.buttons] == ["All roots", *CORE_ROOTS]
    assert len(maps_menu.buttons) == 3


def test_root_button_highlights_only_that_root(dmap, geo):
    fig = dmap.figure()
    l5 = next(b for b in fig.layout.updatemenus[0].buttons if b.label == "L5")
    upd, layout, idx = l5.args
    opacity = dict(zip(idx, upd["opacity"]))
    _, groups = dmap._traces("medial_leg")
    for i, area in zip(groups["area"], geo.areas):
        assert (opacity[i] == 1.0) == (area.root == "L5"), (area.root, area.view)
        assert "L5" in fig.data[i].name or opacity[i] < 1
    for i, point in zip(groups["key"], geo.key_points):
        assert (opacity[i] == 1.0) == (point.root == "L5")
    caption = next(a for a in layout["annotations"] if a.get("name") == "caption")["text"]
    assert "hip abduction" in caption and "medial hamstring" in caption


def test_map_buttons_switch_visibility_not_opacity(dmap):
    fig = dmap.figure()
    for b in fig.layout.updatemenus[1].buttons:
        assert set(b.args[0]) == {"visible"}
    for b in fig.layout.updatemenus[0].buttons:
        assert "visible" not in b.args[0]


def test_figure_rejects_unknown_choices(dmap):
    with pytest.raises(ValueError, match="L4, L5, S1"):
        dmap.figure("L2")
    with pytest.raises(ValueError, match="disagree"):
        dmap.figure(None, "foerster")


# -- faces ------------------------------------------------------------------------------


def test_static_face(bundle):
    html = bundle["text/html"]
    assert 'data-nr-needs="plotly"' in html
    assert "http" not in html
    spec = json.loads(re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S).group(1))
    labels = [b["label"] for m in spec["controls"]["menus"] for b in m["buttons"]]
    assert {"L4", "L5", "S1", "Where maps disagree"} <= set(labels)


def test_static_face_stays_light_on_a_phone(bundle):
    """The face carries the spec (the book build moves it to a file loaded with plotly.js) and two
    pictures (wide and narrow, one shown): each has its own budget, so a heavier drawing shows up
    in the part that grew."""
    html = bundle["text/html"]
    spec = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S).group(1)
    pictures = dict(re.findall(r'(<svg class="nr-picture (nr-wide|nr-narrow).*?</svg>)', html, re.S)[i][::-1]
                    for i in range(2))
    assert set(pictures) == {"nr-wide", "nr-narrow"}
    assert len(spec) < 45_000, len(spec)
    assert len(pictures["nr-wide"]) < 28_000, len(pictures["nr-wide"])
    assert len(pictures["nr-narrow"]) < 24_000, len(pictures["nr-narrow"])
    rest = len(html) - len(spec) - sum(map(len, pictures.values()))
    assert rest < 8_000, rest  # controls, captions, text alternative


def test_print_face(png):
    w, h = D.DermatomeMap.print_size
    assert display.png_size(png) == (int(w * D.DermatomeMap.print_scale), int(h * D.DermatomeMap.print_scale))


def test_text_face_and_alt(dmap, bundle):
    assert "L5" in bundle["text/plain"] and "disagree" in bundle["text/plain"]
    assert "L4" in dmap.alt_text and "sole" in dmap.alt_text


def test_live_face_only_outside_the_book_build(monkeypatch, dmap):
    monkeypatch.delenv(display.BUILD_ENV, raising=False)
    assert display.WIDGET_MIME in dmap._repr_mimebundle_()
    monkeypatch.setenv(display.BUILD_ENV, "html")
    bundle = dmap._repr_mimebundle_()
    assert display.WIDGET_MIME not in bundle and display.PLOTLY_MIME not in bundle


def test_smooth_outlines_pass_through_every_given_point_and_skip_needless_samples():
    from nerveroot.clinical.dermatome_map import simplify, smooth_curve

    line = [(x / 10, 0.0) for x in range(11)]  # straight: only the ends are needed
    assert simplify(line, 0.01) == [(0.0, 0.0), (1.0, 0.0)]
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    dense, lean = smooth_curve(square, step=0.2), smooth_curve(square, step=0.2, tol=0.03)
    assert all(p in lean for p in square) and len(lean) < len(dense) / 2
    assert max(M.distance_to_boundary(p, lean) for p in dense) <= 0.031  # the same curve, within the tolerance
