"""Symptoms and findings -> possible cause -> what to do now (``data/symptoms.yaml``).

One source for the symptoms chapter's table.  Rows that call for more than routine care
name the red flags they correspond to (ids of ``data/red_flags.yaml``), and their level
must be the one :func:`nerveroot.clinical.red_flags.triage` gives those flags, so the table, the
triage aid and the localiser cannot disagree.  :func:`load` validates all of that and
raises :class:`SymptomDataError` naming the file, the row and the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..citations import role
from ..datafile import Checker, DataError, data_file, per_language, read
from ..markup import Markdown, Table
from . import red_flags

SOURCE = data_file("symptoms.yaml")
REQUIRED = ("id", "symptom", "cause", "action", "level", "cite")
OPTIONAL = ("danish", "flags")


def level_text(level: str) -> str:
    """A level's name in the table, in the current language (``strings/<lang>/tables.yaml``)."""
    from ..i18n import strings

    return strings("tables")[f"level_{level}"]


class SymptomDataError(DataError):
    """The symptom table's data is incomplete or inconsistent (the message says where)."""


@dataclass(frozen=True)
class Row:
    id: str
    symptom: str
    cause: str
    action: str
    level: str
    cite: tuple[str, ...]
    danish: str | None = None
    flags: tuple[str, ...] = ()


def parse(raw, source: str = SOURCE) -> tuple[Row, ...]:
    """Validate the parsed YAML of a symptom table and return its rows (every problem at once)."""
    ck = Checker(source, SymptomDataError, first_only=False)
    if not isinstance(raw, dict) or not isinstance(raw.get("rows"), list) or not raw["rows"]:
        raise ck.fail(None, "expected a mapping with a non-empty list 'rows'",
                      "list the table's rows under 'rows:', each starting with '- id: ...'", raw)
    known_flags = red_flags.flags()
    rows: list[Row] = []
    seen: set[str] = set()
    for i, rec in enumerate(raw["rows"]):
        where = f"rows[{i}]"
        if ck.mapping(rec, where, raw["rows"], i) is None:
            continue
        if isinstance(rec.get("id"), str):
            where = f"rows[{i}] ({rec['id']})"
        if not ck.fields(rec, where, REQUIRED, OPTIONAL):
            continue
        if rec["id"] in seen:
            ck.problem(f"{where}.id", "duplicate id", "give every row an id of its own", rec, "id")
        seen.add(rec["id"])
        texts = [ck.text(rec, key, where) for key in ("symptom", "cause", "action")]
        if ck.cite(rec, where) is None or ck.choice(rec, "level", where, red_flags.LEVELS) is None:
            continue
        level = rec["level"]
        flag_ids = rec.get("flags") or []
        if not isinstance(flag_ids, list):
            ck.problem(f"{where}.flags", "must be a list of red-flag ids", "write e.g. 'flags: [saddle_anaesthesia]'",
                       rec, "flags")
            continue
        bad = [f for f in flag_ids if f not in known_flags]
        if bad:
            ck.problem(f"{where}.flags", f"unknown red flag(s) {', '.join(map(repr, bad))}",
                       f"use ids of red_flags.yaml: {', '.join(known_flags)}", rec, "flags")
            continue
        if level != "routine" and not flag_ids:
            ck.problem(f"{where}.flags", f"a {level} row must name the red flags it corresponds to",
                       "add 'flags: [...]' with the ids of red_flags.yaml that call for this level", rec)
            continue
        if flag_ids:
            expected = red_flags.triage(flag_ids).level
            if expected != level:
                ck.problem(f"{where}.level", f"level is {level!r} but the triage rule gives {expected!r} for {flag_ids}",
                           f"set 'level: {expected}', or name the flags that call for {level}", rec, "level")
                continue
        if None in texts:
            continue
        symptom, cause, action = texts
        rows.append(Row(id=rec["id"], symptom=symptom, cause=cause, action=action, level=level,
                        cite=tuple(rec["cite"]), danish=rec.get("danish"), flags=tuple(flag_ids)))
    ck.done()
    return tuple(rows)


@per_language
def load() -> tuple[Row, ...]:
    """The validated rows of ``data/symptoms.yaml``, in file order."""
    return parse(read("symptoms.yaml", SymptomDataError))


def cite_keys() -> set[str]:
    return {k for row in load() for k in row.cite}


def table_markdown(rows: tuple[Row, ...] | None = None) -> Markdown:
    """The table as MyST Markdown (a ``list-table`` with ``{cite:p}`` roles), for HTML and the PDF.

    The chapter displays it with ``IPython.display.Markdown`` in a cell whose
    ``mystnb.markdown_format`` is ``myst``, so the citations resolve like the text's.
    """
    from ..i18n import strings

    s = strings("tables")
    rows = load() if rows is None else rows
    body = []
    for r in rows:
        symptom = r.symptom + (f" ({s['symptoms_danish'].format(term=r.danish)})" if r.danish and s["symptoms_danish"] else "")
        body.append([symptom, f"{r.cause} {role(r.cite)}", f"**{level_text(r.level)}.** {r.action}"])
    header = [s["symptoms_col_symptom"], s["symptoms_col_cause"], s["symptoms_col_action"]]
    return Table(header, body, [30, 40, 30]).markdown()
