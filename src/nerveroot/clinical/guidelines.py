"""NICE NG59 and the Danish national radiculopathy guideline, side by side (from ``data/guidelines.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..citations import role
from ..datafile import Checker, DataError, data_file, per_language, read
from ..markup import Markdown, Table

SOURCE = data_file("guidelines.yaml")
AGREEMENT = {
    "agree": "agree",
    "partly": "partly agree",
    "disagree": "**disagree**",
    "not_compared": "not directly comparable",
}


class GuidelineDataError(DataError):
    """``guidelines.yaml`` is malformed; the message names the line, entry, field and fix."""


@dataclass(frozen=True)
class Guideline:
    id: str
    name: str
    title: str
    status: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    topic: str
    nice: str
    dk: str
    agreement: str
    note: str
    cite: tuple[str, ...]


def parse(raw: Any) -> tuple[dict[str, Guideline], tuple[Topic, ...]]:
    """Validate the parsed YAML (every problem at once) and build the records."""
    ck = Checker(SOURCE, GuidelineDataError, first_only=False)
    if ck.mapping(raw, "") is None:
        ck.done()
    guides = {}
    for gid in ("nice", "dk"):
        rec = (raw.get("guidelines") or {}).get(gid)
        where = f"guidelines.{gid}"
        if not isinstance(rec, dict):
            ck.problem(where, "missing", f"add '{gid}:' under 'guidelines:' with name, title, status and cite",
                       raw.get("guidelines") or raw)
            continue
        values = [ck.text(rec, key, where) for key in ("name", "title", "status")]
        cites = ck.cite(rec, where)
        if None not in values and cites:
            guides[gid] = Guideline(gid, *values, cites)
    topics = []
    for i, rec in enumerate(raw.get("topics") or []):
        where = f"topics[{i}]"
        if ck.mapping(rec, where, raw["topics"], i) is None:
            continue
        ck.choice(rec, "agreement", where, AGREEMENT)
        values = [ck.text(rec, key, where) for key in ("topic", "nice", "dk")]
        note, cites = ck.text(rec, "note", where), ck.cite(rec, where)
        if None not in values and rec.get("agreement") in AGREEMENT and note and cites:
            topics.append(Topic(*values, rec["agreement"], note, cites))
    if not raw.get("topics"):
        ck.problem("topics", "no topics", "list the topics the two guidelines are compared on under 'topics:'", raw)
    ck.done()
    return guides, tuple(topics)


@per_language
def load() -> tuple[dict[str, Guideline], tuple[Topic, ...]]:
    return parse(read("guidelines.yaml", GuidelineDataError))


def guidelines() -> dict[str, Guideline]:
    return dict(load()[0])


def topics() -> tuple[Topic, ...]:
    return load()[1]


def disagreements() -> list[Topic]:
    """The topics on which the two guidelines disagree."""
    return [t for t in topics() if t.agreement == "disagree"]


def cite_keys() -> set[str]:
    keys: set[str] = set()
    for g in guidelines().values():
        keys.update(g.cite)
    for t in topics():
        keys.update(t.cite)
    return keys


def comparison_table() -> Markdown:
    """NICE and the Danish guideline side by side, with whether they agree and a note.

    A MyST ``list-table`` with fixed column widths and the ``longtable`` class, so that it breaks
    across pages in the PDF and wraps on a phone.
    """
    from ..i18n import strings

    s = strings("tables")
    g = guidelines()
    rows = [[f"**{t.topic}** ({s['agreement_' + t.agreement]})", t.nice, t.dk, f"{t.note} {role(t.cite)}"]
            for t in topics()]
    header = [s["guidelines_col_topic"], g["nice"].name, s["guidelines_col_dk"], s["guidelines_col_note"]]
    return Table(header, rows, [16, 27, 27, 30], title=s["guidelines_title"], classes=["nr-guidelines"]).markdown()


def status_list() -> Markdown:
    """The two guidelines' names and status, as a Markdown list with citations."""
    lines = [f"- **{g.name}** (*{g.title}*): {g.status} {role(g.cite)}" for g in guidelines().values()]
    return Markdown("\n".join(lines) + "\n")
