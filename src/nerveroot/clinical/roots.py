"""Nerve-root data of the course: loaded from ``data/roots.yaml`` and validated on load.

This module is the one source of truth for the anatomy of the lower lumbar roots.
Figures, widgets, the chapter's tables and the quizzes all read it, so the text and
the pictures cannot drift apart.

Public API
----------
:func:`load_roots`
    ``{"L3": Root, "L4": Root, "L5": Root, "S1": Root}`` in cranial-to-caudal order.
    L4, L5 and S1 (``role == "core"``) carry the full clinical record (dermatome,
    key sensory point, key muscles, reflex, pain); L3 is a neighbour with anatomy only.
:func:`affected_roots`
    ``affected_roots("L4/L5", "paracentral") == ["L5"]``: the roots a herniation at a
    disc level and zone reaches, most likely first.
:func:`herniation`
    The same with the reasoning: traversing or exiting root, cauda equina risk.
:func:`load_discs`, :func:`load_zones`, :func:`load_disagreements`
    The disc levels (with the Danish "L4-prolaps" naming), the herniation zones, and
    the places where sources disagree, as data.
:func:`cite_keys`
    Every citation key the data uses (tests check each exists in ``book/references.bib``).

Every problem in the data file raises :class:`RootDataError` naming the file, line, field
and fix (:mod:`nerveroot.datafile`), e.g.
``src/nerveroot/data/roots.yaml:212: roots.L5.reflex.cite: missing or empty. Fix: ...``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..citations import role
from ..datafile import Checker, DataError, data_file, per_language, read
from ..markup import Table

DATA_FILE = data_file("roots.yaml")

ROOT_ORDER = ("L3", "L4", "L5", "S1")
CORE_ROOTS = ("L4", "L5", "S1")
#: The original minimal fields (``figures/overview.py`` relies on them).
REQUIRED = ("vertebra", "exit_foramen", "traversing_disc", "cite")
DISC_ORDER = ("L3/L4", "L4/L5", "L5/S1")
ZONE_ORDER = ("central", "paracentral", "foraminal", "far_lateral")
MAP_SOURCES = ("keegan_garrett", "medial_leg")
CONFIDENCE = ("seen-primary", "seen-secondary", "unconfirmed")
REACHES = ("traversing", "exiting", "central")


class RootDataError(DataError):
    """The root data file is incomplete or malformed (the message names file and field)."""


# ---------------------------------------------------------------------------
# records
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MapVariant:
    """How one published style of dermatome map draws a root."""

    map: str
    extent: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class Dermatome:
    summary: str
    confidence: str
    cite: tuple[str, ...]
    variants: tuple[MapVariant, ...]

    def variant(self, map_source: str) -> MapVariant:
        for v in self.variants:
            if v.map == map_source:
                return v
        raise KeyError(map_source)


@dataclass(frozen=True)
class SensoryPoint:
    """A standard's key sensory point.  ``confidence == "unconfirmed"``: teach as weakly sourced."""

    standard: str
    site: str
    confidence: str
    cite: tuple[str, ...]

    @property
    def confirmed(self) -> bool:
        return self.confidence != "unconfirmed"


@dataclass(frozen=True)
class Muscle:
    movement: str
    muscles: str
    standard: str
    confidence: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class Reflex:
    name: str
    danish: str
    confidence: str
    cite: tuple[str, ...]
    note: str = ""

    @property
    def names_danish(self) -> bool:
        """The name already is the Danish term (in the Danish edition): no Danish gloss after it."""
        from ..i18n import says

        return says(self.name, self.danish)


@dataclass(frozen=True)
class Pain:
    summary: str
    confidence: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class Root:
    """One nerve root.  Neighbour roots (L3) have ``None`` for the clinical fields."""

    name: str
    vertebra: str
    exit_foramen: str
    traversing_disc: str
    cite: tuple[str, ...]
    role: str = "core"
    danish: str = ""
    dermatome: Dermatome | None = None
    key_sensory_point: SensoryPoint | None = None
    muscles: tuple[Muscle, ...] = ()
    reflex: Reflex | None = None
    pain: Pain | None = None

    @property
    def is_core(self) -> bool:
        return self.role == "core"

    def movements(self) -> str:
        """The key movements, joined for a caption or a table cell."""
        return "; ".join(m.movement for m in self.muscles)


@dataclass(frozen=True)
class Disc:
    name: str
    upper: str
    lower: str
    danish_name: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class Zone:
    name: str
    reaches: str
    where: str
    cauda_equina_risk: bool
    cite: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")


@dataclass(frozen=True)
class Position:
    claim: str
    source: str


@dataclass(frozen=True)
class Disagreement:
    name: str
    topic: str
    roots: tuple[str, ...]
    positions: tuple[Position, ...]
    lesson: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class Herniation:
    """What a herniation at one disc level and zone reaches, and why."""

    disc: str
    zone: str
    roots: tuple[str, ...]
    mechanism: str  # "traversing", "exiting" or "central"
    traversing_root: str
    exiting_root: str
    cauda_equina_risk: bool
    danish_name: str
    cite: tuple[str, ...]


# ---------------------------------------------------------------------------
# validation helpers
# ---------------------------------------------------------------------------


def _check() -> Checker:
    return Checker(DATA_FILE, RootDataError)


def _fail(field: str, problem: str, fix: str, at: Any = None, key: Any = None) -> RootDataError:
    return _check().fail(field, problem, fix, at, key)


def _mapping(value: Any, field: str, at: Any = None, key: Any = None) -> dict:
    return _check().mapping(value, field, at, key)


def _text(rec: dict, key: str, field: str) -> str:
    return _check().text(rec, key, field, collapse=False)


def _cite(rec: dict, field: str) -> tuple[str, ...]:
    return _check().cite(rec, field)


def _confidence(rec: dict, field: str) -> str:
    return _check().choice(rec, "confidence", field, CONFIDENCE)


def _parse_root(name: str, rec: Any, at: Any = None) -> Root:
    field = f"roots.{name}"
    rec = _mapping(rec, field, at, name)
    for key in REQUIRED:
        if key not in rec:
            raise _fail(f"{field}.{key}", "missing", f"add '{key}: ...' to {field}", rec)
    role = rec.get("role", "core")
    if role not in ("core", "neighbour"):
        raise _fail(f"{field}.role", f"{role!r} is not one of core, neighbour", "use 'role: core' or "
                    "'role: neighbour'", rec, "role")
    if name in CORE_ROOTS and role != "core":
        raise _fail(f"{field}.role", f"{name} must be a core root", f"set 'role: core' for {name}: the course "
                    "teaches L4, L5 and S1 in full", rec, "role")
    kwargs: dict[str, Any] = dict(
        name=name,
        vertebra=_text(rec, "vertebra", field),
        exit_foramen=_text(rec, "exit_foramen", field),
        traversing_disc=_text(rec, "traversing_disc", field),
        cite=_cite(rec, field),
        role=role,
        danish=_text(rec, "danish", field),
    )
    muscles = []
    for i, m in enumerate(rec.get("muscles") or []):
        f = f"{field}.muscles[{i}]"
        m = _mapping(m, f, rec.get("muscles"), i)
        muscles.append(Muscle(movement=_text(m, "movement", f), muscles=_text(m, "muscles", f),
                              standard=_text(m, "standard", f), confidence=_confidence(m, f), cite=_cite(m, f)))
    kwargs["muscles"] = tuple(muscles)
    if role == "core":
        for key in ("dermatome", "key_sensory_point", "muscles", "reflex", "pain"):
            if not rec.get(key):
                raise _fail(f"{field}.{key}", "missing (core roots need the full clinical record)",
                            f"add '{key}:' with its fields and citations, as for the other core roots", rec, key)
        d = _mapping(rec["dermatome"], f"{field}.dermatome", rec, "dermatome")
        variants = []
        raw_variants = d.get("variants")
        if not isinstance(raw_variants, list):
            raise _fail(f"{field}.dermatome.variants", "missing (one entry per map source)",
                        f"list one entry per map source ({', '.join(MAP_SOURCES)}) under 'variants:'", d)
        for i, v in enumerate(raw_variants):
            f = f"{field}.dermatome.variants[{i}]"
            v = _mapping(v, f, raw_variants, i)
            map_source = _check().choice(v, "map", f, MAP_SOURCES)
            variants.append(MapVariant(map=map_source, extent=_text(v, "extent", f), cite=_cite(v, f)))
        missing_maps = set(MAP_SOURCES) - {v.map for v in variants}
        if missing_maps:
            raise _fail(f"{field}.dermatome.variants", f"no entry for map(s) {', '.join(sorted(missing_maps))}",
                        "add a variant for each map source, with its extent and citation", d, "variants")
        kwargs["dermatome"] = Dermatome(summary=_text(d, "summary", f"{field}.dermatome"),
                                        confidence=_confidence(d, f"{field}.dermatome"),
                                        cite=_cite(d, f"{field}.dermatome"), variants=tuple(variants))
        f = f"{field}.key_sensory_point"
        k = _mapping(rec["key_sensory_point"], f, rec, "key_sensory_point")
        kwargs["key_sensory_point"] = SensoryPoint(standard=_text(k, "standard", f), site=_text(k, "site", f),
                                                   confidence=_confidence(k, f), cite=_cite(k, f))
        f = f"{field}.reflex"
        r = _mapping(rec["reflex"], f, rec, "reflex")
        kwargs["reflex"] = Reflex(name=_text(r, "name", f), danish=_text(r, "danish", f),
                                  confidence=_confidence(r, f), cite=_cite(r, f),
                                  note=_text(r, "note", f) if r.get("note") is not None else "")
        f = f"{field}.pain"
        p = _mapping(rec["pain"], f, rec, "pain")
        kwargs["pain"] = Pain(summary=_text(p, "summary", f), confidence=_confidence(p, f), cite=_cite(p, f))
    return Root(**kwargs)


@per_language
def _raw() -> dict:
    return read("roots.yaml", RootDataError)


def parse(raw: dict) -> tuple[dict[str, Root], dict[str, Disc], dict[str, Zone], dict[str, Disagreement]]:
    """Validate a loaded data file (a mapping) and build the records; used by the loaders and tests."""
    raw = _mapping(raw, "(top level)")
    for section in ("roots", "discs", "zones", "disagreements"):
        if section not in raw:
            raise _fail(section, "missing section", f"add the section '{section}:' (see the file's comments)", raw)
    raw_roots = _mapping(raw["roots"], "roots", raw, "roots")
    roots: dict[str, Root] = {}
    for name in ROOT_ORDER:
        if name not in raw_roots:
            raise _fail(f"roots.{name}", "missing", f"add the root {name} under 'roots:'", raw_roots)
        roots[name] = _parse_root(name, raw_roots[name], raw_roots)
    extra = set(raw_roots) - set(ROOT_ORDER)
    if extra:
        raise _fail("roots", f"unexpected root(s) {', '.join(sorted(extra))}",
                    f"the course knows {', '.join(ROOT_ORDER)}; remove the others", raw_roots, sorted(extra)[0])

    raw_discs = _mapping(raw["discs"], "discs", raw, "discs")
    discs: dict[str, Disc] = {}
    for name in DISC_ORDER:
        if name not in raw_discs:
            raise _fail(f"discs.{name}", "missing", f"add the disc {name} under 'discs:'", raw_discs)
        f = f"discs.{name}"
        d = _mapping(raw_discs[name], f, raw_discs, name)
        discs[name] = Disc(name=name, upper=_text(d, "upper", f), lower=_text(d, "lower", f),
                           danish_name=_text(d, "danish_name", f), cite=_cite(d, f))
        if f"{discs[name].upper}/{discs[name].lower}" != name:
            raise _fail(f, f"upper/lower ({discs[name].upper}, {discs[name].lower}) do not match the name",
                        f"name the vertebrae above and below the disc {name}", raw_discs, name)

    raw_zones = _mapping(raw["zones"], "zones", raw, "zones")
    zones: dict[str, Zone] = {}
    for name in ZONE_ORDER:
        if name not in raw_zones:
            raise _fail(f"zones.{name}", "missing", f"add the zone {name} under 'zones:'", raw_zones)
        f = f"zones.{name}"
        z = _mapping(raw_zones[name], f, raw_zones, name)
        reaches = _check().choice(z, "reaches", f, REACHES)
        risk = z.get("cauda_equina_risk")
        if not isinstance(risk, bool):
            raise _fail(f"{f}.cauda_equina_risk", "missing (true or false)",
                        "write 'cauda_equina_risk: true' or 'cauda_equina_risk: false'", z, "cauda_equina_risk")
        zones[name] = Zone(name=name, reaches=reaches, where=_text(z, "where", f), cauda_equina_risk=risk,
                           cite=_cite(z, f))

    raw_dis = _mapping(raw["disagreements"], "disagreements", raw, "disagreements")
    disagreements: dict[str, Disagreement] = {}
    for name, d in raw_dis.items():
        f = f"disagreements.{name}"
        d = _mapping(d, f, raw_dis, name)
        positions = d.get("positions")
        if not isinstance(positions, list) or len(positions) < 2:
            raise _fail(f"{f}.positions", "a disagreement needs at least two positions",
                        "list each source's position with 'claim' and 'source'", d, "positions")
        pos = tuple(Position(claim=_text(_mapping(p, f"{f}.positions[{i}]", positions, i), "claim",
                                         f"{f}.positions[{i}]"),
                             source=_text(p, "source", f"{f}.positions[{i}]")) for i, p in enumerate(positions))
        rs = d.get("roots")
        if not isinstance(rs, list) or not rs or any(r not in roots for r in rs):
            raise _fail(f"{f}.roots", f"expected a list of roots from {', '.join(ROOT_ORDER)}, got {rs!r}",
                        "list the roots it concerns, e.g. 'roots: [L5]'", d, "roots")
        disagreements[name] = Disagreement(name=name, topic=_text(d, "topic", f), roots=tuple(rs), positions=pos,
                                           lesson=_text(d, "lesson", f), cite=_cite(d, f))
    return roots, discs, zones, disagreements


@per_language
def _parsed():
    return parse(_raw())


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------


def load_roots() -> dict[str, Root]:
    """Mapping of root name (``"L3"`` ... ``"S1"``) to its :class:`Root`, cranial to caudal."""
    return dict(_parsed()[0])


def core_roots() -> dict[str, Root]:
    """Only L4, L5 and S1, the roots the course teaches in full."""
    return {n: r for n, r in load_roots().items() if r.is_core}


def load_discs() -> dict[str, Disc]:
    """The disc levels L3/L4, L4/L5 and L5/S1."""
    return dict(_parsed()[1])


def load_zones() -> dict[str, Zone]:
    """The herniation zones: central, paracentral, foraminal, far_lateral."""
    return dict(_parsed()[2])


def load_disagreements() -> dict[str, Disagreement]:
    """Where sources disagree (dermatome maps, eversion, L5 reflex, knee extension, dorsiflexion)."""
    return dict(_parsed()[3])


def _normal_zone(zone: str) -> str:
    return zone.strip().lower().replace("-", "_").replace(" ", "_")


def herniation(disc: str, zone: str) -> Herniation:
    """Which roots a herniation of ``disc`` (``"L4/L5"``) in ``zone`` (``"paracentral"``) reaches, and why.

    Raises ``ValueError`` naming the valid values for an unknown disc or zone.
    """
    discs, zones = load_discs(), load_zones()
    if not isinstance(disc, str) or disc.strip().upper() not in discs:
        raise ValueError(f"unknown disc level {disc!r}; valid disc levels: {', '.join(discs)}")
    if not isinstance(zone, str) or _normal_zone(zone) not in zones:
        raise ValueError(f"unknown herniation zone {zone!r}; valid zones: {', '.join(zones)}")
    d = discs[disc.strip().upper()]
    z = zones[_normal_zone(zone)]
    roots = load_roots()
    traversing = next(n for n, r in roots.items() if r.traversing_disc == d.name)
    exiting = next(n for n, r in roots.items() if r.exit_foramen == d.name)
    if z.reaches == "traversing":
        hit: tuple[str, ...] = (traversing,)
    elif z.reaches == "exiting":
        hit = (exiting,)
    else:  # central: the traversing roots of both sides, then every root below them in the sac
        order = list(roots)
        hit = tuple(order[order.index(traversing):])
    cite = tuple(dict.fromkeys(d.cite + z.cite))
    return Herniation(disc=d.name, zone=z.name, roots=hit, mechanism=z.reaches, traversing_root=traversing,
                      exiting_root=exiting, cauda_equina_risk=z.cauda_equina_risk, danish_name=d.danish_name,
                      cite=cite)


def affected_roots(disc: str, zone: str) -> list[str]:
    """The roots a herniation at ``disc`` in ``zone`` reaches, most likely first.

    >>> affected_roots("L4/L5", "paracentral")
    ['L5']
    >>> affected_roots("L4/L5", "foraminal")
    ['L4']

    Zones: ``central`` (traversing roots of both sides and those below them in the
    dural sac: cauda equina risk), ``paracentral`` (the traversing root),
    ``foraminal`` and ``far_lateral`` (the exiting root).  ``"far lateral"`` and
    ``"far-lateral"`` are accepted too.  Unknown values raise ``ValueError``.
    """
    return list(herniation(disc, zone).roots)


def cite_keys() -> set[str]:
    """Every citation key used anywhere in the root data."""
    keys: set[str] = set()
    roots, discs, zones, dis = _parsed()
    for r in roots.values():
        keys.update(r.cite)
        for m in r.muscles:
            keys.update(m.cite)
        for part in (r.dermatome, r.key_sensory_point, r.reflex, r.pain):
            if part is not None:
                keys.update(part.cite)
        if r.dermatome:
            for v in r.dermatome.variants:
                keys.update(v.cite)
    for group in (discs, zones, dis):
        for rec in group.values():
            keys.update(rec.cite)
    return keys


# ---------------------------------------------------------------------------
# tables for the chapters (generated from the data, so text and figures agree)
# ---------------------------------------------------------------------------


def _words() -> dict:
    """The tables' own words, in the current language (``strings/<lang>/tables.yaml``)."""
    from ..i18n import strings

    return strings("tables")


def anatomy_table() -> Table:
    """Where each root leaves the spine and which disc it crosses."""
    s = _words()
    rows = []
    for name, r in load_roots().items():
        exits = s["roots_exit"].format(foramen=r.exit_foramen, vertebra=r.vertebra) if "/" in r.exit_foramen \
            else s["roots_exit_sacral"]
        rows.append([f"**{name}**", f"*{r.danish}*", exits,
                     f"{s['roots_disc'].format(disc=r.traversing_disc)} {role(r.cite)}"])
    return Table([s["roots_col_root"], s["roots_col_danish"], s["roots_col_leaves"], s["roots_col_crosses"]], rows)


def herniation_table() -> Table:
    """Every disc level and zone, the roots reached, and why."""
    s = _words()
    why = {m: s[f"why_{m}"] for m in ("traversing", "exiting", "central")}
    rows = []
    for disc in load_discs().values():
        cells = [f"**{disc.name}** (*{disc.danish_name}*)"]
        for zone in ZONE_ORDER:
            h = herniation(disc.name, zone)
            cells.append(f"**{', '.join(h.roots)}** ({why[h.mechanism]})")
        rows.append(cells)
    keys = set()
    for z in load_zones().values():
        keys.update(z.cite)
    header = [s["herniation_col_disc"]] + [s[f"zone_{z}"] for z in ZONE_ORDER]
    return Table(header, rows, caption=f"{s['herniation_caption']} {role(sorted(keys))}")


def clinical_table() -> Table:
    """Dermatome, key movements and reflex of L4, L5 and S1."""
    rows = []
    for name, r in load_roots().items():
        if not r.is_core:
            continue
        moves = "; ".join(f"{m.movement} ({m.muscles}) {role(m.cite)}" for m in r.muscles)
        reflex = r.reflex.name + (f" (*{r.reflex.danish}*)" if not r.reflex.names_danish else "") + (
            f"; {r.reflex.note}" if r.reflex.note else "")
        rows.append([f"**{name}**", f"{r.dermatome.summary} {role(r.dermatome.cite)}", moves,
                     f"{reflex} {role(r.reflex.cite)}"])
    s = _words()
    return Table([s["roots_col_root"], s["clinical_col_skin"], s["clinical_col_movements"], s["clinical_col_reflex"]],
                 rows)


def sensory_point_table() -> Table:
    """The ISNCSCI key sensory points, flagged as weakly sourced where unconfirmed."""
    rows = []
    for name, r in load_roots().items():
        if not r.is_core:
            continue
        k = r.key_sensory_point
        status = _words()["sensory_confirmed" if k.confirmed else "sensory_unconfirmed"]
        rows.append([f"**{name}**", k.site, f"{k.standard} {role(k.cite)}", status])
    s = _words()
    return Table([s["roots_col_root"], s["sensory_col_point"], s["sensory_col_standard"], s["sensory_col_status"]],
                 rows)


def disagreement_table() -> Table:
    """Where sources disagree, each position with its source."""
    rows = []
    for d in load_disagreements().values():
        positions = "; ".join(f"**{p.claim}** ({p.source})" for p in d.positions)
        rows.append([d.topic, positions, f"{d.lesson} {role(d.cite)}"])
    s = _words()
    return Table([s["disagreement_col_question"], s["disagreement_col_sources"], s["disagreement_col_teach"]], rows)
