"""Text helpers shared by the figures, the chapters' tables, the quizzes and the handout.

* :class:`Markdown` - a snippet of MyST Markdown that ``display()`` (or ``glue()``) renders, in
  the HTML book and in the PDF alike; it is also a plain ``str``;
* :class:`Table` - the one builder of data-generated tables: a MyST ``list-table`` for the
  book, HTML in Jupyter, plain text for ``text/plain``;
* :func:`wrap` - break a long label or caption into ``<br>``-separated lines for plotly;
* :func:`latex_escape` - plain text made safe for LaTeX (the handout, the printable quiz sheets).

Citations have their own module, :mod:`nerveroot.citations`.
"""

from __future__ import annotations

import html
import re
import textwrap
from typing import Any, Iterable, Sequence


class Markdown(str):
    """MyST Markdown that displays as Markdown (``text/markdown``) and is a ``str`` too."""

    @property
    def text(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:  # text/plain: the Markdown itself (deterministic, nbval compares it)
        return str(self)


_CITE_RE = re.compile(r"\s*\{cite:[a-z]+\}`[^`]*`")
_STRONG_RE = re.compile(r"\*\*(.+?)\*\*")
_EM_RE = re.compile(r"\*(.+?)\*")


def plain_text(cell: Any) -> str:
    """A table cell's text without Markdown emphasis and citation roles."""
    text = _CITE_RE.sub("", " ".join(str(cell).split()))
    return _EM_RE.sub(r"\1", _STRONG_RE.sub(r"\1", text)).strip()


def inline_html(cell: Any) -> str:
    """A table cell's inline Markdown (``**bold**``, ``*italic*``) as HTML; citation roles dropped."""
    out = html.escape(_CITE_RE.sub("", " ".join(str(cell).split())))
    return _EM_RE.sub(r"<em>\1</em>", _STRONG_RE.sub(r"<strong>\1</strong>", out))


class Table:
    """A table generated from data: ``Table(header, rows, widths=None, caption="")``.

    Cells are one line of inline MyST Markdown (``**bold**``, ``*italic*``, ``{cite:p}`Key```).

    * In the book (``display(table)`` in a cell with ``mystnb: markdown_format: myst``, or
      ``glue(name, table.markdown(), display=False)`` with ``{glue:md}``) it is a MyST
      ``list-table``: with ``widths`` (relative column widths, whole numbers) it is a
      ``longtable`` in the PDF that breaks across pages; without, the columns share the width
      as their text needs.  An optional ``title`` is the table's own caption (numbered in the
      PDF); an optional ``caption`` is a bold line above it.
    * In Jupyter it shows as an HTML table (JupyterLab does not render MyST directives).
    * ``text/plain`` is the cells' text without markup or citations.
    """

    def __init__(self, header: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[int] | None = None,
                 caption: str = "", title: str = "", classes: Sequence[str] = ()):
        self.header = [str(h) for h in header]
        self.rows = [[str(c) for c in r] for r in rows]
        self.widths = [int(w) for w in widths] if widths else None
        self.caption, self.title = caption, title
        self.classes = tuple(classes)
        if any(len(r) != len(self.header) for r in self.rows):
            raise ValueError("every row needs one cell per header column")
        if self.widths and len(self.widths) != len(self.header):
            raise ValueError("give one width per column")

    def markdown(self) -> Markdown:
        """The table as MyST Markdown (a ``list-table``, after the caption if there is one)."""
        lines = [f"**{self.caption}**", ""] if self.caption else []
        classes = (("longtable",) if self.widths else ()) + self.classes
        lines += ["```{list-table}" + (f" {self.title}" if self.title else ""), ":header-rows: 1"]
        if classes:
            lines.append(":class: " + " ".join(classes))
        lines += [":widths: " + (" ".join(map(str, self.widths)) if self.widths else "auto"), ""]
        for row in [self.header, *self.rows]:
            for i, cell in enumerate(row):
                lines.append(("* - " if i == 0 else "  - ") + (" ".join(cell.split()) or " "))
        lines.append("```")
        return Markdown("\n".join(lines) + "\n")

    def html(self) -> str:
        head = "".join(f"<th>{inline_html(h)}</th>" for h in self.header)
        body = "".join("<tr>" + "".join(f"<td>{inline_html(c)}</td>" for c in r) + "</tr>" for r in self.rows)
        caption = f"<caption>{inline_html(self.title or self.caption)}</caption>" if self.title or self.caption else ""
        return f'<table class="nr-data-table">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def plain(self) -> str:
        out = [plain_text(t) for t in (self.title, self.caption) if t]
        out += [" | ".join(plain_text(c) for c in row) for row in [self.header, *self.rows]]
        return "\n".join(out)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        from .display import building_book

        bundle = {"text/markdown": str(self.markdown()), "text/plain": self.plain()}
        if not building_book():  # the book renders the Markdown: HTML would win over it there
            bundle["text/html"] = self.html()
        return bundle

    def __repr__(self) -> str:
        return self.plain()


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters, joined with ``<br>`` (plotly's line break)."""
    return "<br>".join(textwrap.wrap(text, width))


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}


def latex_escape(text: Any) -> str:
    """Plain text made safe for LaTeX (every special character written as a command)."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in str(text))
