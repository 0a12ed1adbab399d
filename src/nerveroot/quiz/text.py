"""The small Markdown of a question bank, rendered to HTML, LaTeX and plain text.

Prompts, options, feedback and explanations are CommonMark without raw HTML
(markdown-it-py, which the book already uses).  The same source becomes safe HTML
for the web page, the exports and the printable sheet; LaTeX for the PDF sheet;
and plain text for summaries.  Citation keys become short author-year labels read
from ``book/references.bib``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from markdown_it import MarkdownIt

from ..paths import book_dir


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


LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "%": r"\%", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}


def latex_escape(text: str) -> str:
    return "".join(LATEX_SPECIAL.get(ch, ch) for ch in text)


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


# ---------------------------------------------------------------------------
# citations
# ---------------------------------------------------------------------------


def _plain_bibtex(text: str) -> str:
    """Enough of BibTeX's accents and braces for a name (Devill{\\'e} -> Devillé)."""
    accents = {"'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303", "c": "\u0327"}
    specials = {r"\aa": "å", r"\AA": "Å", r"\o": "ø", r"\O": "Ø", r"\ae": "æ", r"\AE": "Æ", r"\ss": "ß"}
    for k, v in specials.items():
        text = re.sub(re.escape(k) + r"(?![A-Za-z])\s*", v, text)
    text = re.sub(r"\\([\'`\"^~c])\s*\{?([A-Za-z])\}?",
                  lambda m: m.group(2) + accents[m.group(1)], text)
    return unicodedata.normalize("NFC", text.replace("{", "").replace("}", "")).strip()


@lru_cache(maxsize=None)
def _labels(path: str, mtime: float) -> dict[str, str]:
    from pybtex.database import parse_file

    db = parse_file(path, bib_format="bibtex")
    labels: dict[str, str] = {}
    for key, entry in db.entries.items():
        people = entry.persons.get("author", [])
        year = entry.fields.get("year", "n.d.")
        if not people:
            name = entry.fields.get("title", key)
        else:
            first = people[0]
            last = " ".join(first.prelast_names + first.last_names) or str(first)
            name = _plain_bibtex(last)
            if len(people) == 2 and str(people[1]) != "others":
                name += " & " + _plain_bibtex(" ".join(people[1].prelast_names + people[1].last_names))
            elif len(people) > 1:
                name += " et al."
        labels[key] = f"{name} {year}"
    return labels


def cite_label(key: str) -> str:
    """A short label such as "Devillé et al. 2000" for a key of ``book/references.bib``."""
    path = book_dir() / "references.bib"
    return _labels(str(path), path.stat().st_mtime).get(key, key)


def cite_labels(keys) -> str:
    return "; ".join(cite_label(k) for k in keys)
