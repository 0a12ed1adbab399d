"""The course's own lower-limb drawing for the dermatome map, as data (``data/dermatome_geometry.yaml``).

Four views of the right lower limb (the leg from the front and from behind, the foot from above and
below).  Outlines are smooth curves through control points (:func:`smooth_curve`, centripetal
Catmull-Rom with sharp corners where the data asks for them), sampled into polygons.  Each dermatome
*area* is the part of a view's outline inside a convex clip polygon, so areas always lie inside the
limb; which root an area belongs to, and which published map style (``roots.yaml``'s map sources)
draws it, is data too.  Areas that two map styles give to different roots share one *place* (a named
piece of skin: the answer areas of the click-on-the-body quiz questions); *landmarks* are named points
(the key sensory points among them).  :func:`load_geometry` validates the file and computes the
areas; every problem raises :class:`GeometryError` naming the file, line, field and fix.  The figure
is :class:`nerveroot.figures.dermatomes.DermatomeMap`; the quiz questions are :mod:`nerveroot.quiz.place`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..datafile import Checker, DataError, data_file, read
from .roots import CORE_ROOTS, MAP_SOURCES

GEOMETRY_FILE = data_file("dermatome_geometry.yaml")
VIEW_ORDER = ("front", "back", "dorsum", "sole")

Point = tuple[float, float]


class GeometryError(DataError):
    """The geometry file is malformed (the message names the file and field)."""


# ---------------------------------------------------------------------------
# plane geometry (small and dependency-free)
# ---------------------------------------------------------------------------


def signed_area(poly: list[Point]) -> float:
    """Shoelace area: positive for counter-clockwise polygons."""
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]))


def centroid(poly: list[Point]) -> Point:
    a = signed_area(poly)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * a), cy / (6 * a)


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def is_convex(poly: list[Point]) -> bool:
    n = len(poly)
    signs = {_cross(poly[i], poly[(i + 1) % n], poly[(i + 2) % n]) > 0 for i in range(n)
             if abs(_cross(poly[i], poly[(i + 1) % n], poly[(i + 2) % n])) > 1e-12}
    return n >= 3 and len(signs) == 1


def _segments_cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool:
    """True if the segments intersect in a point interior to at least one of them (not shared ends)."""
    d1, d2 = _cross(q1, q2, p1), _cross(q1, q2, p2)
    d3, d4 = _cross(p1, p2, q1), _cross(p1, p2, q2)
    return (d1 * d2 < -1e-12) and (d3 * d4 < -1e-12)


def is_simple(poly: list[Point]) -> bool:
    """No repeated vertices and no two non-adjacent edges that cross."""
    n = len(poly)
    if n < 3 or len({(round(x, 6), round(y, 6)) for x, y in poly}) != n:
        return False
    edges = [(poly[i], poly[(i + 1) % n]) for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):
                continue
            if _segments_cross(*edges[i], *edges[j]):
                return False
    return True


def distance_to_boundary(pt: Point, poly: list[Point]) -> float:
    best = float("inf")
    px, py = pt
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]):
        dx, dy = x1 - x0, y1 - y0
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy)))
        best = min(best, ((px - x0 - t * dx) ** 2 + (py - y0 - t * dy) ** 2) ** 0.5)
    return best


def contains(poly: list[Point], pt: Point, tol: float = 1e-6) -> bool:
    """Point in polygon (even-odd rule); points within ``tol`` of the boundary count as inside."""
    if distance_to_boundary(pt, poly) <= tol:
        return True
    x, y = pt
    inside = False
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def clip_polygon(subject: list[Point], clip: list[Point]) -> list[Point]:
    """Part of ``subject`` inside the convex polygon ``clip`` (Sutherland-Hodgman)."""
    if signed_area(clip) < 0:
        clip = clip[::-1]
    out = list(subject)
    for c0, c1 in zip(clip, clip[1:] + clip[:1]):
        if not out:
            break
        src, out = out, []

        def inside(p: Point, c0: Point = c0, c1: Point = c1) -> bool:
            return _cross(c0, c1, p) >= 0

        def meet(p: Point, q: Point, c0: Point = c0, c1: Point = c1) -> Point:
            a1, a2 = _cross(c0, c1, p), _cross(c0, c1, q)
            t = a1 / (a1 - a2)
            return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))

        for i, q in enumerate(src):
            p = src[i - 1]
            if inside(q):
                if not inside(p):
                    out.append(meet(p, q))
                out.append(q)
            elif inside(p):
                out.append(meet(p, q))
    return _tidy(out)


def _tidy(poly: list[Point]) -> list[Point]:
    """Round, drop repeated (closer than 0.001) and collinear vertices."""
    pts = [(round(x, 4), round(y, 4)) for x, y in poly]
    changed = True
    while changed and len(pts) >= 3:
        changed = False
        for i in range(len(pts)):
            a, b, c = pts[i - 1], pts[i], pts[(i + 1) % len(pts)]
            if math.dist(a, b) < 1e-3 or abs(_cross(a, b, c)) < 1e-9:
                del pts[i]
                changed = True
                break
    return pts


def _catmull_rom(p0: Point, p1: Point, p2: Point, p3: Point, n: int) -> list[Point]:
    """Points of the centripetal Catmull-Rom segment from p1 to p2 (p1 included, p2 not), ``n`` of them."""

    def knot(t: float, a: Point, b: Point) -> float:
        return t + max(math.dist(a, b), 1e-9) ** 0.5

    t0 = 0.0
    t1 = knot(t0, p0, p1)
    t2 = knot(t1, p1, p2)
    t3 = knot(t2, p2, p3)

    def lerp(a: Point, b: Point, ta: float, tb: float, t: float) -> Point:
        wa, wb = (tb - t) / (tb - ta), (t - ta) / (tb - ta)
        return (wa * a[0] + wb * b[0], wa * a[1] + wb * b[1])

    out = []
    for k in range(n):
        t = t1 + (t2 - t1) * k / n
        a1, a2, a3 = lerp(p0, p1, t0, t1, t), lerp(p1, p2, t1, t2, t), lerp(p2, p3, t2, t3, t)
        b1, b2 = lerp(a1, a2, t0, t2, t), lerp(a2, a3, t1, t3, t)
        out.append(lerp(b1, b2, t1, t2, t))
    return out


def simplify(points: list[Point], tol: float) -> list[Point]:
    """The polyline ``points`` with the points dropped that lie within ``tol`` of the line through the
    points kept around them (Ramer-Douglas-Peucker); the first and last points always stay."""
    if len(points) < 3 or tol <= 0:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = points[i], points[j]
        length = math.hypot(bx - ax, by - ay)
        far, far_d = -1, tol
        for k in range(i + 1, j):
            px, py = points[k]
            d = (abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length > 1e-12
                 else math.hypot(px - ax, py - ay))
            if d > far_d:
                far, far_d = k, d
        if far >= 0:
            keep[far] = True
            stack += [(i, far), (far, j)]
    return [p for p, k in zip(points, keep) if k]


def smooth_curve(points: list[Point], corners: set[int] | frozenset[int] = frozenset(), closed: bool = True,
                 step: float = 0.6, tol: float = 0.0) -> list[Point]:
    """A smooth curve through ``points``, sampled about every ``step`` units.

    With ``tol``, samples closer than ``tol`` to the straight line between their neighbours are dropped
    (straight stretches need few points; every given point stays).

    The curve passes through every point; at the indices in ``corners`` it keeps a sharp corner (the
    neighbouring segments start and end straight towards it).  ``closed``: the curve returns to its
    first point (the result is a polygon without a repeated first point); otherwise it is a polyline
    from the first point to the last.
    """
    n = len(points)
    if n < 3 and closed or n < 2:
        return list(points)
    out: list[Point] = []
    last = n if closed else n - 1
    for i in range(last):
        p1, p2 = points[i], points[(i + 1) % n]
        if (not closed and i == 0) or i in corners:
            p0 = (2 * p1[0] - p2[0], 2 * p1[1] - p2[1])
        else:
            p0 = points[i - 1]
        j = (i + 1) % n
        if (not closed and j == n - 1) or j in corners:
            p3 = (2 * p2[0] - p1[0], 2 * p2[1] - p1[1])
        else:
            p3 = points[(i + 2) % n]
        steps = max(1, math.ceil(math.dist(p1, p2) / step))
        out += simplify(_catmull_rom(p0, p1, p2, p3, steps) + [p2], tol)[:-1]
    if not closed:
        out.append(points[-1])
    return [(round(x, 4), round(y, 4)) for x, y in out]


# ---------------------------------------------------------------------------
# the geometry data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Detail:
    """A thin contour line inside a view (kneecap, crease, tendon): drawing only."""

    points: tuple[Point, ...]  # local coordinates, after mirroring; sampled smooth curve
    closed: bool = False


@dataclass(frozen=True)
class View:
    name: str
    outline: tuple[Point, ...]  # local coordinates, after mirroring (the sampled smooth curve)
    x: float
    y: float
    scale: float
    medial: int
    details: tuple[Detail, ...] = ()

    def place(self, pts) -> list[Point]:
        """Local -> figure coordinates."""
        return [(self.x + self.scale * px, self.y + self.scale * py) for px, py in pts]

    def bounds(self) -> tuple[float, float, float, float]:
        xs, ys = zip(*self.place(self.outline))
        return min(xs), max(xs), min(ys), max(ys)


@dataclass(frozen=True)
class Area:
    index: int
    root: str
    view: str
    maps: tuple[str, ...]
    clip: tuple[Point, ...]
    polygon: tuple[Point, ...]  # local coordinates: outline ∩ clip
    label_at: Point | None = None  # local coordinates; None: the area's centroid
    labelled: bool = True
    place: str = ""

    @property
    def shared(self) -> bool:
        return set(self.maps) == set(MAP_SOURCES)


@dataclass(frozen=True)
class Place:
    """A named piece of skin: one clipped polygon, and which root each map style gives it."""

    id: str
    view: str
    polygon: tuple[Point, ...]  # local coordinates
    claims: tuple[tuple[str, str | None], ...]  # (map source, root or None), in MAP_SOURCES order

    def root_in(self, map_source: str) -> str | None:
        return dict(self.claims)[map_source]

    @property
    def disputed(self) -> bool:
        """The map styles give this skin to different roots (or only some assign it)."""
        return len({r for _, r in self.claims}) > 1


@dataclass(frozen=True)
class Landmark:
    """A named point of the drawing (a key sensory point, or another point a question offers)."""

    id: str
    view: str
    at: Point  # local coordinates


@dataclass(frozen=True)
class KeyPoint:
    root: str
    view: str
    at: Point
    landmark: str = ""


@dataclass(frozen=True)
class Geometry:
    views: dict[str, View]
    areas: tuple[Area, ...]
    key_points: tuple[KeyPoint, ...]
    places: tuple[Place, ...] = ()
    landmarks: tuple[Landmark, ...] = ()
    landmark_radius: float = 3.0

    def place(self, pid: str) -> Place:
        for p in self.places:
            if p.id == pid:
                return p
        raise KeyError(f"no place {pid!r}; places: {', '.join(p.id for p in self.places)}")

    def landmark(self, lid: str) -> Landmark:
        for m in self.landmarks:
            if m.id == lid:
                return m
        raise KeyError(f"no landmark {lid!r}; landmarks: {', '.join(m.id for m in self.landmarks)}")


def _gfail(field: str, problem: str, fix: str, at: Any = None, key: Any = None) -> GeometryError:
    return Checker(GEOMETRY_FILE, GeometryError).fail(field, problem, fix, at, key)


def _points(value: Any, field: str, minimum: int = 3, corners: set[int] | None = None) -> list[Point]:
    """[x, y] points; with ``corners`` (a set to fill), [x, y, corner] is allowed and its index recorded."""
    if not isinstance(value, list) or len(value) < minimum:
        raise _gfail(field, f"expected a list of at least {minimum} [x, y] points", "write the points as [x, y] pairs, "
                     "one per line")
    pts = []
    for i, p in enumerate(value):
        corner = corners is not None and isinstance(p, list) and len(p) == 3 and p[2] == "corner"
        xy = p[:2] if corner else p
        if not (isinstance(xy, list) and len(xy) == 2 and all(isinstance(c, (int, float)) and
                                                              not isinstance(c, bool) for c in xy)):
            fix = "write each point as [x, y] with two numbers" + (
                " ([x, y, corner] for a sharp corner)" if corners is not None else "")
            raise _gfail(f"{field}[{i}]", f"expected [x, y], got {p!r}", fix, value, i)
        if corner:
            corners.add(i)
        pts.append((float(xy[0]), float(xy[1])))
    return pts


#: Distance between the sample points of a smooth curve, in figure units (before dropping the points
#: that a straight line through their neighbours would miss by less than SAMPLE_TOLERANCE).
SAMPLE_STEP = 0.8
SAMPLE_TOLERANCE = 0.03

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def _curve(raw_points: Any, field: str, mirror: bool, smooth: bool, closed: bool = True,
           minimum: int = 3, step: float = 0.6, tol: float = 0.0) -> list[Point]:
    """Control points -> the sampled curve (mirrored first if asked), in local coordinates."""
    corners: set[int] = set()
    pts = _points(raw_points, field, minimum=minimum, corners=corners)
    if mirror:
        pts = [(-x, y) for x, y in pts]
    if smooth:
        pts = smooth_curve(pts, corners, closed=closed, step=step, tol=tol)
    return pts


def parse_geometry(raw: Any) -> Geometry:
    """Validate the geometry data and compute the areas (outline ∩ clip)."""
    if not isinstance(raw, dict):
        raise _gfail("(top level)", "expected a mapping", "the file holds views, areas, landmarks and key_points")
    raw_views = raw.get("views")
    if not isinstance(raw_views, dict):
        raise _gfail("views", "missing", f"add 'views:' with {', '.join(VIEW_ORDER)}", raw)
    views: dict[str, View] = {}
    for name in VIEW_ORDER:
        if name not in raw_views:
            raise _gfail(f"views.{name}", "missing", f"add the view '{name}:' under 'views:'", raw_views)
        v = raw_views[name]
        f = f"views.{name}"
        if not isinstance(v.get("smooth", False), bool):
            raise _gfail(f"{f}.smooth", "expected true or false", "write 'smooth: true' for a smooth outline", v,
                         "smooth")
        smooth, mirror = v.get("smooth", False), bool(v.get("mirror"))
        place = v.get("place") or {}
        try:
            x, y, scale = float(place["x"]), float(place["y"]), float(place["scale"])
        except (KeyError, TypeError, ValueError):
            raise _gfail(f"{f}.place", "expected {x, y, scale}", "write 'place: {x: 0, y: 0, scale: 1}'", v,
                         "place") from None
        step = SAMPLE_STEP / scale  # the same density in the figure, whatever the view's scale
        outline = _curve(v.get("outline"), f"{f}.outline", mirror, smooth, step=step, tol=SAMPLE_TOLERANCE / scale)
        if mirror:
            outline = outline[::-1]
        if signed_area(outline) < 0:
            outline = outline[::-1]
        if not is_simple(outline):
            raise _gfail(f"{f}.outline", "not a simple polygon (edges cross or vertices repeat)",
                         "order the outline's points around the limb, without repeating one", v, "outline")
        if v.get("medial") not in (-1, 1):
            raise _gfail(f"{f}.medial", "expected -1 or 1", "-1 when the medial side is on the left (after "
                         "mirroring), 1 when it is on the right", v, "medial")
        details = []
        raw_details = v.get("details") or []
        if not isinstance(raw_details, list):
            raise _gfail(f"{f}.details", "expected a list", "list the contour lines as '- points: [...]'", v,
                         "details")
        for k, d in enumerate(raw_details):
            df = f"{f}.details[{k}]"
            if not isinstance(d, dict) or not isinstance(d.get("closed", False), bool):
                raise _gfail(df, "expected 'points:' and an optional 'closed: true'",
                             "write '- points: [[x, y], ...]' (add 'closed: true' for a closed contour)", raw_details, k)
            closed = d.get("closed", False)
            pts = _curve(d.get("points"), f"{df}.points", mirror, smooth, closed=closed, minimum=2, step=step,
                         tol=SAMPLE_TOLERANCE / scale)
            if not all(contains(outline, p, tol=0.05) for p in pts):
                raise _gfail(f"{df}.points", "leaves the view's outline",
                             "keep contour lines inside the outline (local coordinates)", d, "points")
            details.append(Detail(points=tuple(pts), closed=closed))
        views[name] = View(name=name, outline=tuple(outline), x=x, y=y, scale=scale, medial=v["medial"],
                           details=tuple(details))
    areas = []
    for i, a in enumerate(raw.get("areas") or []):
        f = f"areas[{i}]"
        if a.get("root") not in CORE_ROOTS:
            raise _gfail(f"{f}.root", f"{a.get('root')!r} is not one of {', '.join(CORE_ROOTS)}",
                         f"use one of: {', '.join(CORE_ROOTS)}", a, "root")
        if a.get("view") not in views:
            raise _gfail(f"{f}.view", f"{a.get('view')!r} is not one of {', '.join(views)}",
                         f"use one of: {', '.join(views)}", a, "view")
        maps = a.get("maps")
        if not isinstance(maps, list) or not maps or any(m not in MAP_SOURCES for m in maps):
            raise _gfail(f"{f}.maps", f"expected a list from {', '.join(MAP_SOURCES)}, got {maps!r}",
                         "list the published map styles that draw this area for its root", a, "maps")
        clip = _points(a.get("clip"), f"{f}.clip")
        if not is_convex(clip):
            raise _gfail(f"{f}.clip", "not a convex polygon", "make the clip polygon convex (split the area in two "
                         "if needed)", a, "clip")
        poly = clip_polygon(list(views[a["view"]].outline), clip)
        if len(poly) < 3 or abs(signed_area(poly)) < 1.0:
            raise _gfail(f"{f}.clip", "does not overlap the view's outline",
                         "place the clip polygon over the view's outline (local coordinates)", a, "clip")
        label_at = _points([a["label_at"]], f"{f}.label_at", minimum=1)[0] if "label_at" in a else None
        if not isinstance(a.get("label", True), bool):
            raise _gfail(f"{f}.label", "expected true or false", "write 'label: false' to leave the area unlabelled",
                         a, "label")
        place = a.get("place")
        if not isinstance(place, str) or not ID_RE.match(place):
            raise _gfail(f"{f}.place", f"expected a place name, got {place!r}",
                         "name the piece of skin in lower-case letters, digits and underscores, e.g. "
                         "'front_medial_leg' (its name for students goes in strings/en/place_quiz.yaml)", a, "place")
        areas.append(Area(index=i, root=a["root"], view=a["view"], maps=tuple(maps), clip=tuple(clip),
                          polygon=tuple(poly), label_at=label_at, labelled=a.get("label", True), place=place))
    if not areas:
        raise _gfail("areas", "missing", "list the dermatome areas under 'areas:'", raw)
    places = _places(areas, raw)
    radius = raw.get("landmark_radius", 3.0)
    if isinstance(radius, bool) or not isinstance(radius, (int, float)) or radius <= 0:
        raise _gfail("landmark_radius", f"expected a positive number, got {radius!r}",
                     "write e.g. 'landmark_radius: 3.0' (figure units)", raw, "landmark_radius")
    landmarks = _landmarks(raw, views, float(radius))
    by_id = {m.id: m for m in landmarks}
    points = []
    for i, k in enumerate(raw.get("key_points") or []):
        f = f"key_points[{i}]"
        if not isinstance(k, dict) or k.get("root") not in CORE_ROOTS:
            raise _gfail(f, "needs a core root and a landmark",
                         f"give 'root:' ({', '.join(CORE_ROOTS)}) and 'landmark:' (one of the landmarks)", k)
        if k.get("landmark") not in by_id:
            raise _gfail(f"{f}.landmark", f"{k.get('landmark')!r} is not a landmark",
                         f"use one of: {', '.join(by_id)}", k, "landmark")
        m = by_id[k["landmark"]]
        points.append(KeyPoint(root=k["root"], view=m.view, at=m.at, landmark=m.id))
    return Geometry(views=views, areas=tuple(areas), key_points=tuple(points), places=places,
                    landmarks=tuple(landmarks), landmark_radius=float(radius))


def _places(areas: list[Area], raw: dict) -> tuple[Place, ...]:
    """One place per distinct piece of skin; areas of one place must share the view and the clip."""
    first: dict[str, Area] = {}
    claims: dict[str, dict[str, str | None]] = {}
    for area in areas:
        if area.place in first:
            a0 = first[area.place]
            if a0.view != area.view or a0.clip != area.clip:
                raise _gfail(f"areas[{area.index}].place",
                             f"place {area.place!r} is also used by areas[{a0.index}] with another view or clip",
                             "areas of one place must have the same view and clip (one piece of skin); give this "
                             "one its own place name", raw["areas"][area.index], "place")
        first.setdefault(area.place, area)
        c = claims.setdefault(area.place, {m: None for m in MAP_SOURCES})
        for m in area.maps:
            if c[m] is not None and c[m] != area.root:
                raise _gfail(f"areas[{area.index}].maps", f"map {m!r} already gives place {area.place!r} to {c[m]}",
                             "one map style gives a piece of skin to one root", raw["areas"][area.index], "maps")
            c[m] = area.root
    return tuple(Place(id=pid, view=a.view, polygon=a.polygon, claims=tuple(claims[pid].items()))
                 for pid, a in first.items())


def _landmarks(raw: dict, views: dict[str, View], radius: float) -> list[Landmark]:
    out: list[Landmark] = []
    items = raw.get("landmarks") or []
    if not isinstance(items, list):
        raise _gfail("landmarks", "expected a list", "list the named points as '- id: ...', 'view:', 'at:'", raw,
                     "landmarks")
    for i, m in enumerate(items):
        f = f"landmarks[{i}]"
        if not isinstance(m, dict) or not isinstance(m.get("id"), str) or not ID_RE.match(m["id"]):
            raise _gfail(f"{f}.id", f"expected a point name, got {m.get('id') if isinstance(m, dict) else m!r}",
                         "name it in lower-case letters, digits and underscores, e.g. 'medial_malleolus'", items, i)
        if m["id"] in {x.id for x in out}:
            raise _gfail(f"{f}.id", f"{m['id']!r} is used twice", "give every landmark its own id", m, "id")
        if m.get("view") not in views:
            raise _gfail(f"{f}.view", f"{m.get('view')!r} is not one of {', '.join(views)}",
                         f"use one of: {', '.join(views)}", m, "view")
        at = _points([m.get("at")], f"{f}.at", minimum=1)[0]
        view = views[m["view"]]
        if not contains(list(view.outline), at) or distance_to_boundary(at, list(view.outline)) * view.scale < 0.5:
            raise _gfail(f"{f}.at", f"{list(at)} is not inside the {m['view']} view's outline",
                         "place the point on the drawing (local coordinates of the view)", m, "at")
        for other in out:
            if other.view == m["view"] and math.dist(other.at, at) * view.scale < 2 * radius:
                raise _gfail(f"{f}.at", f"closer than {2 * radius:g} figure units to landmark {other.id!r}",
                             "move the points apart, or make landmark_radius smaller: a click must choose one point",
                             m, "at")
        out.append(Landmark(id=m["id"], view=m["view"], at=at))
    return out


@lru_cache(maxsize=None)
def load_geometry() -> Geometry:
    """The lower-limb schematic, validated (errors name the file and field)."""
    return parse_geometry(read("dermatome_geometry.yaml", GeometryError))


