"""The course's own lower-limb schematic for the dermatome map, as data (``data/dermatome_geometry.yaml``).

Four views of the right lower limb (the leg from the front and from behind, the foot from above and
below).  Each dermatome *area* is the part of a view's outline inside a convex clip polygon, so areas
always lie inside the limb; which root an area belongs to, and which published map style
(``roots.yaml``'s map sources) draws it, is data too.  :func:`load_geometry` validates the file and
computes the areas; every problem raises :class:`GeometryError` naming the file, line, field and fix.
The figure is :class:`nerveroot.figures.dermatomes.DermatomeMap`.
"""

from __future__ import annotations

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
    """Round, drop repeated and collinear vertices."""
    pts = [(round(x, 4), round(y, 4)) for x, y in poly]
    changed = True
    while changed and len(pts) >= 3:
        changed = False
        for i in range(len(pts)):
            a, b, c = pts[i - 1], pts[i], pts[(i + 1) % len(pts)]
            if b == a or abs(_cross(a, b, c)) < 1e-9:
                del pts[i]
                changed = True
                break
    return pts


# ---------------------------------------------------------------------------
# the geometry data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    name: str
    outline: tuple[Point, ...]  # local coordinates, after mirroring
    x: float
    y: float
    scale: float
    medial: int

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

    @property
    def shared(self) -> bool:
        return set(self.maps) == set(MAP_SOURCES)


@dataclass(frozen=True)
class KeyPoint:
    root: str
    view: str
    at: Point


@dataclass(frozen=True)
class Geometry:
    views: dict[str, View]
    areas: tuple[Area, ...]
    key_points: tuple[KeyPoint, ...]


def _gfail(field: str, problem: str, fix: str, at: Any = None, key: Any = None) -> GeometryError:
    return Checker(GEOMETRY_FILE, GeometryError).fail(field, problem, fix, at, key)


def _points(value: Any, field: str, minimum: int = 3) -> list[Point]:
    if not isinstance(value, list) or len(value) < minimum:
        raise _gfail(field, f"expected a list of at least {minimum} [x, y] points", "write the points as [x, y] pairs, "
                     "one per line")
    pts = []
    for i, p in enumerate(value):
        if not (isinstance(p, list) and len(p) == 2 and all(isinstance(c, (int, float)) for c in p)):
            raise _gfail(f"{field}[{i}]", f"expected [x, y], got {p!r}", "write each point as [x, y] with two numbers",
                         value, i)
        pts.append((float(p[0]), float(p[1])))
    return pts


def parse_geometry(raw: Any) -> Geometry:
    """Validate the geometry data and compute the areas (outline ∩ clip)."""
    if not isinstance(raw, dict):
        raise _gfail("(top level)", "expected a mapping", "the file holds views, areas and key_points")
    raw_views = raw.get("views")
    if not isinstance(raw_views, dict):
        raise _gfail("views", "missing", f"add 'views:' with {', '.join(VIEW_ORDER)}", raw)
    views: dict[str, View] = {}
    for name in VIEW_ORDER:
        if name not in raw_views:
            raise _gfail(f"views.{name}", "missing", f"add the view '{name}:' under 'views:'", raw_views)
        v = raw_views[name]
        f = f"views.{name}"
        outline = _points(v.get("outline"), f"{f}.outline")
        if v.get("mirror"):
            outline = [(-x, y) for x, y in outline][::-1]
        if signed_area(outline) < 0:
            outline = outline[::-1]
        if not is_simple(outline):
            raise _gfail(f"{f}.outline", "not a simple polygon (edges cross or vertices repeat)",
                         "order the outline's points around the limb, without repeating one", v, "outline")
        place = v.get("place") or {}
        try:
            x, y, scale = float(place["x"]), float(place["y"]), float(place["scale"])
        except (KeyError, TypeError, ValueError):
            raise _gfail(f"{f}.place", "expected {x, y, scale}", "write 'place: {x: 0, y: 0, scale: 1}'", v,
                         "place") from None
        if v.get("medial") not in (-1, 1):
            raise _gfail(f"{f}.medial", "expected -1 or 1", "-1 when the medial side is on the left (after "
                         "mirroring), 1 when it is on the right", v, "medial")
        views[name] = View(name=name, outline=tuple(outline), x=x, y=y, scale=scale, medial=v["medial"])
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
        areas.append(Area(index=i, root=a["root"], view=a["view"], maps=tuple(maps), clip=tuple(clip),
                          polygon=tuple(poly), label_at=label_at, labelled=a.get("label", True)))
    if not areas:
        raise _gfail("areas", "missing", "list the dermatome areas under 'areas:'", raw)
    points = []
    for i, k in enumerate(raw.get("key_points") or []):
        f = f"key_points[{i}]"
        if k.get("root") not in CORE_ROOTS or k.get("view") not in views:
            raise _gfail(f, "needs a core root and a view", f"give 'root:' ({', '.join(CORE_ROOTS)}) and 'view:'",
                         k)
        at = _points([k.get("at")], f"{f}.at", minimum=1)[0]
        points.append(KeyPoint(root=k["root"], view=k["view"], at=at))
    return Geometry(views=views, areas=tuple(areas), key_points=tuple(points))


@lru_cache(maxsize=None)
def load_geometry() -> Geometry:
    """The lower-limb schematic, validated (errors name the file and field)."""
    return parse_geometry(read("dermatome_geometry.yaml", GeometryError))


