"""A data-generated table that shows as a real table in the HTML book, the PDF and Jupyter.

myst-nb renders ``text/markdown`` *outputs* as CommonMark (``nb_render_markdown_format``), which has
no table syntax, so a Markdown table printed by a cell appears as raw pipes (and ``text/latex`` is
rendered as maths).  So a chapter glues the table and places it with the MyST parser::

    glue("my_table", Table(...).markdown(), display=False)      # in a code cell

    ```{glue:md} my_table
    :format: myst
    ```

which gives a real table in the HTML and in the PDF.  In Jupyter the object shows as HTML.
Cells may use ``**bold**`` and ``*italic*``.
"""

from __future__ import annotations

import html
import re


def _inline_html(text: str) -> str:
    out = html.escape(str(text))
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    return re.sub(r"\*(.+?)\*", r"<em>\1</em>", out)


class Table:
    """``Table(header, rows, widths)``; cells are one line of inline Markdown."""

    def __init__(self, header, rows, widths=None):
        """``widths``: relative column widths, whole numbers (default equal)."""
        self.header = list(header)
        self.rows = [list(r) for r in rows]
        self.widths = [int(w) for w in (widths or [1] * len(self.header))]
        if any(len(r) != len(self.header) for r in self.rows):
            raise ValueError("every row needs one cell per header column")

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{_inline_html(h)}</th>" for h in self.header)
        body = "".join("<tr>" + "".join(f"<td>{_inline_html(c)}</td>" for c in r) + "</tr>" for r in self.rows)
        return f'<table class="nr-data-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def markdown(self):
        """An IPython Markdown object to glue: a MyST ``list-table`` (a ``longtable`` in the PDF, so it can
        break across pages; ``widths`` set the columns)."""
        from IPython.display import Markdown

        lines = ["```{list-table}", ":header-rows: 1", ":class: longtable",
                 ":widths: " + " ".join(str(w) for w in self.widths), ""]
        for row in [self.header, *self.rows]:
            lines.append(f"* - {row[0]}")
            lines.extend(f"  - {c}" for c in row[1:])
        lines.append("```")
        return Markdown("\n".join(lines))

    def _repr_markdown_(self) -> str:
        rows = ["| " + " | ".join(self.header) + " |", "|" + " --- |" * len(self.header)]
        rows += ["| " + " | ".join(str(c).replace("|", "/") for c in r) + " |" for r in self.rows]
        return "\n".join(rows)

    def __repr__(self) -> str:  # deterministic text/plain (nbval compares it)
        return self._repr_markdown_()
