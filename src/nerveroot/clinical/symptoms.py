"""Symptoms and findings -> possible cause -> what to do now (``data/symptoms.yaml``).

One source for the symptoms chapter's table.  Rows that call for more than routine care
name the red flags they correspond to (ids of ``data/red_flags.yaml``), and their level
must be the one :func:`nerveroot.clinical.red_flags.triage` gives those flags, so the table, the
triage aid and the localiser cannot disagree.  :func:`load` validates all of that and
raises :class:`SymptomDataError` naming the file, the row and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from . import red_flags

SOURCE = "src/nerveroot/data/symptoms.yaml"
REQUIRED = ("id", "symptom", "cause", "action", "level", "cite")
OPTIONAL = ("danish", "flags")
LEVEL_TEXT = {"routine": "Routine care", "urgent": "Urgent", "emergency": "Emergency"}


class SymptomDataError(ValueError):
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
    problems: list[str] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("rows"), list) or not raw["rows"]:
        raise SymptomDataError(f"{source}: expected a mapping with a non-empty list 'rows'")
    known_flags = red_flags.flags()
    rows: list[Row] = []
    seen: set[str] = set()
    for i, rec in enumerate(raw["rows"], start=1):
        where = f"{source}: rows[{i}]"
        if not isinstance(rec, dict):
            problems.append(f"{where}: each row must be a mapping")
            continue
        if isinstance(rec.get("id"), str):
            where = f"{source}: row {rec['id']!r}"
        missing = [k for k in REQUIRED if k not in rec]
        unknown = [k for k in rec if k not in REQUIRED + OPTIONAL]
        if missing:
            problems.append(f"{where} lacks {', '.join(missing)}")
        if unknown:
            problems.append(f"{where}: unknown field(s) {', '.join(unknown)} (allowed: {', '.join(REQUIRED + OPTIONAL)})")
        if missing or unknown:
            continue
        if rec["id"] in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(rec["id"])
        for key in ("symptom", "cause", "action"):
            if not isinstance(rec[key], str) or not rec[key].strip():
                problems.append(f"{where}: {key} must be non-empty text")
        cite = rec["cite"]
        if not isinstance(cite, list) or not cite or not all(isinstance(c, str) for c in cite):
            problems.append(f"{where}: cite must be a non-empty list of keys of book/references.bib")
            continue
        level = rec["level"]
        if level not in red_flags.LEVELS:
            problems.append(f"{where}: level {level!r} is not one of {', '.join(red_flags.LEVELS)}")
            continue
        flag_ids = rec.get("flags") or []
        if not isinstance(flag_ids, list):
            problems.append(f"{where}: flags must be a list of red-flag ids")
            continue
        bad = [f for f in flag_ids if f not in known_flags]
        if bad:
            problems.append(f"{where}: unknown red flag(s) {', '.join(map(repr, bad))}; valid: {', '.join(known_flags)}")
            continue
        if level != "routine" and not flag_ids:
            problems.append(f"{where}: a {level} row must name the red flags it corresponds to ('flags: [...]')")
            continue
        if flag_ids:
            expected = red_flags.triage(flag_ids).level
            if expected != level:
                problems.append(f"{where}: level is {level!r} but the triage rule gives {expected!r} for {flag_ids}")
                continue
        rows.append(Row(id=rec["id"], symptom=" ".join(rec["symptom"].split()), cause=" ".join(rec["cause"].split()),
                        action=" ".join(rec["action"].split()), level=level, cite=tuple(cite),
                        danish=rec.get("danish"), flags=tuple(flag_ids)))
    if problems:
        raise SymptomDataError("\n".join(problems))
    return tuple(rows)


@lru_cache(maxsize=None)
def load() -> tuple[Row, ...]:
    """The validated rows of ``data/symptoms.yaml``, in file order."""
    with (resources.files("nerveroot") / "data" / "symptoms.yaml").open(encoding="utf-8") as fh:
        return parse(yaml.safe_load(fh))


def cite_keys() -> set[str]:
    return {k for row in load() for k in row.cite}


def _cell(text: str) -> str:
    return " ".join(str(text).split())


def list_table(header: list[str], rows: list[list[str]], widths: list[int]) -> str:
    """A MyST ``list-table`` with the ``longtable`` class, so long tables break across PDF pages."""
    out = ["```{list-table}", ":header-rows: 1", ":class: longtable", f":widths: {' '.join(map(str, widths))}", ""]
    for row in [header, *rows]:
        for i, cell in enumerate(row):
            out.append(("* - " if i == 0 else "  - ") + (_cell(cell) or " "))
    out.append("```")
    return "\n".join(out) + "\n"


def table_markdown(rows: tuple[Row, ...] | None = None) -> str:
    """The table as MyST Markdown (a ``list-table`` with ``{cite:p}`` roles), for HTML and the PDF.

    The chapter displays it with ``IPython.display.Markdown`` in a cell whose
    ``mystnb.markdown_format`` is ``myst``, so the citations resolve like the text's.
    """
    rows = load() if rows is None else rows
    body = []
    for r in rows:
        symptom = r.symptom + (f" (Danish: *{r.danish}*)" if r.danish else "")
        cites = "{cite:p}`" + ",".join(r.cite) + "`"
        body.append([symptom, f"{r.cause} {cites}", f"**{LEVEL_TEXT[r.level]}.** {r.action}"])
    return list_table(["Symptom or finding", "Possible cause", "What to do now"], body, [30, 40, 30])
