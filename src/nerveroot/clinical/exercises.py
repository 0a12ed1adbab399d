"""The exercise library: data, stick-figure kinematics and the printable home programme.

One source (``data/exercises.yaml``) feeds the management chapter's exercise boxes, the animated
stick figures (:mod:`nerveroot.figures.exercises`) and :func:`home_programme`.

**Stick-figure model.**  A person of height 1 seen from the side.  The hip joint is the root of
the chain.  Angles are in degrees; ``facing`` is ``+1`` when the front of the body faces up
(lying on the back, sitting) and ``-1`` when it faces down (on all fours), which mirrors every
flexion::

    trunk direction  t       = trunk                     (hip -> shoulder)
    thigh            = t + 180 - facing * hip            (hip flexion brings the thigh forwards)
    shank            = thigh + facing * knee             (knee flexion folds it backwards)
    foot             = shank - facing * (90 + ankle)     (dorsiflexion brings the toes up)
    upper arm        = t + 180 - facing * shoulder       (0 = along the side, 180 = overhead)
    forearm          = upper arm - facing * elbow
    head             = t + facing * neck                 (+ = chin towards chest)

The figure is then moved so that its lowest contact point rests on the floor (y = 0).
"""

from __future__ import annotations

import html
import math
import os
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path
from typing import Any, Iterable

from ..browser import find_chromium
from ..citations import role
from ..datafile import Checker, DataError, data_file, per_language, read
from ..i18n import current_lang, strings
from ..markup import Table
from . import red_flags

SOURCE = data_file("exercises.yaml")

#: Segment lengths as fractions of body height.
LENGTHS = {
    "trunk": 0.30,
    "head": 0.085,  # shoulder line -> centre of the head
    "thigh": 0.245,
    "shank": 0.245,
    "heel": 0.04,  # ankle -> heel, along the shank
    "foot": 0.12,  # ankle -> toes
    "upper_arm": 0.17,
    "forearm": 0.19,  # to the finger tips
}
HEAD_RADIUS = 0.05
HEAD_FORWARD = 0.015  # the skull sits in front of the spine line
TRUNK_HALF = 0.035  # half the thickness of the trunk: the spine line is drawn this far above the floor
KNEE_HALF = 0.02
LUMBAR_AT = 0.33  # where along the trunk the arch of the low back peaks

LIMB_JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow")
#: Allowed range of every angle (degrees).
RANGES = {
    "trunk": (-90, 180),
    "neck": (-60, 60),
    "hip": (-30, 150),
    "knee": (0, 160),
    "ankle": (-100, 40),
    "shoulder": (-60, 190),
    "elbow": (0, 160),
    "lordosis": (0.0, 0.06),
}
SUPPORTS = ("floor", "chair")
FACING = {"up": 1, "down": -1}
CATEGORIES = ("motor control", "strength", "stretch", "neural mobilisation")
DOSAGE_BASES = ("clinical_starting_point", "trial")
POINTS = ("head", "shoulder", "lumbar", "hip", "knee", "ankle", "heel", "toe", "elbow", "hand")
CONTACT_TOLERANCE = 0.02  # fraction of height

REQUIRED = {
    "name": str, "category": str, "position": str, "purpose": str, "instructions": list, "dosage": str,
    "dosage_basis": str, "progression": str, "stop_rules": list, "cautions": list, "cite": list,
    "start": dict, "end": dict,
}
OPTIONAL = {"caution_cite": list}


class ExerciseDataError(DataError):
    """``exercises.yaml`` is malformed; the message names the exercise and the field."""


def _fail(where: str, problem: str, fix: str, at: Any = None, key: Any = None) -> ExerciseDataError:
    return Checker(SOURCE, ExerciseDataError).fail(where, problem, fix, at, key)


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Limb:
    hip: float
    knee: float
    ankle: float
    shoulder: float
    elbow: float


@dataclass(frozen=True)
class Pose:
    trunk: float
    facing: int
    lordosis: float
    neck: float
    near: Limb
    far: Limb
    support: str
    contacts: tuple[str, ...]

    def blend(self, other: "Pose", f: float) -> "Pose":
        """The pose a fraction ``f`` (0..1) of the way from this pose to ``other``."""
        if not 0.0 <= f <= 1.0:
            raise ValueError(f"blend fraction must be between 0 and 1, not {f}")

        def mix(a, b):
            return a + (b - a) * f

        def limb(a: Limb, b: Limb) -> Limb:
            return Limb(*(mix(getattr(a, j), getattr(b, j)) for j in LIMB_JOINTS))

        return Pose(mix(self.trunk, other.trunk), self.facing, mix(self.lordosis, other.lordosis),
                    mix(self.neck, other.neck), limb(self.near, other.near), limb(self.far, other.far),
                    self.support, self.contacts if f < 0.5 else other.contacts)


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    category: str
    position: str
    purpose: str
    instructions: tuple[str, ...]
    dosage: str
    dosage_basis: str
    progression: str
    stop_rules: tuple[str, ...]
    cautions: tuple[str, ...]
    cite: tuple[str, ...]
    caution_cite: tuple[str, ...]
    start: Pose
    end: Pose

    def pose(self, f: float) -> Pose:
        """The pose at fraction ``f`` of the movement (0 = start, 1 = end)."""
        return self.start.blend(self.end, f)

    @property
    def all_cites(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.cite + self.caution_cite))


def _number(value: Any, where: str, name: str, at: Any = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(where, f"{name} must be a number, not {value!r}", f"write {name} in degrees, as a number", at, name)
    lo, hi = RANGES[name]
    if not lo <= value <= hi:
        raise _fail(where, f"{name} = {value} is outside the allowed range {lo}..{hi}",
                    f"use an angle from {lo} to {hi} (see RANGES in nerveroot.clinical.exercises)", at, name)
    return float(value)


def _limb(rec: Any, where: str, default: Limb | None = None) -> Limb:
    if rec is None:
        if default is None:
            raise _fail(where, "missing", "give the angles hip, knee, ankle, shoulder and elbow")
        return default
    if not isinstance(rec, dict):
        raise _fail(where, f"expected a mapping of joint -> angle, not {type(rec).__name__}",
                    "write one 'joint: angle' line per joint")
    unknown = set(rec) - set(LIMB_JOINTS)
    if unknown:
        raise _fail(where, f"unknown joint(s) {sorted(unknown)}", f"use the joints {', '.join(LIMB_JOINTS)}", rec)
    values = {}
    for joint in LIMB_JOINTS:
        if joint in rec:
            values[joint] = _number(rec[joint], where, joint, rec)
        elif default is not None:
            values[joint] = getattr(default, joint)
        else:
            raise _fail(where, f"missing joint {joint!r}", f"add '{joint}: <angle>'", rec)
    return Limb(**values)


def _pose(rec: Any, where: str) -> Pose:
    if not isinstance(rec, dict):
        raise _fail(where, "expected a mapping", "give trunk, facing, near, support, contacts (and optionally "
                    "lordosis, neck, far)")
    known = {"trunk", "facing", "lordosis", "neck", "near", "far", "support", "contacts"}
    unknown = set(rec) - known
    if unknown:
        raise _fail(where, f"unknown field(s) {sorted(unknown)}", f"use only {', '.join(sorted(known))}", rec)
    for key in ("trunk", "facing", "near", "support", "contacts"):
        if key not in rec:
            raise _fail(where, f"missing field {key!r}", f"add '{key}: ...'", rec)
    if rec["facing"] not in FACING:
        raise _fail(where, f"facing must be one of {', '.join(FACING)}, not {rec['facing']!r}",
                    "'up' when the front of the body faces up, 'down' on all fours", rec, "facing")
    if rec["support"] not in SUPPORTS:
        raise _fail(where, f"support must be one of {', '.join(SUPPORTS)}, not {rec['support']!r}",
                    f"use one of: {', '.join(SUPPORTS)}", rec, "support")
    contacts = rec["contacts"]
    if not isinstance(contacts, list) or not contacts:
        raise _fail(where, "contacts must be a non-empty list of body points",
                    "list the body points that rest on the floor or chair, e.g. [heel, hip, head]", rec, "contacts")
    for c in contacts:
        base = c[4:] if isinstance(c, str) and c.startswith("far_") else c
        if base not in POINTS:
            raise _fail(where, f"unknown contact point {c!r}",
                        f"use one of {', '.join(POINTS)} (with the prefix far_ for the far side)", rec, "contacts")
    near = _limb(rec["near"], f"{where}.near")
    far = _limb(rec.get("far"), f"{where}.far", default=near)
    return Pose(
        trunk=_number(rec["trunk"], where, "trunk", rec),
        facing=FACING[rec["facing"]],
        lordosis=_number(rec.get("lordosis", 0.0), where, "lordosis", rec),
        neck=_number(rec.get("neck", 0), where, "neck", rec),
        near=near, far=far, support=rec["support"], contacts=tuple(contacts),
    )


def _strings(value: list, where: str, allow_empty: bool = False) -> tuple[str, ...]:
    if not value and not allow_empty:
        raise _fail(where, "must not be empty", "list at least one item")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise _fail(where, f"every item must be non-empty text, not {item!r}", "write each item as text")
    return tuple(v.strip() for v in value)


def parse(raw: Any) -> tuple[dict[str, Exercise], str]:
    """Validate the raw YAML and return ``({id: Exercise}, dosage_note)``."""
    if not isinstance(raw, dict) or "exercises" not in raw:
        raise _fail("top level", "expected a mapping with 'exercises' (and 'dosage_note')",
                    "the file holds 'dosage_note:' and 'exercises:'", raw)
    note = raw.get("dosage_note")
    if not isinstance(note, str) or not note.strip():
        raise _fail("dosage_note", "missing", "say what the dosages are based on in 'dosage_note:'", raw)
    exercises = raw["exercises"]
    if not isinstance(exercises, dict) or not exercises:
        raise _fail("exercises", "expected a non-empty mapping of id -> exercise",
                    "list the exercises under 'exercises:', each under its id", raw, "exercises")
    out: dict[str, Exercise] = {}
    for eid, rec in exercises.items():
        where = f"exercises.{eid}"
        if not isinstance(rec, dict):
            raise _fail(where, "expected a mapping", "give the exercise's fields under its id", exercises, eid)
        unknown = set(rec) - set(REQUIRED) - set(OPTIONAL)
        if unknown:
            raise _fail(where, f"unknown field(s) {sorted(unknown)}",
                        f"use only {', '.join([*REQUIRED, *OPTIONAL])}", rec, sorted(unknown)[0])
        for key, kind in REQUIRED.items():
            if key not in rec:
                raise _fail(where, f"missing field {key!r}", f"add '{key}: ...'", rec)
            if not isinstance(rec[key], kind):
                raise _fail(f"{where}.{key}", f"expected {kind.__name__}, not {type(rec[key]).__name__}",
                            "a list is written as '- item' lines, a mapping as 'name: value' lines", rec, key)
        if rec["category"] not in CATEGORIES:
            raise _fail(f"{where}.category", f"{rec['category']!r} is not one of {', '.join(CATEGORIES)}",
                        f"use one of: {', '.join(CATEGORIES)}", rec, "category")
        if rec["dosage_basis"] not in DOSAGE_BASES:
            raise _fail(f"{where}.dosage_basis", f"{rec['dosage_basis']!r} is not one of {', '.join(DOSAGE_BASES)}",
                        f"use one of: {', '.join(DOSAGE_BASES)}", rec, "dosage_basis")
        if rec["dosage_basis"] == "trial":
            raise _fail(f"{where}.dosage_basis",
                        "'trial' needs a source in the bibliography that gives this dosage; none does yet",
                        "use 'clinical_starting_point' until a cited trial gives the dosage", rec, "dosage_basis")
        start, end = _pose(rec["start"], f"{where}.start"), _pose(rec["end"], f"{where}.end")
        if start.facing != end.facing or start.support != end.support:
            raise _fail(where, "start and end must share facing and support",
                        "the animation blends between them: give both the same facing and support", rec, "end")
        out[eid] = Exercise(
            id=eid, name=rec["name"].strip(), category=rec["category"], position=rec["position"].strip(),
            purpose=rec["purpose"].strip(), instructions=_strings(rec["instructions"], f"{where}.instructions"),
            dosage=rec["dosage"].strip(), dosage_basis=rec["dosage_basis"], progression=rec["progression"].strip(),
            stop_rules=_strings(rec["stop_rules"], f"{where}.stop_rules"),
            cautions=_strings(rec["cautions"], f"{where}.cautions", allow_empty=True),
            cite=Checker(SOURCE, ExerciseDataError).cite(rec, where),
            caution_cite=Checker(SOURCE, ExerciseDataError).cite(rec, where, "caution_cite") if rec.get("caution_cite")
            else (),
            start=start, end=end,
        )
    return out, note.strip()


@per_language
def _loaded() -> tuple[dict[str, Exercise], str]:
    return parse(read("exercises.yaml", ExerciseDataError))


def load_exercises() -> dict[str, Exercise]:
    """Every exercise of the library, validated, in the order of the data file."""
    return dict(_loaded()[0])


def dosage_note() -> str:
    """What the dosages are based on (shown wherever a dosage is)."""
    return _loaded()[1]


def get(exercise_id: str) -> Exercise:
    """One exercise; an unknown id raises ``ValueError`` naming the valid ones."""
    exercises = _loaded()[0]
    if exercise_id not in exercises:
        raise ValueError(f"unknown exercise {exercise_id!r}; valid ids: {', '.join(exercises)}")
    return exercises[exercise_id]


def cite_keys() -> set[str]:
    keys: set[str] = set()
    for ex in load_exercises().values():
        keys.update(ex.all_cites)
    return keys


# ---------------------------------------------------------------------------
# kinematics
# ---------------------------------------------------------------------------

Point = tuple[float, float]


def _unit(deg: float) -> Point:
    r = math.radians(deg)
    return math.cos(r), math.sin(r)


def _add(p: Point, deg: float, length: float) -> Point:
    ux, uy = _unit(deg)
    return p[0] + length * ux, p[1] + length * uy


def _limb_points(pose: Pose, limb: Limb, hip: Point, shoulder: Point, prefix: str) -> dict[str, Point]:
    s, t = pose.facing, pose.trunk
    thigh = t + 180 - s * limb.hip
    shank = thigh + s * limb.knee
    foot = shank - s * (90 + limb.ankle)
    arm = t + 180 - s * limb.shoulder
    forearm = arm - s * limb.elbow
    knee = _add(hip, thigh, LENGTHS["thigh"])
    ankle = _add(knee, shank, LENGTHS["shank"])
    elbow = _add(shoulder, arm, LENGTHS["upper_arm"])
    return {
        f"{prefix}knee": knee,
        f"{prefix}ankle": ankle,
        f"{prefix}heel": _add(ankle, shank, LENGTHS["heel"]),
        f"{prefix}toe": _add(ankle, foot, LENGTHS["foot"]),
        f"{prefix}elbow": elbow,
        f"{prefix}hand": _add(elbow, forearm, LENGTHS["forearm"]),
    }


def _raw_points(pose: Pose) -> dict[str, Point]:
    hip = (0.0, 0.0)
    shoulder = _add(hip, pose.trunk, LENGTHS["trunk"])
    # the arch of the low back: a point on the trunk line pushed forwards
    base = _add(hip, pose.trunk, LENGTHS["trunk"] * LUMBAR_AT)
    lumbar = _add(base, pose.trunk + pose.facing * 90, pose.lordosis)
    head_dir = pose.trunk + pose.facing * pose.neck
    head = _add(_add(shoulder, head_dir, LENGTHS["head"]), head_dir + pose.facing * 90, HEAD_FORWARD)
    pts = {"hip": hip, "shoulder": shoulder, "lumbar": lumbar, "head": head}
    pts.update(_limb_points(pose, pose.near, hip, shoulder, ""))
    pts.update(_limb_points(pose, pose.far, hip, shoulder, "far_"))
    pts["far_hip"], pts["far_shoulder"] = hip, shoulder
    return pts


def _contact_y(name: str, pts: dict[str, Point]) -> float:
    """Height of a contact point's surface (the back of the head/trunk, the sole, the palm)."""
    base = name[4:] if name.startswith("far_") else name
    y = pts[name if name in pts else base][1]
    if base == "head":
        return y - HEAD_RADIUS
    if base in ("shoulder", "hip", "lumbar"):
        return y - TRUNK_HALF
    if base == "knee":
        return y - KNEE_HALF
    return y


def forward_kinematics(pose: Pose) -> dict[str, Point]:
    """Positions of every body point for a pose, resting on the floor at y = 0.

    Keys: ``head`` (centre), ``shoulder``, ``lumbar``, ``hip``, and per side ``knee``, ``ankle``,
    ``heel``, ``toe``, ``elbow``, ``hand`` (near side) and the same with a ``far_`` prefix.
    """
    pts = _raw_points(pose)
    low = min(_contact_y(c, pts) for c in pose.contacts)
    return {k: (x, y - low) for k, (x, y) in pts.items()}


def contact_errors(pose: Pose) -> dict[str, float]:
    """How far each declared contact is above the floor (0 for a well-posed figure)."""
    pts = forward_kinematics(pose)
    return {c: _contact_y(c, pts) for c in pose.contacts}


def lowest_point(pose: Pose) -> float:
    """Lowest y of any body point or the head: negative means part of the body is below the floor."""
    pts = forward_kinematics(pose)
    return min([_contact_y(k, pts) for k in pts])


def chair(pose: Pose) -> dict[str, float] | None:
    """The chair under a sitting figure: seat height and front and back x (``None`` when lying)."""
    if pose.support != "chair":
        return None
    pts = forward_kinematics(pose)
    hx, hy = pts["hip"]
    seat = hy - 0.035
    front = hx + 0.6 * (pts["far_knee"][0] - hx)
    back = hx - 0.09 if front > hx else hx + 0.09
    return {"seat": seat, "front": front, "back": back}


def joint_angles(points: dict[str, Point], prefix: str = "") -> dict[str, float]:
    """Inner angle (degrees) at the hip, knee and elbow, measured from the points (for tests)."""

    def angle(a: Point, b: Point, c: Point) -> float:
        v1 = (a[0] - b[0], a[1] - b[1])
        v2 = (c[0] - b[0], c[1] - b[1])
        cos = (v1[0] * v2[0] + v1[1] * v2[1]) / (math.hypot(*v1) * math.hypot(*v2))
        return math.degrees(math.acos(max(-1.0, min(1.0, cos))))

    p = points
    return {
        "hip": angle(p["shoulder"], p["hip"], p[prefix + "knee"]),
        "knee": angle(p["hip"], p[prefix + "knee"], p[prefix + "ankle"]),
        "elbow": angle(p["shoulder"], p[prefix + "elbow"], p[prefix + "hand"]),
    }


# ---------------------------------------------------------------------------
# drawing as SVG (for the home programme; the book's figures use plotly)
# ---------------------------------------------------------------------------

NEAR_INK = "#1f2933"
FAR_INK = "#9aa5b1"


def _chains(pts: dict[str, Point], prefix: str) -> list[list[Point]]:
    p = pts
    return [
        [p["hip"], p[prefix + "knee"], p[prefix + "ankle"], p[prefix + "heel"], p[prefix + "toe"], p[prefix + "ankle"]],
        [p["shoulder"], p[prefix + "elbow"], p[prefix + "hand"]],
    ]


def neck_line(pts: dict[str, Point]) -> list[Point]:
    """From the shoulder line to the edge of the head."""
    (sx, sy), (hx, hy) = pts["shoulder"], pts["head"]
    d = math.hypot(hx - sx, hy - sy)
    k = max(0.0, (d - HEAD_RADIUS) / d)
    return [(sx, sy), (sx + k * (hx - sx), sy + k * (hy - sy))]


def head_outline(pts: dict[str, Point], n: int = 24) -> list[Point]:
    hx, hy = pts["head"]
    return [(hx + HEAD_RADIUS * math.cos(2 * math.pi * i / n), hy + HEAD_RADIUS * math.sin(2 * math.pi * i / n))
            for i in range(n + 1)]


def pose_svg(pose: Pose, width: int = 150, height: int = 110, label: str = "") -> str:
    """A small, greyscale-safe SVG of one pose (near limbs solid and dark, far limbs light and dashed)."""
    pts = forward_kinematics(pose)
    xs = [x for x, _ in pts.values()]
    ys = [y for _, y in pts.values()] + [pts["head"][1] + HEAD_RADIUS]
    x0, x1 = min(xs) - 0.08, max(xs) + 0.08
    y0, y1 = -0.02, max(ys) + 0.04
    scale = min(width / (x1 - x0), (height - 14) / (y1 - y0))

    def tx(p: Point) -> str:
        return f"{(p[0] - x0) * scale:.1f},{(y1 - p[1]) * scale:.1f}"

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(label)}">']
    floor_y = y1 * scale
    parts.append(f'<line x1="0" y1="{floor_y:.1f}" x2="{width}" y2="{floor_y:.1f}" stroke="#555" stroke-width="2"/>')
    seat = chair(pose)
    if seat:
        a, b = sorted((seat["front"], seat["back"]))
        parts.append(f'<polyline points="{tx((a, 0))} {tx((a, seat["seat"]))} {tx((b, seat["seat"]))} {tx((b, 0))}" '
                     f'fill="none" stroke="#777" stroke-width="2"/>')
    for chain in _chains(pts, "far_"):
        parts.append(f'<polyline points="{" ".join(tx(q) for q in chain)}" fill="none" stroke="{FAR_INK}" '
                     f'stroke-width="3" stroke-dasharray="5 3" stroke-linejoin="round"/>')
    spine = [pts["hip"], pts["lumbar"], pts["shoulder"]]
    parts.append(f'<polyline points="{" ".join(tx(q) for q in spine)}" fill="none" stroke="{NEAR_INK}" '
                 f'stroke-width="4" stroke-linejoin="round"/>')
    parts.append(f'<polyline points="{" ".join(tx(q) for q in neck_line(pts))}" fill="none" stroke="{NEAR_INK}" '
                 f'stroke-width="4"/>')
    hx, hy = pts["head"]
    parts.append(f'<circle cx="{(hx - x0) * scale:.1f}" cy="{(y1 - hy) * scale:.1f}" r="{HEAD_RADIUS * scale:.1f}" '
                 f'fill="white" stroke="{NEAR_INK}" stroke-width="3"/>')
    for chain in _chains(pts, ""):
        parts.append(f'<polyline points="{" ".join(tx(q) for q in chain)}" fill="none" stroke="{NEAR_INK}" '
                     f'stroke-width="4" stroke-linejoin="round" stroke-linecap="round"/>')
    if label:
        parts.append(f'<text x="4" y="{height - 2}" font-size="11" fill="#333">{html.escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------------
# the home programme
# ---------------------------------------------------------------------------

#: The sources of the programme's general advice (``advice`` in ``strings/<lang>/home_programme.yaml``).
GENERAL_CITE = ("Vroomen1999", "Koes2007")


def general_advice() -> str:
    """The programme's general advice to the patient, in the current language."""
    return " ".join(strings("home_programme")["advice"].split())


def category_label(category: str) -> str:
    """What an exercise's kind (one of :data:`CATEGORIES`) is called in the current language."""
    return strings("tables")["category_" + category.replace(" ", "_")]

def safety_net_heading() -> str:
    """The heading of the same-day warning signs (the signs come from the red-flag data)."""
    return strings("safety_net")["heading"]


def _safety_net_html() -> str:
    """The same-day warning signs as a boxed two-column list (short enough for one A4 page)."""
    e = html.escape
    items = "".join(f"<li>{e(item)}</li>" for item in red_flags.safety_net_items())
    intro = strings("safety_net")["intro"]
    return (f'<div class=urgent><p><b>{e(safety_net_heading())}.</b> {e(intro)}:</p>'
            f"<ul class=signs>{items}</ul></div>")


MAX_EXERCISES = 4  # more does not fit on one printed A4 page (and is rarely done at home)


@dataclass(frozen=True)
class HomeProgramme:
    """A one-page home programme; ``markdown()``, ``html()`` and ``write_pdf()`` give it printable."""

    exercises: tuple[Exercise, ...]
    patient: str = ""
    clinician: str = ""
    date: str = ""
    notes: str = ""

    @property
    def title(self) -> str:
        s = strings("home_programme")
        return s["title_for"].format(patient=self.patient) if self.patient else s["title"]

    def _meta(self) -> list[str]:
        """Who wrote the programme and when (the parts given), as plain text."""
        s = strings("home_programme")
        return [m for m in (s["clinician"].format(clinician=self.clinician) if self.clinician else "",
                            s["date"].format(date=self.date) if self.date else "") if m]

    def markdown(self) -> str:
        s = strings("home_programme")
        lines = [f"## {self.title}", ""]
        meta = self._meta()
        if meta:
            lines += [" · ".join(meta), ""]
        lines += [general_advice(), ""]
        for i, ex in enumerate(self.exercises, 1):
            lines += [f"### {i}. {ex.name}", "", f"*{ex.position}*", ""]
            lines += [f"{k}. {step}" for k, step in enumerate(ex.instructions, 1)] + [""]
            lines += [f"**{s['how_much']}** {ex.dosage} *{s['starting_point']}*", ""]
            lines += [f"**{s['stop_if']}** " + " ".join(ex.stop_rules), ""]
        if self.notes:
            lines += [f"**{s['notes']}** {self.notes}", ""]
        lines += [f"**{safety_net_heading()}:** {red_flags.safety_net_sentence()}", ""]
        lines += [f"*{dosage_note()}*", ""]
        return "\n".join(lines)

    def html(self) -> str:
        """A standalone HTML page sized to print on one A4 page (no external resources)."""
        e = html.escape
        s = strings("home_programme")
        meta = " · ".join(e(m) for m in self._meta())
        rows = []
        for i, ex in enumerate(self.exercises, 1):
            steps = "".join(f"<li>{e(step)}</li>" for step in ex.instructions)
            figs = pose_svg(ex.start, label=s["start"]) + pose_svg(ex.end, label=s["end"])
            rows.append(
                f'<section class="ex"><div class="figs">{figs}</div><div class="txt">'
                f"<h2>{i}. {e(ex.name)} <span class=pos>{e(ex.position)}</span></h2>"
                f"<div class=cols><ol>{steps}</ol><div>"
                f"<p><b>{e(s['how_much'])}</b> {e(ex.dosage)} <i>{e(s['starting_point'])}</i></p>"
                f"<p><b>{e(s['stop_if'])}</b> {e(' '.join(ex.stop_rules))}</p>"
                f"</div></div></div></section>"
            )
        notes = f"<p><b>{e(s['notes'])}</b> {e(self.notes)}</p>" if self.notes else ""
        return (
            f"<!DOCTYPE html><html lang={current_lang()}><head><meta charset=utf-8>"
            f"<title>{e(self.title)}</title><style>{_PRINT_CSS}</style></head><body>"
            f"<h1>{e(self.title)}</h1>" + (f"<p class=meta>{meta}</p>" if meta else "")
            + f"<p class=advice>{e(general_advice())}</p>" + "".join(rows) + notes
            + _safety_net_html()
            + f"<p class=foot>{e(dosage_note())} {e(s['footer'])}</p></body></html>"
        )

    def write_html(self, path: str | os.PathLike) -> Path:
        path = Path(path)
        path.write_text(self.html(), encoding="utf-8")
        return path

    def write_pdf(self, path: str | os.PathLike, chromium: str | None = None) -> Path:
        """Print the HTML page to PDF with the system Chromium (headless, no network)."""
        exe = chromium or find_chromium()  # BrowserMissing at once, naming the Debian package
        path = Path(path).resolve()
        with tempfile.TemporaryDirectory() as tmp:
            src = self.write_html(Path(tmp) / "programme.html")
            cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                   f"--print-to-pdf={path}", src.as_uri()]
            subprocess.run(cmd, check=True, capture_output=True, timeout=120)
        if not path.is_file():
            raise RuntimeError(f"Chromium did not write {path}")
        return path

    # shown in a notebook or the book: the Markdown version (prints in HTML and PDF alike)
    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __repr__(self) -> str:
        return f"HomeProgramme({', '.join(ex.id for ex in self.exercises)})"


_PRINT_CSS = """
@page { size: A4; margin: 10mm 12mm; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; font-size: 9pt;
       color: #111; max-width: 186mm; margin: 0 auto; line-height: 1.2; }
h1 { font-size: 15pt; margin: 0 0 1.5mm; } h2 { font-size: 10.5pt; margin: 0 0 0.5mm; }
p { margin: 0.8mm 0; } ol { margin: 0.5mm 0 0.5mm 4mm; padding-left: 3mm; }
.meta, .pos { color: #333; font-style: italic; }
.pos { font-weight: normal; font-size: 9pt; }
.txt { flex: 1; } .cols { display: grid; grid-template-columns: 1.15fr 1fr; gap: 3mm; }
.ex { display: flex; gap: 3mm; border-top: 1px solid #999; padding: 1.5mm 0; break-inside: avoid; }
.figs { flex: 0 0 auto; display: flex; flex-direction: row; gap: 1mm; align-items: flex-end; }
.figs svg { width: 24mm; height: auto; }
.urgent { border: 2px solid #000; padding: 1.5mm; margin-top: 2mm; break-inside: avoid; }
.signs { columns: 2; column-gap: 5mm; margin: 0.5mm 0 0 4mm; padding-left: 2mm; font-size: 8.5pt; }
.signs li { break-inside: avoid; }
.foot { font-size: 8pt; color: #444; }
"""


def home_programme(ids: Iterable[str], *, patient: str = "", clinician: str = "", notes: str = "",
                   date: str | _date | None = None) -> HomeProgramme:
    """A one-page home programme of the chosen exercises, in the order given.

    Raises ``ValueError`` for an empty selection, an unknown id (naming the valid ones), a
    repeated id, or more than :data:`MAX_EXERCISES` exercises (they would not fit on one page).
    """
    if isinstance(ids, str):
        ids = [ids]
    ids = list(ids)
    if not ids:
        raise ValueError("choose at least one exercise for the home programme; valid ids: "
                         + ", ".join(load_exercises()))
    library = load_exercises()
    unknown = [i for i in ids if i not in library]
    if unknown:
        raise ValueError(f"unknown exercise id(s) {', '.join(map(repr, unknown))}; valid ids: {', '.join(library)}")
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"exercise(s) chosen twice: {', '.join(repeated)}")
    if len(ids) > MAX_EXERCISES:
        raise ValueError(f"{len(ids)} exercises do not fit on one page (at most {MAX_EXERCISES}); "
                         "a short programme is also more likely to be done")
    when = date.isoformat() if isinstance(date, _date) else (date or "")
    return HomeProgramme(tuple(library[i] for i in ids), patient=patient, clinician=clinician, date=when, notes=notes)


# ---------------------------------------------------------------------------
# the chapter's exercise cards
# ---------------------------------------------------------------------------


class ExerciseCard:
    """One exercise as a MyST admonition (purpose, how, dosage, progression, stop rules, cautions)."""

    def __init__(self, exercise_id: str):
        self.exercise = get(exercise_id)

    def markdown(self) -> str:
        ex = self.exercise

        def cites(keys):
            return f" {role(keys)}" if keys else ""

        s = strings("tables")
        lines = [f"```{{admonition}} {ex.name} ({category_label(ex.category)})", ":class: nr-exercise", ""]
        lines += [f"**{s['card_purpose']}** {ex.purpose}{cites(ex.cite)}", ""]
        lines += [f"**{s['card_position']}** {ex.position}", ""]
        lines += [f"{k}. {step}" for k, step in enumerate(ex.instructions, 1)] + [""]
        lines += [f"**{s['card_dosage']}** {ex.dosage}", ""]
        lines += [f"**{s['card_progression']}** {ex.progression}", ""]
        lines += [f"**{s['card_stop_rules']}** {s['card_stop_intro']}", ""]
        lines += [f"- {rule}" for rule in ex.stop_rules] + [""]
        if ex.cautions:
            lines += [f"**{s['card_cautions']}**{cites(ex.caution_cite)}", ""]
            lines += [f"- {c}" for c in ex.cautions] + [""]
        lines.append("```")
        return "\n".join(lines) + "\n"

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __repr__(self) -> str:
        ex = self.exercise
        return strings("tables")["card_plain"].format(name=ex.name, purpose=ex.purpose, dosage=ex.dosage)


def library_table() -> Table:
    """The whole library at a glance."""
    s = strings("tables")
    rows = [[f"**{ex.name}**", category_label(ex.category), ex.position, ex.dosage] for ex in load_exercises().values()]
    return Table([s[f"exercises_col_{k}"] for k in ("exercise", "kind", "position", "dosage")], rows,
                 caption=s["exercises_caption"])
