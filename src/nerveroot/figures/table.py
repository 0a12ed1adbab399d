"""A data-generated table that shows as a real table in the HTML book, the PDF and Jupyter.

myst-nb renders ``text/markdown`` outputs as CommonMark (``nb_render_markdown_format``), which has no
table syntax, so a Markdown table printed by a cell appears as raw pipes.  :class:`Table` therefore
carries ``text/html`` (HTML builder, Jupyter) and ``text/latex`` (the PDF builder, which takes no HTML),
plus ``text/markdown`` for other front ends.  Cells may use ``**bold**`` and ``*italic*``.
"""

from __future__ import annotations

import html
import re


def _inline_html(text: str) -> str:
    out = html.escape(str(text))
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    return re.sub(r"\*(.+?)\*", r"<em>\1</em>", out)


_LATEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
          "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _inline_latex(text: str) -> str:
    out = "".join(_LATEX.get(c, c) for c in str(text))
    out = re.sub(r"\*\*(.+?)\*\*", r"\\textbf{\1}", out)
    return re.sub(r"\*(.+?)\*", r"\\emph{\1}", out)


class Table:
    """``Table(header, rows, widths)``: widths are relative column widths (for the PDF)."""

    def __init__(self, header, rows, widths=None, size: str = "small"):
        self.header = list(header)
        self.rows = [list(r) for r in rows]
        self.widths = list(widths or [1] * len(self.header))
        self.size = size
        if any(len(r) != len(self.header) for r in self.rows):
            raise ValueError("every row needs one cell per header column")

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{_inline_html(h)}</th>" for h in self.header)
        body = "".join("<tr>" + "".join(f"<td>{_inline_html(c)}</td>" for c in r) + "</tr>" for r in self.rows)
        return f'<table class="nr-data-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def _repr_latex_(self) -> str:
        total = sum(self.widths)
        cols = "".join(rf"p{{{0.96 * w / total:.3f}\linewidth}}" for w in self.widths)
        lines = [rf"\begin{{{self.size}}}", r"\begin{longtable}{" + cols + "}", r"\hline"]
        lines.append(" & ".join(rf"\textbf{{{_inline_latex(h)}}}" for h in self.header) + r" \\ \hline")
        lines.append(r"\endhead")
        for r in self.rows:
            lines.append(r"\raggedright " + r" & \raggedright ".join(_inline_latex(c) for c in r) + r" \\ \hline")
        lines += [r"\end{longtable}", rf"\end{{{self.size}}}"]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        rows = ["| " + " | ".join(self.header) + " |", "|" + " --- |" * len(self.header)]
        rows += ["| " + " | ".join(str(c) for c in r) + " |" for r in self.rows]
        return "\n".join(rows)

    def __repr__(self) -> str:  # deterministic text/plain (nbval compares it)
        return self._repr_markdown_()
