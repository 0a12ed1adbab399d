"""Finding English in a page of another edition (shared by the translation tests).

A page of the Danish edition is read block by block (paragraphs, list items, table cells, headings,
definition terms, captions, labels, legends, buttons): the reader-facing text of its main content,
and separately the site's own words around it (navigation, header buttons, search box, footer,
``title``/``aria-label``/``placeholder`` attributes).  What may stay English is taken out first:

- citations (``{cite:p}`` renders as ``span.bibtex-citation``), the bibliography's entries, code;
- anything marked as another language (``lang="en"``, the ``{en}`` role; ``lang="la"``), and short
  italic spans, which is how the chapters and quizzes quote a term (``*straight-leg raise*``);
- glossary headwords (``dt`` of a glossary): the glossary lists the English terms on purpose;
- the entries of :data:`ALLOWED` (names and terms that read the same in both languages), and the
  English terms that Danish clinicians use unchanged (:func:`kept_terms`: "likelihood ratio").

A block is then English when either test fires:

1. **function words**: at least three of :data:`FUNCTION_WORDS` (words that English uses in every
   sentence and Danish never does: *the, and, of, is, with, which, ...*), making up at least an
   eighth of the block's words;
2. **unchanged text**: the block is word for word a block of the same page in English, with at
   least two words (so an untranslated heading such as "Key points" is caught), unless allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup, Tag

#: English words that do not occur in Danish text (Danish homographs such as "at", "for", "to",
#: "have", "by", "i", "men", "under", "over" are left out on purpose).
FUNCTION_WORDS = frozenset("""
the and of is are was were with which that this these those you your it its not from has been
what when where who whose will would should could can into on than then there their they we our
an or if but does do did been being how why also only about after before between because while
""".split())

#: Text that reads the same in both editions (names, international terms, labels of controls that
#: are root or level names).  Compared after white space is collapsed, case-insensitively.
ALLOWED = frozenset(s.lower() for s in (
    "cauda equina", "Lasègue", "Lasègues test", "Bragards test", "SLR", "MRI", "MR", "LR+", "LR−",
    "Keegan & Garrett", "Map B: Keegan & Garrett", "NICE NG59", "GIFT", "Moodle XML", "QTI",
    "CES-I", "CES-R", "IFOMPT", "MSCC", "DRG", "Jupyter", "JupyterLab", "Python", "plotly.js",
    "CC BY 4.0", "MIT", "Fagan", "Se", "Sp",
    "Bird-dog",  # the exercise's name in Danish too (the seed article's word; data/exercises.po keeps it)
))

#: The Danish style guide: its table "Attested clinical terms" gives each English term its Danish.
STYLE_GUIDE = Path(__file__).resolve().parents[1] / "docs" / "danish-style.md"


@lru_cache(maxsize=1)
def kept_terms() -> frozenset[str]:
    """English terms of two words or more that Danish clinicians use unchanged, lower case: the rows of
    the style guide's table of attested terms whose Danish is the English term itself
    (``| likelihood ratio | likelihood ratio (LR+, LR−) |``).  Nothing else: a term the guide renders
    in Danish ("sensitivity" = "sensitivitet") stays English when it shows on a Danish page."""
    text = STYLE_GUIDE.read_text(encoding="utf-8")
    table = text.split("## Attested clinical terms", 1)[1].split("\n## ", 1)[0]
    kept = set()
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or set(cells[1]) <= {"-"}:
            continue
        english = {e.strip().lower() for e in cells[0].split(" / ")}
        danish = {d.strip().lower() for d in re.split(r"[;/]", re.sub(r"\([^)]*\)", "", cells[1]))}
        kept |= {term for term in english & danish if len(words(term)) >= 2}
    return frozenset(kept)


#: Blocks: elements whose text a reader reads as one unit.
BLOCKS = ("p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption",
          "label", "legend", "summary", "button", "option", "title")
#: Elements taken out before reading (never text to translate, or text that may be English).
DROP = ("script", "style", "code", "pre", "kbd", "samp", "svg", "math", "template", "noscript")

WORD_RE = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


@dataclass(frozen=True)
class Finding:
    page: str
    where: str  # "main", "site" or "attribute"
    text: str
    why: str

    def __str__(self) -> str:
        short = self.text if len(self.text) < 160 else self.text[:157] + "..."
        return f"{self.page} ({self.where}): {self.why}: {short!r}"


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def normal(text: str) -> str:
    return " ".join(text.split())


def function_words(text: str) -> list[str]:
    return [w for w in words(text) if w.lower() in FUNCTION_WORDS]


def looks_english(text: str) -> bool:
    """Three or more English function words, at least an eighth of the words of the text."""
    ws = words(text)
    hits = [w for w in ws if w.lower() in FUNCTION_WORDS]
    return len(hits) >= 3 and len(hits) * 8 >= len(ws)


def _strip_allowed(root: Tag) -> None:
    for tag in root.find_all(DROP):
        tag.decompose()
    for tag in root.select('[lang]:not([lang="da"])'):
        tag.decompose()
    for tag in root.select("span.bibtex-citation, div.citation, .bibliography, div[role=list], a.headerlink"):
        tag.decompose()
    for tag in root.select("dl.glossary > dt, table.indextable a"):  # glossary headwords, the index of them
        tag.decompose()
    for tag in root.find_all("em"):
        if len(words(tag.get_text(" "))) <= 8:  # a quoted term, not a sentence in italics
            tag.decompose()


def _blocks(root: Tag) -> list[str]:
    """The text of every block that holds no other block (the innermost units a reader reads)."""
    out = []
    for tag in root.find_all(BLOCKS):
        if tag.find(BLOCKS):
            # text directly in this block, outside its inner blocks (e.g. an <li> holding a <p>)
            own = " ".join(s for s in tag.find_all(string=True, recursive=False))
            if normal(own):
                out.append(normal(own))
            continue
        text = normal(tag.get_text(" "))
        if text:
            out.append(text)
    return out


def main_blocks(html: str) -> list[str]:
    """The reader-facing text blocks of a page's main content (allowed spans taken out)."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("#main-content") or soup.select_one("article") or soup.body
    if main is None:
        return []
    _strip_allowed(main)
    return _blocks(main)


def site_blocks(html: str) -> list[str]:
    """The site's own words around the content: header, sidebars, footer, search, skip link."""
    soup = BeautifulSoup(html, "html.parser")
    for main in soup.select("#main-content"):
        main.decompose()
    body = soup.body or soup
    _strip_allowed(body)
    texts = _blocks(body)
    for tag in soup.find_all(["a", "button", "span", "div", "nav", "input", "label", "p"]):
        for attr in ("title", "aria-label", "placeholder"):
            value = tag.get(attr)
            if isinstance(value, str) and normal(value):
                texts.append(normal(value))
    return texts


def attribute_texts(html: str) -> list[str]:
    """``alt``, ``title`` and ``aria-label`` texts of the main content (text alternatives, tooltips)."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("#main-content") or soup.body
    out = []
    for tag in main.find_all(True):
        if tag.name == "a" and "reference" in (tag.get("class") or []):
            continue  # a citation's tooltip is the reference itself
        for attr in ("alt", "title", "aria-label"):
            value = tag.get(attr)
            if isinstance(value, str) and normal(value):
                out.append(normal(value))
    return out


def _allowed(text: str) -> bool:
    t = normal(text).lower().strip(" .:;,()")
    return t in ALLOWED or t in kept_terms() or len(words(t)) < 2


def english_findings(page: str, html: str, english_html: str | None = None) -> list[Finding]:
    """Every block of a page that reads as English, with the reason."""
    found = []
    english = set(main_blocks(english_html)) if english_html else set()
    for text in main_blocks(html):
        if _allowed(text):
            continue
        if looks_english(text):
            found.append(Finding(page, "main", text, f"English function words {function_words(text)[:6]}"))
        elif text in english:
            found.append(Finding(page, "main", text, "the same as the English page"))
    for text in site_blocks(html):
        if not _allowed(text) and (looks_english(text) or text in SITE_ENGLISH):
            found.append(Finding(page, "site", text, "the theme's English"))
    for text in attribute_texts(html):
        if not _allowed(text) and looks_english(text):
            found.append(Finding(page, "attribute", text, f"English function words {function_words(text)[:6]}"))
    return found


#: The theme's own words as they read in English (the site text of an English page is compared
#: with these, so an untranslated button label is caught even when it is one or two words).
SITE_ENGLISH: set[str] = set()


def learn_site_english(english_pages: list[Path]) -> None:
    """Record the site text of some English pages (what a Danish page must not repeat)."""
    for path in english_pages:
        for text in site_blocks(path.read_text(encoding="utf-8")):
            if not _allowed(text) and words(text):
                SITE_ENGLISH.add(text)
