"""Choose a place on the body: the quiz questions whose answer is a place on the limb drawing.

A bank names what the course's data must say, never a shape (schema: ``book/quizzes/README.md``)::

    type: place
    target: area        # a root's dermatome area ("area") or its key sensory point ("key_point")
    root: L5
    map: any            # optional: a map style of roots.yaml, or "any" (each style's answer is accepted)
    view: dorsum        # optional: only skin of this view of the drawing counts

The right answer is then read from ``data/dermatome_geometry.yaml`` (:mod:`nerveroot.clinical.dermatome_map`):
the *candidates* a student chooses between are the drawing's places (named pieces of skin) or its
landmarks (named points), in the data's order, which is also the order of the numbers on paper.  An
area question accepts every place that a map style gives to the root (``map: any``) or that the named
style does; when the map styles disagree about the answer, the question must say so in
``feedback_disputed``, and feedback names which style gives the chosen skin to which root.

:func:`drawing_data` and :func:`question_data` are the data the browser grades with
(``assets/quiz/quiz.js``); :func:`nerveroot.quiz.grading.grade` follows the same steps in Python.  The
pictures are drawn here too: :func:`svg_symbol` for the web page and :func:`render_png` (Pillow) for
the printed quiz, the exports and Anki, all from the same geometry.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache

from ..clinical.dermatome_map import VIEW_ORDER, Geometry, centroid, load_geometry
from ..clinical.roots import CORE_ROOTS, MAP_SOURCES, load_roots
from ..i18n import strings
from ..palette import INK, MUTED, ROOT_STYLE

TARGETS = ("area", "key_point")
MAP_CHOICES = ("any", *MAP_SOURCES)
SKIN = "#f6f2ec"
DISPUTED_FILL = "#d4d4d4"
#: figure units kept around the drawing (titles above, side labels below)
MARGIN = (3.0, 4.0, 10.0, 5.0)  # left, right (a foot view's upright "medial"), top, bottom


# ---------------------------------------------------------------------------
# the answer, from the data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What the data says the answer to one place question is."""

    kind: str  # "area" (candidates are places) or "point" (candidates are landmarks)
    candidates: tuple[str, ...]  # every id a student can choose, in drawing order (numbered 1.. on paper)
    accepted: tuple[str, ...]  # the ids marked right (in candidate order)
    maps: dict[str, tuple[str, ...]]  # accepted id -> the map styles that make it right
    full: tuple[str, ...]  # the accepted ids that every map style makes right
    disputed: bool  # the map styles disagree about this question's answer

    def number(self, cid: str) -> int:
        return self.candidates.index(cid) + 1


def _roots_with_points() -> dict[str, str]:
    return {k.root: k.landmark for k in load_geometry().key_points}


def resolve(target: str, root: str, map_: str = "any", view: str = "") -> Answer:
    """The answer the data gives (raises ValueError with the fix when the data has none)."""
    return _resolve(target, root, map_ or "any", view or "")


@lru_cache(maxsize=None)
def _resolve(target: str, root: str, map_: str, view: str) -> Answer:
    geo = load_geometry()
    if target == "key_point":
        points = _roots_with_points()
        if root not in points:
            raise ValueError(f"the data has no key sensory point for {root}")
        lid = points[root]
        cands = tuple(m.id for m in geo.landmarks)
        return Answer("point", cands, (lid,), {lid: tuple(MAP_SOURCES)}, (lid,), False)
    styles = MAP_SOURCES if map_ == "any" else (map_,)
    right = {m: {p.id for p in geo.places if p.root_in(m) == root and (not view or p.view == view)}
             for m in MAP_SOURCES}
    cands = tuple(p.id for p in geo.places)
    accepted = tuple(c for c in cands if any(c in right[m] for m in styles))
    if not accepted:
        raise ValueError("no area")
    maps = {c: tuple(m for m in MAP_SOURCES if c in right[m]) for c in accepted}
    full = tuple(c for c in accepted if all(c in right[m] for m in MAP_SOURCES))
    disputed = len({frozenset(right[m]) for m in MAP_SOURCES}) > 1
    return Answer("area", cands, accepted, maps, full, disputed)


def answer_of(q) -> Answer:
    return resolve(q.target, q.root, q.map, q.view)


def check_target(fields: dict, has_disputed_note: bool) -> list[tuple[str, str, str]]:
    """Problems of a place question's target, as (field, problem, fix); empty when the data answers it."""
    geo = load_geometry()
    target, root, map_, view = fields["target"], fields["root"], fields["map"], fields["view"]
    problems = []
    if target not in TARGETS:
        problems.append(("target", f"unknown target {target!r}", f"use one of: {', '.join(TARGETS)}"))
    if root not in CORE_ROOTS:
        problems.append(("root", f"{root!r} is not a root the drawing shows",
                         f"use one of: {', '.join(CORE_ROOTS)}"))
    if map_ not in MAP_CHOICES:
        problems.append(("map", f"unknown map style {map_!r}",
                         f"use one of: {', '.join(MAP_CHOICES)} ('any' accepts each style's answer)"))
    if view not in ("", None) and view not in geo.views:
        problems.append(("view", f"the drawing has no view {view!r}", f"use one of: {', '.join(VIEW_ORDER)}"))
    if problems:
        return problems
    if target == "key_point":
        if root not in _roots_with_points():
            return [("root", f"the data has no key sensory point for {root}",
                     "choose a root listed under key_points in src/nerveroot/data/dermatome_geometry.yaml")]
        for fld in ("map", "view"):
            if fields[fld] not in ("", None, "any"):
                problems.append((fld, "a key-point question has one answer, whatever the map or view",
                                 f"remove '{fld}:'"))
        if has_disputed_note:
            problems.append(("feedback_disputed", "the key sensory points are not disputed between the map styles",
                             "remove 'feedback_disputed:'; the quiz adds that these points are weakly sourced"))
        return problems
    try:
        ans = resolve(target, root, map_, view or "")
    except ValueError:
        where = f" on the {view} view" if view else ""
        styles = "" if map_ == "any" else f" in the {map_} map style"
        drawn = sorted({(p.view, r) for p in geo.places for _, r in p.claims if r == root})
        hint = ", ".join(v for v, _ in drawn) or "none"
        return [("view" if view else "root", f"the data draws no {root} area{where}{styles}",
                 f"ask about an area that src/nerveroot/data/dermatome_geometry.yaml draws ({root} appears on: {hint})")]
    if ans.disputed and not has_disputed_note:
        places = [p for p in geo.places if p.id in ans.accepted and p.id not in ans.full]
        places += [p for p in geo.places if p.disputed and p.id not in ans.accepted
                   and any(r == root for _, r in p.claims)]
        detail = "; ".join(f"{p.id}: " + ", ".join(f"{m} {r or 'none'}" for m, r in p.claims) for p in places)
        return [("feedback_disputed", f"the answer depends on skin the map styles give to different roots ({detail}), "
                 "and the question does not say so",
                 "add 'feedback_disputed: ...' saying how the maps differ here (the quiz accepts each map's answer), "
                 "or ask about a view where they agree")]
    if has_disputed_note and not ans.disputed:
        return [("feedback_disputed", "the map styles agree about this answer",
                 "remove 'feedback_disputed:' (it is for questions whose answer the maps dispute)")]
    return []


# ---------------------------------------------------------------------------
# names (data plus strings)
# ---------------------------------------------------------------------------


def names(lang: str | None = None) -> dict[str, str]:
    """Student-facing name of every place and landmark."""
    s = strings("place_quiz", lang)
    geo = load_geometry()
    out = {p.id: s[f"place_{p.id}"] for p in geo.places}
    out.update({m.id: s[f"landmark_{m.id}"] for m in geo.landmarks})
    return out


def map_names(lang: str | None = None) -> dict[str, str]:
    s = strings("dermatome_map", lang)
    return {m: s[f"map_name_{m}"] for m in MAP_SOURCES}


def disputed_note(cid: str, lang: str | None = None) -> str:
    """Which map style gives this piece of skin to which root (one sentence), or '' for undisputed skin."""
    geo = load_geometry()
    ids = {p.id for p in geo.places}
    if cid not in ids or not geo.place(cid).disputed:
        return ""
    s = strings("place_quiz", lang)
    mn = map_names(lang)
    claims = "; ".join(s["claim"].format(map=mn[m], root=r or s["unassigned"]) for m, r in geo.place(cid).claims)
    return s["maps_differ"].format(claims=claims)


def answer_names(q, lang: str | None = None, numbers: bool = True) -> str:
    """The right answer as text: "7. Top of the foot: ..." (numbers as on paper), disputed skin explained."""
    ans = answer_of(q)
    nm = names(lang)
    s = strings("place_quiz", lang)
    mn = map_names(lang)
    parts = []
    for cid in ans.accepted:
        text = (f"{ans.number(cid)}. " if numbers else "") + nm[cid]
        if cid not in ans.full:
            text += " " + s["only_on"].format(maps=", ".join(mn[m] for m in ans.maps[cid]))
        parts.append(text)
    return "; ".join(parts)


def caveat(q, lang: str | None = None) -> str:
    """Text the quiz adds to every answer of the question: the key sensory points are weakly sourced."""
    if q.target != "key_point":
        return ""
    r = load_roots()[q.root]
    if r.key_sensory_point and r.key_sensory_point.confidence == "unconfirmed":
        return strings("place_quiz", lang)["weakly_sourced"]
    return ""


# ---------------------------------------------------------------------------
# the data the browser (and grading.py) evaluates
# ---------------------------------------------------------------------------


def _r(v: float) -> float:
    return round(v, 2)


@lru_cache(maxsize=None)
def _drawing() -> dict:
    geo = load_geometry()
    outlines, details, places, landmarks = [], [], {}, {}
    for name in VIEW_ORDER:
        v = geo.views[name]
        outlines.append([[_r(x), _r(y)] for x, y in v.place(v.outline)])
        for d in v.details:
            details.append({"closed": d.closed, "points": [[_r(x), _r(y)] for x, y in v.place(d.points)]})
    for p in geo.places:
        v = geo.views[p.view]
        places[p.id] = [[_r(x), _r(y)] for x, y in v.place(p.polygon)]
    for m in geo.landmarks:
        x, y = geo.views[m.view].place([m.at])[0]
        landmarks[m.id] = [_r(x), _r(y)]
    xs = [p[0] for o in outlines for p in o]
    ys = [p[1] for o in outlines for p in o]
    bounds = [_r(min(xs) - MARGIN[0]), _r(max(xs) + MARGIN[1]), _r(min(ys) - MARGIN[3]), _r(max(ys) + MARGIN[2])]
    return {"outlines": outlines, "details": details, "places": places, "landmarks": landmarks,
            "radius": geo.landmark_radius, "bounds": bounds}


def drawing_data() -> dict:
    """The drawing in figure coordinates (y up): outlines, places, landmarks, the click radius, the bounds.

    Shared by every place question of a quiz (the page carries it once)."""
    return _drawing()


def place_texts(lang: str | None = None) -> dict:
    """What every place question of a page shows about the places (plain text; quiz.js sets it as text):
    their names, the disputed places' notes, where a chosen area's marker goes, the map styles' names.
    A quiz carries these once, with the drawing, rather than once per question."""
    geo = load_geometry()
    nm = names(lang)
    notes = {p.id: disputed_note(p.id, lang) for p in geo.places if disputed_note(p.id, lang)}
    points = {p.id: [round(v, 2) for v in label_point(p.id)] for p in geo.places}
    return {"names": nm, "notes": notes, "label_points": points, "map_names": map_names(lang)}


def question_data(q) -> dict:
    """What grading needs of one question besides the drawing."""
    ans = answer_of(q)
    return {"kind": ans.kind, "candidates": list(ans.candidates),
            "accepted": {c: list(ans.maps[c]) for c in ans.accepted}, "full": list(ans.full)}


def label_point(cid: str) -> tuple[float, float]:
    """Where a candidate's number (or the marker of a chosen area) goes, in figure coordinates."""
    geo = load_geometry()
    if cid in {m.id for m in geo.landmarks}:
        m = geo.landmark(cid)
        return geo.views[m.view].place([m.at])[0]
    p = geo.place(cid)
    area = next(a for a in geo.areas if a.place == cid)
    at = area.label_at if area.label_at and _inside(p.polygon, area.label_at) else _interior_point(p.polygon)
    return geo.views[p.view].place([at])[0]


def _inside(poly, pt) -> bool:
    from .grading import point_in_polygon

    return point_in_polygon([list(p) for p in poly], pt)


def _interior_point(poly) -> tuple[float, float]:
    """A point well inside the polygon: its centroid if inside, else the best of a grid of candidates."""
    c = centroid(list(poly))
    from ..clinical.dermatome_map import distance_to_boundary

    if _inside(poly, c) and distance_to_boundary(c, list(poly)) > 0.6:
        return c
    xs, ys = [p[0] for p in poly], [p[1] for p in poly]
    best, best_d = c, -1.0
    for i in range(1, 24):
        for j in range(1, 24):
            pt = (min(xs) + (max(xs) - min(xs)) * i / 24, min(ys) + (max(ys) - min(ys)) * j / 24)
            if _inside(poly, pt):
                d = distance_to_boundary(pt, list(poly))
                if d > best_d:
                    best, best_d = pt, d
    return best


# ---------------------------------------------------------------------------
# SVG (the web page)
# ---------------------------------------------------------------------------


def _path(points, closed: bool = True) -> str:
    """SVG path data; the SVG's y axis points down, so y is negated."""
    head, *rest = points
    d = f"M{head[0]:g} {-head[1]:g}" + "".join(f"L{x:g} {-y:g}" for x, y in rest)
    return d + ("Z" if closed else "")


def svg_viewbox() -> str:
    x0, x1, y0, y1 = drawing_data()["bounds"]
    return f"{x0:g} {-y1:g} {x1 - x0:g} {y1 - y0:g}"


def _view_labels(lang: str | None) -> list[tuple[float, float, str, str]]:
    """(x, y, text, kind) of the view titles and medial/lateral words, figure coordinates."""
    s = strings("dermatome_map", lang)
    geo = load_geometry()
    out = []
    for name in VIEW_ORDER:
        v = geo.views[name]
        x0, x1, y0, y1 = v.bounds()
        for k, line in enumerate(s[f"view_{name}"].split("<br>")):
            out.append(((x0 + x1) / 2, y1 + 6.5 - 3.6 * k, line, "title"))
        if name in ("front", "back"):
            left, right = (s["medial"], s["lateral"]) if v.medial < 0 else (s["lateral"], s["medial"])
            out.append((x0 + 2.5, y0 - 3.2, left, "side"))
            out.append((x1 - 2.5, y0 - 3.2, right, "side"))
        else:  # a foot: the word stands beside the heel on the medial side, as on the dermatome map
            left = v.medial < 0
            out.append((x0 - 1.4 if left else x1 + 1.4, y0 + 0.17 * (y1 - y0), s["medial"],
                        "side-up" if left else "side-down"))
    return out


def svg_symbol(symbol_id: str, lang: str | None = None) -> str:
    """The drawing as an SVG ``<symbol>`` (outlines, contour lines, labels) and the fill patterns,
    for one hidden ``<svg>`` per page section that every question's picture ``<use>``s."""
    d = drawing_data()
    # no viewBox: the symbol draws in the figure coordinates of the <svg> that <use>s it
    parts = [f'<symbol id="{symbol_id}" overflow="visible">']
    for o in d["outlines"]:
        parts.append(f'<path class="nr-place-skin" d="{_path(o)}"/>')
    for det in d["details"]:
        parts.append(f'<path class="nr-place-detail" d="{_path(det["points"], det["closed"])}"/>')
    for x, y, text, kind in _view_labels(lang):
        esc = text.replace("&", "&amp;").replace("<", "&lt;")
        turn = {"side-up": -90, "side-down": 90}.get(kind)
        rotate = f' dominant-baseline="middle" transform="rotate({turn} {x:.2f} {-y:.2f})"' if turn else ""
        parts.append(f'<text class="nr-place-{kind.split("-")[0]}" x="{x:.2f}" y="{-y:.2f}" text-anchor="middle"'
                     f'{rotate}>{esc}</text>')
    parts.append("</symbol>")
    pats = []
    for root in CORE_ROOTS:
        st = ROOT_STYLE[root]
        pats.append(_svg_pattern(f"{symbol_id}-{root}", st["color"], st["pattern"],
                                 "#ffffff" if root == "L5" else INK))
    pats.append(_svg_pattern(f"{symbol_id}-disputed", DISPUTED_FILL, "\\", INK))
    return "<defs>" + "".join(pats) + "</defs>" + "".join(parts)


def standalone_svg(q, chosen: str | None = None, answer: bool = False, lang: str | None = None) -> str:
    """One question's drawing as a self-contained SVG (the live face in Jupyter): the chosen place
    outlined, and with ``answer`` the right area filled in its root's colour and pattern."""
    d = drawing_data()
    ans = answer_of(q)
    sid = "nr-live-" + q.id
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{svg_viewbox()}" role="img" '
             f'style="width:100%;max-width:40rem;height:auto;background:#fff" aria-label="{_attr(q.prompt)}">',
             f"<style>{_LIVE_CSS}</style>", svg_symbol(sid, lang), f'<use href="#{sid}"/>']
    if answer:
        for cid in ans.accepted:
            if ans.kind == "area":
                fill = q.root if cid in ans.full else "disputed"
                parts.append(f'<path class="nr-place-right" fill="url(#{sid}-{fill})" d="{_path(d["places"][cid])}"/>')
            else:
                x, y = d["landmarks"][cid]
                parts.append(f'<circle class="nr-place-right-point" cx="{x:g}" cy="{-y:g}" r="{d["radius"]:g}"/>')
    if ans.kind == "point":
        for cid in ans.candidates:
            x, y = d["landmarks"][cid]
            parts.append(f'<circle class="nr-place-dot" cx="{x:g}" cy="{-y:g}" r="{d["radius"] * 0.45:g}"/>')
    if chosen:
        if ans.kind == "area":
            parts.append(f'<path class="nr-place-chosen" d="{_path(d["places"][chosen])}"/>')
        else:
            x, y = d["landmarks"][chosen]
            parts.append(f'<circle class="nr-place-chosen" cx="{x:g}" cy="{-y:g}" r="{d["radius"]:g}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace("*", "")


_LIVE_CSS = (".nr-place-skin{fill:#f6f2ec;stroke:#1f2933;stroke-width:.35}"
             ".nr-place-detail{fill:none;stroke:rgba(31,41,51,.45);stroke-width:.2}"
             ".nr-place-title{font:700 3.2px sans-serif;fill:#1f2933}.nr-place-side{font:2.5px sans-serif;fill:#52606d}"
             ".nr-place-dot{fill:#fff;stroke:#1f2933;stroke-width:.3}"
             ".nr-place-chosen{fill:none;stroke:#0072B2;stroke-width:.6;stroke-dasharray:1.2 .7}"
             ".nr-place-right{stroke:#1f2933;stroke-width:.3}.nr-place-right-point{fill:none;stroke:#1f2933;stroke-width:.6}")


def _svg_pattern(pid: str, colour: str, shape: str, ink: str) -> str:
    size = 2.2
    marks = {
        "/": f'<path d="M0 {size}L{size} 0" stroke="{ink}" stroke-width="0.35" stroke-opacity="0.6"/>',
        "\\": f'<path d="M0 0L{size} {size}" stroke="{ink}" stroke-width="0.35" stroke-opacity="0.6"/>',
        ".": f'<circle cx="{size / 2}" cy="{size / 2}" r="0.45" fill="{ink}" fill-opacity="0.7"/>',
        "x": (f'<path d="M0 0L{size} {size}M0 {size}L{size} 0" stroke="{ink}" stroke-width="0.3" '
              f'stroke-opacity="0.55"/>'),
    }
    return (f'<pattern id="{pid}" width="{size}" height="{size}" patternUnits="userSpaceOnUse">'
            f'<rect width="{size}" height="{size}" fill="{colour}"/>{marks.get(shape, "")}</pattern>')


# ---------------------------------------------------------------------------
# PNG (print face, exports, Anki): Pillow
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PixelMap:
    """Figure coordinates -> pixels of a rendered picture (y down)."""

    scale: float
    x0: float
    y1: float
    width: int
    height: int

    def px(self, x: float, y: float) -> tuple[float, float]:
        return ((x - self.x0) * self.scale, (self.y1 - y) * self.scale)

    def ipx(self, x: float, y: float) -> tuple[int, int]:
        a, b = self.px(x, y)
        return (int(round(a)), int(round(b)))


def pixel_map(width: int) -> PixelMap:
    x0, x1, y0, y1 = drawing_data()["bounds"]
    scale = width / (x1 - x0)
    return PixelMap(scale, x0, y1, width, int(math.ceil((y1 - y0) * scale)))


def _font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def candidates_of(kind: str) -> Answer:
    """Every candidate of a kind of question ("area" or "point"), none accepted: the numbered drawing on paper."""
    geo = load_geometry()
    cands = tuple(p.id for p in geo.places) if kind == "area" else tuple(m.id for m in geo.landmarks)
    return Answer(kind, cands, (), {}, (), False)


@lru_cache(maxsize=None)
def numbered_png(kind: str, width: int = 1100, lang: str | None = None) -> bytes:
    """The drawing with every area (or point) numbered, as on paper: the same for every question of a kind,
    so a printed quiz shows it once per kind.  A palette PNG (8 colours) keeps it small."""
    return render_png(None, width=width, numbers=True, lang=lang, ans=candidates_of(kind), colours=8)


@lru_cache(maxsize=None)
def export_png(kind: str, width: int, lang: str | None = None) -> bytes:
    """The drawing a platform shows for a place question (no numbers; dots for a point question)."""
    return render_png(None, width=width, lang=lang, ans=candidates_of(kind), colours=16, dots=kind == "point")


def render_png(q=None, width: int = 900, numbers: bool = False, answer: bool = False,
               lang: str | None = None, ans: Answer | None = None, colours: int | None = None,
               dots: bool = True) -> bytes:
    """The drawing as PNG bytes, ``width`` pixels wide (deterministic: same input, same bytes).

    ``numbers``: every candidate of question ``q`` numbered (places with their borders drawn dashed;
    landmarks as numbered rings), for "which number?" on paper.  ``answer``: the accepted places filled in
    their root's colour and pattern (skin the maps dispute in hatched grey), or the right point ringed."""
    from PIL import Image, ImageDraw

    ss = 2  # drawn at twice the size and reduced: smooth edges without anti-aliasing support in Pillow
    pm = pixel_map(width)
    big = PixelMap(pm.scale * ss, pm.x0, pm.y1, pm.width * ss, pm.height * ss)
    img = Image.new("RGB", (big.width, big.height), "white")
    dr = ImageDraw.Draw(img)
    d = drawing_data()
    lw = max(2, int(round(big.scale * 0.32)))
    for o in d["outlines"]:
        dr.polygon([big.px(x, y) for x, y in o], fill=SKIN)
    if ans is None:
        ans = answer_of(q) if q is not None else None
    if ans is not None and answer and ans.kind == "area":
        for cid in ans.accepted:
            poly = [big.px(x, y) for x, y in d["places"][cid]]
            root = q.root
            if cid in ans.full:
                _hatched(dr, poly, ROOT_STYLE[root]["color"], "#ffffff" if root == "L5" else INK, big.scale)
            else:
                _hatched(dr, poly, DISPUTED_FILL, INK, big.scale)
            dr.line(poly + [poly[0]], fill=INK, width=lw)
    for det in d["details"]:
        pts = [big.px(x, y) for x, y in det["points"]]
        dr.line(pts + ([pts[0]] if det["closed"] else []), fill="#8a8f96", width=max(1, lw // 2), joint="curve")
    for o in d["outlines"]:
        pts = [big.px(x, y) for x, y in o]
        dr.line(pts + [pts[0]], fill=INK, width=lw, joint="curve")
    if ans is not None and numbers and ans.kind == "area":
        for cid in ans.candidates:
            _dashed(dr, [big.px(x, y) for x, y in d["places"][cid]], INK, max(1, lw // 2), big.scale)
    font = _font(int(big.scale * 2.9))
    small = _font(int(big.scale * 2.3))
    for x, y, text, kind in _view_labels(lang):
        f = font if kind == "title" else small
        colour = INK if kind == "title" else MUTED
        if kind in ("side-up", "side-down"):  # drawn level, turned, and laid on the picture
            x0, y0, x1, y1 = dr.textbbox((0, 0), text, font=f, anchor="lt")
            word = Image.new("RGBA", (x1 + 2, y1 + 2), (255, 255, 255, 0))
            ImageDraw.Draw(word).text((1, 1), text, fill=colour, font=f, anchor="lt")
            word = word.rotate(90 if kind == "side-up" else -90, expand=True)
            cx, cy = big.px(x, y)
            img.paste(word, (int(cx - word.width / 2), int(cy - word.height / 2)), word)
        else:
            dr.text(big.px(x, y), text, fill=colour, font=f, anchor="mm")
    if ans is not None and ans.kind == "point" and (dots or numbers or answer):
        r = d["radius"] * big.scale
        for cid in ans.candidates:
            cx, cy = big.px(*d["landmarks"][cid])
            right = answer and cid in ans.accepted
            dr.ellipse([cx - r * 0.45, cy - r * 0.45, cx + r * 0.45, cy + r * 0.45],
                       fill=ROOT_STYLE[q.root]["color"] if right and q is not None else "#ffffff", outline=INK,
                       width=lw)
            if right:
                dr.ellipse([cx - r, cy - r, cx + r, cy + r], outline=INK, width=lw)
    if ans is not None and numbers:
        nf = _font(int(big.scale * 2.4))
        for n, cid in enumerate(ans.candidates, start=1):
            if ans.kind == "point":
                cx, cy = big.px(*d["landmarks"][cid])
                cx += d["radius"] * big.scale * 1.25
            else:
                cx, cy = big.px(*label_point(cid))
            rr = big.scale * 1.7
            dr.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], fill="#ffffff", outline=INK, width=max(1, lw // 2))
            dr.text((cx, cy), str(n), fill=INK, font=nf, anchor="mm")
    img = img.resize((pm.width, pm.height), Image.LANCZOS)
    if colours:
        img = img.quantize(colors=colours)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _hatched(dr, poly, colour, ink, scale) -> None:
    """Fill a polygon with its colour and thin diagonal lines (the pattern, so grey print tells areas apart)."""
    dr.polygon(poly, fill=colour)
    from PIL import Image, ImageDraw

    xs, ys = [p[0] for p in poly], [p[1] for p in poly]
    x0, y0, x1, y1 = int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(mask).polygon([(x - x0, y - y0) for x, y in poly], fill=255)
    lines = Image.new("L", mask.size, 0)
    ld = ImageDraw.Draw(lines)
    step = max(4, int(scale * 1.6))
    for k in range(-mask.size[1], mask.size[0], step):
        ld.line([(k, mask.size[1]), (k + mask.size[1], 0)], fill=255, width=max(1, int(scale * 0.25)))
    from PIL import ImageChops

    dr._image.paste(ink, (x0, y0), ImageChops.multiply(mask, lines))


def _dashed(dr, poly, colour, width, scale) -> None:
    dash = scale * 1.0
    pts = poly + [poly[0]]
    on, left = True, dash
    for (xa, ya), (xb, yb) in zip(pts, pts[1:]):
        seg = math.dist((xa, ya), (xb, yb))
        pos = 0.0
        while pos < seg:
            step = min(left, seg - pos)
            if on:
                t0, t1 = pos / seg, (pos + step) / seg
                dr.line([(xa + (xb - xa) * t0, ya + (yb - ya) * t0), (xa + (xb - xa) * t1, ya + (yb - ya) * t1)],
                        fill=colour, width=width)
            pos += step
            left -= step
            if left <= 1e-9:
                on, left = not on, dash


def png_size(width: int) -> tuple[int, int]:
    pm = pixel_map(width)
    return pm.width, pm.height


def geometry() -> Geometry:
    return load_geometry()
