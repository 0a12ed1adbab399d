"""NICE NG59 and the Danish national radiculopathy guideline, side by side (from ``data/guidelines.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..display import Markdown
from .roots import cite

SOURCE = "src/nerveroot/data/guidelines.yaml"
AGREEMENT = {
    "agree": "agree",
    "partly": "partly agree",
    "disagree": "**disagree**",
    "not_compared": "not directly comparable",
}


class GuidelineDataError(ValueError):
    """``guidelines.yaml`` is malformed; the message names the entry and field."""


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


def _text(rec: dict, key: str, where: str) -> str:
    value = rec.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GuidelineDataError(f"{SOURCE}: {where}: missing or empty field {key!r}")
    return " ".join(value.split())


def _cites(rec: dict, where: str) -> tuple[str, ...]:
    keys = rec.get("cite")
    if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
        raise GuidelineDataError(f"{SOURCE}: {where}: 'cite' must be a non-empty list of bibliography keys")
    return tuple(keys)


@lru_cache(maxsize=None)
def load() -> tuple[dict[str, Guideline], tuple[Topic, ...]]:
    with (resources.files("nerveroot") / "data" / "guidelines.yaml").open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    guides = {}
    for gid in ("nice", "dk"):
        rec = raw.get("guidelines", {}).get(gid)
        if not isinstance(rec, dict):
            raise GuidelineDataError(f"{SOURCE}: guidelines.{gid}: missing")
        where = f"guidelines.{gid}"
        guides[gid] = Guideline(gid, _text(rec, "name", where), _text(rec, "title", where),
                                _text(rec, "status", where), _cites(rec, where))
    topics = []
    for i, rec in enumerate(raw.get("topics") or []):
        where = f"topics[{i}]"
        agreement = rec.get("agreement")
        if agreement not in AGREEMENT:
            raise GuidelineDataError(f"{SOURCE}: {where}: agreement {agreement!r} is not one of {', '.join(AGREEMENT)}")
        topics.append(Topic(_text(rec, "topic", where), _text(rec, "nice", where), _text(rec, "dk", where),
                            agreement, _text(rec, "note", where), _cites(rec, where)))
    if not topics:
        raise GuidelineDataError(f"{SOURCE}: no topics")
    return guides, tuple(topics)


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
    g = guidelines()
    lines = ["```{list-table} NICE and the Danish national guideline compared",
             ":header-rows: 1", ":widths: 16 27 27 30", ":class: longtable nr-guidelines", "",
             "* - Topic (agree?)", f"  - {g['nice'].name}", "  - Danish guideline (SST 2016)", "  - Note"]
    for t in topics():
        lines += [f"* - **{t.topic}** ({AGREEMENT[t.agreement]})", f"  - {t.nice}", f"  - {t.dk}",
                  f"  - {t.note}{cite(t.cite)}"]
    lines.append("```")
    return Markdown("\n".join(lines) + "\n")


def status_list() -> Markdown:
    """The two guidelines' names and status, as a Markdown list with citations."""
    lines = [f"- **{g.name}** (*{g.title}*): {g.status}{cite(g.cite)}" for g in guidelines().values()]
    return Markdown("\n".join(lines) + "\n")
