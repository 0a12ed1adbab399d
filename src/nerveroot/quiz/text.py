"""The small Markdown of a question bank, rendered to HTML, LaTeX and plain text.

Prompts, options, feedback and explanations are CommonMark without raw HTML
(markdown-it-py, which the book already uses).  The same source becomes safe HTML
for the web page, the exports and the printable sheet; LaTeX for the PDF sheet;
and plain text for summaries.  (Citation keys become short author-year labels with
:func:`nerveroot.citations.labels`.)
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

from ..markup import latex_escape


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    # "commonmark" with html=False: any raw HTML in a bank is shown as text, never injected.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def to_html(text: str) -> str:
    """Block HTML (paragraphs, lists...)."""
    return _md().render(text or "").strip()


def to_inline_html(text: str) -> str:
    """HTML without the wrapping ``<p>`` when the text is a single paragraph."""
    html = to_html(text)
    m = re.fullmatch(r"<p>(.*)</p>", html, flags=re.S)
    if m and "<p>" not in m.group(1):
        return m.group(1)
    return html


def is_single_paragraph(text: str) -> bool:
    html = to_html(text)
    return bool(re.fullmatch(r"<p>(?:(?!<p>).)*</p>", html, flags=re.S))


def to_plain(text: str) -> str:
    """Plain text: Markdown markup removed, paragraphs joined by blank lines."""
    tokens = _md().parse(text or "")
    out: list[str] = []
    for tok in tokens:
        if tok.type == "inline":
            parts = []
            for child in tok.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            out.append("".join(parts))
        elif tok.type == "code_block" or tok.type == "fence":
            out.append(tok.content.rstrip())
    return "\n\n".join(p for p in out if p)


def to_latex(text: str) -> str:
    """LaTeX for the printable sheet (paragraphs, emphasis, code, lists, links)."""
    tokens = _md().parse(text or "")
    out: list[str] = []
    for tok in tokens:
        t = tok.type
        if t == "paragraph_open" and out and not out[-1].endswith("\\item "):
            if out and not out[-1].endswith("\n\n"):
                out.append("\n\n")
        elif t == "bullet_list_open":
            out.append("\n\\begin{itemize}\n")
        elif t == "bullet_list_close":
            out.append("\n\\end{itemize}\n")
        elif t == "ordered_list_open":
            out.append("\n\\begin{enumerate}\n")
        elif t == "ordered_list_close":
            out.append("\n\\end{enumerate}\n")
        elif t == "list_item_open":
            out.append("\\item ")
        elif t in ("code_block", "fence"):
            out.append("\n\\begin{verbatim}\n" + tok.content + "\\end{verbatim}\n")
        elif t == "inline":
            out.append(_inline_latex(tok.children or []))
    return "".join(out).strip()


def _inline_latex(children) -> str:
    parts: list[str] = []
    for c in children:
        if c.type == "text":
            parts.append(latex_escape(c.content))
        elif c.type == "code_inline":
            parts.append(r"\texttt{" + latex_escape(c.content) + "}")
        elif c.type == "strong_open":
            parts.append(r"\textbf{")
        elif c.type == "em_open":
            parts.append(r"\emph{")
        elif c.type in ("strong_close", "em_close"):
            parts.append("}")
        elif c.type == "softbreak":
            parts.append(" ")
        elif c.type == "hardbreak":
            parts.append(r"\\" + "\n")
        elif c.type == "link_open":
            parts.append(r"\href{" + latex_escape(c.attrs.get("href", "")) + "}{")
        elif c.type == "link_close":
            parts.append("}")
    return "".join(parts)
