"""The diagnosis chapter's examination tables, from the course's data.

:func:`roots_table`
    The neurological examination by root (L4, L5, S1): the dermatome to test, the key movements and
    the reflex, from ``data/roots.yaml`` (the same data as the anatomy chapter and the localiser).
:func:`neurodynamic_table`
    The neurodynamic tests of ``data/tests.yaml``: how each is done, when it is positive and its
    sensitising manoeuvres.

Headers are in the current language (``strings/<lang>/accuracy_table.yaml``); the data text comes
from the data catalogue of that language.  A Danish term follows a name in italics unless the name
already is that term (as it is in the Danish edition).
"""

from __future__ import annotations

from ..i18n import strings
from ..markup import Markdown, Table
from .roots import CORE_ROOTS, load_roots
from .tests_data import load_tests


def with_danish(name: str, danish: str | None, bold: bool = False) -> str:
    """``name`` (in bold if asked) followed by its Danish term in italics, unless there is none or
    ``name`` says it already (in the Danish edition, "Krydset Lasègue (krydset SLR)" needs no "*krydset Lasègue*")."""
    shown = f"**{name}**" if bold else name
    if not danish or danish.strip().casefold() in name.casefold():
        return shown
    return shown + strings("accuracy_table")["danish_term"].format(term=danish)


def roots_table() -> Markdown:
    """Sensation, key movements and reflex of each core root (MyST Markdown)."""
    s = strings("accuracy_table")
    roots = load_roots()
    rows = [[f"**{name}**", roots[name].dermatome.summary, roots[name].movements(),
             with_danish(roots[name].reflex.name, roots[name].reflex.danish)] for name in CORE_ROOTS]
    header = [s["exam_col_root"], s["exam_col_sensation"], s["exam_col_movements"], s["exam_col_reflex"]]
    return Table(header, rows, [9, 29, 35, 27]).markdown()


def neurodynamic_table() -> Markdown:
    """The neurodynamic tests: how, positive when, sensitising manoeuvres (MyST Markdown)."""
    s = strings("accuracy_table")
    rows = []
    for t in load_tests().values():
        if t.kind == "neurodynamic":
            sens = "; ".join(with_danish(x.name, x.danish) for x in t.sensitisers) or "–"
            rows.append([with_danish(t.name, t.danish, bold=True), t.how, t.positive, sens])
    header = [s["neuro_col_test"], s["neuro_col_how"], s["neuro_col_positive"], s["neuro_col_sensitisers"]]
    return Table(header, rows, [20, 32, 30, 18]).markdown()
