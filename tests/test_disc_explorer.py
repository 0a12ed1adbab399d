"""The disc-level explorer: driven by affected_roots(), every level x zone, and its three faces."""

from __future__ import annotations

import json
import re

import pytest

from nerveroot import display
from nerveroot.clinical.roots import DISC_ORDER, ZONE_ORDER, affected_roots, herniation
from nerveroot.figures import disc_explorer as E


@pytest.fixture(scope="module")
def explorer():
    return E.DiscLevelExplorer()


@pytest.fixture(scope="module")
def bundle(explorer):
    """Every face but the print face, which needs Chromium (png)."""
    return explorer._repr_mimebundle_(include=display.EVERY_FACE - {"image/png"})


@pytest.fixture(scope="module")
def png(explorer, chromium):
    return explorer._repr_mimebundle_(include={"image/png"})["image/png"]


@pytest.mark.parametrize("disc", DISC_ORDER)
@pytest.mark.parametrize("zone", ZONE_ORDER)
def test_result_text_names_the_affected_roots(explorer, disc, zone):
    text = explorer.result_text(disc, zone)
    assert disc in text
    assert f"<b>{', '.join(affected_roots(disc, zone))}" in text
    mech = herniation(disc, zone).mechanism
    assert {"traversing": "traversing", "exiting": "exiting", "central": "cauda equina"}[mech] in text


@pytest.mark.parametrize("disc", DISC_ORDER)
@pytest.mark.parametrize("zone", ZONE_ORDER)
def test_exactly_one_result_is_visible_for_any_click_order(explorer, disc, zone):
    """Level buttons set `visible`, zone buttons `opacity`: any combination shows one matching result."""
    fig = explorer.figure("L3/L4", "central")
    level = next(b for b in fig.layout.updatemenus[0].buttons if b.label == disc)
    zone_btn = fig.layout.updatemenus[1].buttons[ZONE_ORDER.index(zone)]
    data = [dict(t.to_plotly_json()) for t in fig.data]
    for button in (zone_btn, level):  # zone first, then level: the order must not matter
        upd, _, idx = button.args
        for key, values in upd.items():
            for i, v in zip(idx, values):
                if v is not None:
                    data[i][key] = v
    shown = [t["text"][0] for t in data if t.get("mode") == "text" and t.get("visible", True) is not False
             and t.get("opacity", 1) == 1 and "→" in str(t.get("text"))]
    assert shown == [explorer.result_text(disc, zone)]


def test_buttons(explorer):
    fig = explorer.figure()
    levels, zones = fig.layout.updatemenus
    assert [b.label for b in levels.buttons] == list(DISC_ORDER)
    assert [b.label for b in zones.buttons] == ["Central", "Paracentral", "Foraminal", "Far lateral"]
    assert levels.active == DISC_ORDER.index("L4/L5") and zones.active == ZONE_ORDER.index("paracentral")
    # level and zone buttons touch different properties, so they compose
    assert set(levels.buttons[0].args[0]) == {"visible"}
    assert "visible" not in zones.buttons[0].args[0]


def test_level_captions_teach_the_danish_naming(explorer):
    assert '"L4-prolaps"' in explorer.level_caption("L4/L5")
    assert "L5 root crosses it" in explorer.level_caption("L4/L5")


def test_sac_contents():
    assert E.sac_roots("L5") == "S1–S5"
    assert E.sac_roots("S1") == "S2–S5"


def test_bad_choices_raise_value_error(explorer):
    with pytest.raises(ValueError, match="L3/L4, L4/L5, L5/S1"):
        explorer.figure("L1/L2", "central")
    with pytest.raises(ValueError, match="far_lateral"):
        explorer.figure("L4/L5", "sideways")


def test_static_face(bundle):
    html = bundle["text/html"]
    assert 'data-nr-needs="plotly"' in html
    assert "http" not in html
    spec = json.loads(re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert "L4-prolaps" in spec["captions"]["caption"]
    assert len(spec["controls"]["menus"]) == 2
    assert len(html) < 150_000


def test_print_face(png):
    w, h = E.DiscLevelExplorer.print_size
    scale = E.DiscLevelExplorer.print_scale
    assert display.png_size(png) == (int(w * scale), int(h * scale))


def test_text_face(explorer, bundle):
    assert "L4/L5 paracentral → L5" in bundle["text/plain"]
    assert "axial" in explorer.alt_text


def test_live_face_only_outside_the_book_build(monkeypatch, explorer):
    monkeypatch.delenv(display.BUILD_ENV, raising=False)
    assert display.WIDGET_MIME in explorer._repr_mimebundle_()
    monkeypatch.setenv(display.BUILD_ENV, "html")
    bundle = explorer._repr_mimebundle_()
    assert display.WIDGET_MIME not in bundle and display.PLOTLY_MIME not in bundle
