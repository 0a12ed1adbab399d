"""Nerve-root data: loaded from ``data/roots.yaml`` and validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

ROOT_ORDER = ("L3", "L4", "L5", "S1")
REQUIRED = ("vertebra", "exit_foramen", "traversing_disc", "cite")


@dataclass(frozen=True)
class Root:
    name: str
    vertebra: str
    exit_foramen: str
    traversing_disc: str
    cite: tuple[str, ...]


@lru_cache(maxsize=None)
def load_roots() -> dict[str, Root]:
    """Mapping of root name (``"L4"``...) to its record, in cranial-to-caudal order."""
    path = resources.files("nerveroot") / "data" / "roots.yaml"
    with path.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    roots: dict[str, Root] = {}
    for name in ROOT_ORDER:
        if name not in raw:
            raise ValueError(f"data/roots.yaml: root {name} is missing")
        rec = raw[name]
        missing = [f for f in REQUIRED if f not in rec]
        if missing:
            raise ValueError(f"data/roots.yaml: root {name} lacks field(s) {', '.join(missing)}")
        roots[name] = Root(
            name=name,
            vertebra=rec["vertebra"],
            exit_foramen=rec["exit_foramen"],
            traversing_disc=rec["traversing_disc"],
            cite=tuple(rec["cite"]),
        )
    return roots
