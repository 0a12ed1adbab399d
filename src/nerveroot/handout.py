"""The printed handout: a 2–4 page A4 summary built from the course's data.

``make handout`` (``python -m nerveroot.handout [--lang L]``) writes ``_build/pdf/handout.pdf``, and
``_build/pdf/handout-<lang>.pdf`` for each other edition (``strings/<lang>/handout.yaml``; the data's
text in that language, the language's hyphenation).
Every table and figure comes from the same data modules as the book (roots,
diagnostic tests, red flags, management), so the handout cannot drift from it.
The LaTeX is generated here and compiled with XeLaTeX (Unicode, Danish letters,
Danish hyphenation for the Danish terms).

Each section is a function returning LaTeX; :data:`SECTIONS` lists them in order.
A section whose data module does not exist yet is left out with a note on the
console - never silently.
"""

from __future__ import annotations

import datetime as _dt
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from . import __version__, citations
from .i18n import DEFAULT_LANG, current_lang, decimal, strings, use_language
from .markup import latex_escape as tex
from .paths import repo_root

# ---------------------------------------------------------------------------
# LaTeX helpers
# ---------------------------------------------------------------------------

_CITE_RE = re.compile(r"\s*\{cite:p\}`([^`]*)`")
_MD_RE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|\{da\}`([^`]+)`")


def md(text: str, refs: "Refs") -> str:
    """Escape text that may carry **bold**, *italic* and {cite:p}`keys` (as the data tables do)."""
    out, pos = [], 0
    text = str(text)
    for m in _CITE_RE.finditer(text):
        out.append(_md_inline(text[pos:m.start()]))
        out.append(refs.cite(k.strip() for k in m.group(1).split(",")))
        pos = m.end()
    out.append(_md_inline(text[pos:]))
    return "".join(out)


def _md_inline(text: str) -> str:
    out, pos = [], 0
    for m in _MD_RE.finditer(text):
        out.append(_tex(text[pos:m.start()]))
        if m.group(3):
            out.append(danish(m.group(3)))
        else:
            out.append(r"\textbf{%s}" % _tex(m.group(1)) if m.group(1) else r"\emph{%s}" % _tex(m.group(2)))
        pos = m.end()
    out.append(_tex(text[pos:]))
    return "".join(out)


def _tex(text: str) -> str:
    """Escaped text; a number and its per cent sign stay together (a thin space)."""
    return re.sub(r"(\d) \\%", r"\1\\,\\%", tex(text))


def danish(text: str) -> str:
    """A Danish term, hyphenated as Danish and set in italics."""
    return r"\textdanish{\emph{%s}}" % tex(text)


class Refs:
    """Numbered references in order of first citation, formatted from book/references.bib."""

    def __init__(self, bib: Path | None = None):
        self.keys = citations.keys(bib)
        self.order: list[str] = []

    def cite(self, keys: Iterable[str]) -> str:
        nums = []
        for key in keys:
            if key not in self.keys:
                raise KeyError(f"handout cites {key!r}, which is not in book/references.bib")
            if key not in self.order:
                self.order.append(key)
            nums.append(self.order.index(key) + 1)
        return r"\,[%s]" % r",\allowbreak{}".join(str(n) for n in sorted(set(nums)))

    def entry(self, key: str) -> str:
        r = citations.reference(key)
        text = ". ".join(tex(p) for p in r.parts())
        text += (". " + tex(r.detail) + ".") if r.detail else "."
        for url in r.urls:
            text += r" \url{%s}" % url.replace("%", r"\%").replace("#", r"\#")
        if r.doi:
            text += r" \nolinkurl{doi:%s}" % tex(r.doi)
        return text

    def bibliography(self, heading: str) -> str:
        items = "\n".join(r"\item[{[%d]}] %s" % (i + 1, self.entry(k)) for i, k in enumerate(self.order))
        return (r"\section*{%s}" % tex(heading) + "\n" r"\begin{multicols}{2}\begin{refs}" "\n" + items + "\n"
                r"\end{refs}\end{multicols}" "\n")


# ---------------------------------------------------------------------------
# sections
# ---------------------------------------------------------------------------


class Context:
    def __init__(self, out: Path, refs: Refs, lang: str | None = None):
        self.out, self.refs = out, refs
        #: the handout's words, in its language (strings/<lang>/handout.yaml)
        self.s = strings("handout", lang)

    def text(self, key: str, **values) -> str:
        """A string of the handout as LaTeX: its *italic*, **bold**, {da} terms and numbered citations."""
        text = self.s[key]
        return md(text.format(**values) if values else text, self.refs)

    def figure(self, name: str, obj) -> str:
        """Write an element's print face next to the .tex file; return its file name."""
        path = self.out / f"{name}.png"
        path.write_bytes(obj.print_png())
        return path.name


def section_roots(ctx: Context) -> str:
    from .clinical.roots import herniation, load_roots

    roots = load_roots()
    rows = []
    for name, r in roots.items():
        if not r.is_core:
            continue
        moves = "; ".join(f"{m.movement} ({m.muscles})" for m in r.muscles)
        para = herniation(r.traversing_disc, "paracentral")
        typical = (
            ctx.text("typical_paracentral", disc=r.traversing_disc)
            + (f"; {ctx.text('typical_foraminal', foramen=r.exit_foramen)}" if "/" in r.exit_foramen else "")
        )
        assert name in para.roots
        cites = ctx.refs.cite([*r.dermatome.cite, *r.reflex.cite])
        rows.append(
            r"\textbf{%s} & %s & %s & %s & %s%s \\"
            % (name, tex(r.dermatome.summary), tex(moves),
               tex(r.reflex.name) + ("" if r.reflex.names_danish else " (%s)" % danish(r.reflex.danish)), typical, cites)
        )
    head = " & ".join(ctx.text(k) for k in ("col_root", "col_skin", "col_movements", "col_reflex", "col_typical"))
    return (
        r"\section*{%s}" % ctx.text("roots_heading") + "\n"
        r"\begin{tabularx}{\textwidth}{@{}l L L L L@{}}" "\n"
        r"\toprule " + head + r" \\ \midrule" "\n"
        + "\n".join(rows)
        + "\n" r"\bottomrule\end{tabularx}" "\n"
        r"\smallskip{\small " + ctx.text("roots_note") + "\\par}\n"
    )


def section_map(ctx: Context) -> str:
    from .figures.dermatomes import DermatomeMap

    name = ctx.figure("dermatome-map", DermatomeMap())
    return (
        r"\begin{figure}[h]\centering" "\n"
        r"\includegraphics[width=\textwidth,height=0.45\textheight,keepaspectratio]{%s}" "\n"
        r"\end{figure}" "\n" % name
    )


def section_tests(ctx: Context) -> str:
    from .clinical.tests_data import load_tests

    def est(e) -> str:
        return tex(decimal(e.formatted(2))) if e is not None else "--"

    rows = []
    for t in load_tests().values():
        if t.kind != "neurodynamic":
            continue
        first = True
        for a in t.accuracy:
            if a.sensitivity is None and a.lr_positive is None:
                continue
            name = r"\textbf{%s}\newline %s" % (tex(t.name), danish(t.danish)) if first else ""
            if a.lr_positive is not None and a.sensitivity is None:
                se, sp = "LR+ " + est(a.lr_positive), "--"
            else:
                se, sp = est(a.sensitivity), est(a.specificity) if not a.disputed else ctx.text("disputed")
            rows.append(r"%s & %s & %s & %s%s \\" % (name, se, sp, tex(a.population), ctx.refs.cite(a.cite)))
            first = False
        rows.append(r"\addlinespace[2pt]")
    head = " & ".join(ctx.text(k) for k in ("col_test", "col_sensitivity", "col_specificity", "col_population"))
    return (
        r"\section*{%s}" % ctx.text("tests_heading") + "\n"
        r"\begin{tabularx}{\textwidth}{@{}P{3.6cm} P{2.4cm} P{2.4cm} L@{}}" "\n"
        r"\toprule " + head + r" \\ \midrule" "\n"
        + "\n".join(rows)
        + "\n" r"\bottomrule\end{tabularx}" "\n"
        r"{\small " + ctx.text("tests_note") + "\\par}\n"
    )


def section_red_flags(ctx: Context) -> str:
    from .clinical import red_flags

    data = red_flags.load()
    rows = []
    for level in ("emergency", "urgent"):
        lv = data["levels"][level]
        flags = [f for f in data["flags"].values() if f.level == level]
        items = "\n".join(
            r"\item " + tex(f.label) + (f" ({danish(f.danish)})" if f.danish else "") + ctx.refs.cite(f.cite)
            for f in flags
        )
        rows.append(r"\textbf{%s} & \begin{cellitems}%s\end{cellitems} & %s%s \\[3pt]"
                    % (tex(lv["label"]), items, tex(lv["action"]), ctx.refs.cite(lv["cite"])))
    watch = [f for f in data["flags"].values() if f.level == "watch"]
    note = "; ".join(tex(f.label) + ctx.refs.cite(f.cite) for f in watch)
    head = " & ".join(ctx.text(k) for k in ("col_level", "col_findings", "col_action"))
    return (
        r"\section*{%s}" % ctx.text("red_flags_heading") + "\n"
        r"{\footnotesize\begin{tabularx}{\textwidth}{@{}P{2.4cm} L P{5.0cm}@{}}" "\n"
        r"\toprule " + head + r" \\ \midrule" "\n" + "\n".join(rows) + "\n"
        r"\bottomrule\end{tabularx}\par}" "\n"
        r"\smallskip{\small " + ctx.text("watch_intro") + " " + note + ". " + ctx.text("red_flags_note") + "\\par}\n"
    )


def section_management(ctx: Context) -> str:
    from .clinical.guidelines import guidelines, topics

    # the topics that describe the guidelines rather than compare advice are left out (by their English
    # name: the topic's text comes in the handout's language)
    with use_language(DEFAULT_LANG):
        leave_out = {i for i, t in enumerate(topics()) if t.topic in ("Who it covers", "Quality of the evidence")}
    rows = [
        r"%s & %s & %s & %s%s \\" % (tex(t.topic), tex(t.nice), tex(t.dk), ctx.text("agreement_" + t.agreement),
                                      ctx.refs.cite(t.cite))
        for i, t in enumerate(topics())
        if i not in leave_out
    ]
    g = guidelines()
    return (
        r"\section*{%s}" % ctx.text("management_heading") + "\n"
        r"{\footnotesize\begin{tabularx}{\textwidth}{@{}P{2.3cm} L L P{1.9cm}@{}}" "\n"
        r"\toprule %s & %s & %s & %s \\ \midrule" "\n"
        % (ctx.text("col_topic"), tex(g["nice"].name), tex(g["dk"].name), ctx.text("col_agreement"))
        + "\n".join(rows)
        + "\n" r"\bottomrule\end{tabularx}\par}" "\n"
        r"{\small\textbf{%s} " % ctx.text("status") + tex(g["dk"].status) + ctx.refs.cite(g["dk"].cite) + " "
        + ctx.text("management_note") + "\\par}\n"
    )


#: (title for messages, function) in print order.
SECTIONS: list[tuple[str, Callable[[Context], str]]] = [
    ("roots table", section_roots),
    ("dermatome map", section_map),
    ("neurodynamic tests", section_tests),
    ("red flags", section_red_flags),
    ("management principles", section_management),
]

PREAMBLE = r"""\documentclass[10pt,a4paper]{article}
\usepackage[a4paper,margin=1.6cm,top=1.5cm,bottom=1.8cm]{geometry}
\usepackage{fontspec}
\setmainfont{FreeSans}
\usepackage{polyglossia}
%(languages)s
\usepackage{graphicx,booktabs,tabularx,xcolor,enumitem,caption,fancyhdr,lastpage,multicol}
\usepackage[hidelinks]{hyperref}
\usepackage{xurl}
\definecolor{ink}{HTML}{1F2933}
\renewcommand{\arraystretch}{1.25}
\newcolumntype{L}{>{\raggedright\arraybackslash}X}
\newcolumntype{P}[1]{>{\raggedright\arraybackslash}p{#1}}
\newenvironment{cellitems}{\begin{itemize}[nosep,leftmargin=0.9em,topsep=0pt,before=\vspace{-\baselineskip}\vspace{2pt},after=\vspace{-\baselineskip}]}{\end{itemize}}
\setlength{\parindent}{0pt}\setlength{\parskip}{4pt}
\setlist{nosep,leftmargin=1.2em}
\newenvironment{refs}{\scriptsize\raggedright\begin{description}[leftmargin=2.2em,labelwidth=2em,font=\normalfont,itemsep=0pt,parsep=0pt,topsep=2pt]}{\end{description}}
\pagestyle{fancy}\fancyhf{}
\renewcommand{\headrulewidth}{0pt}
\fancyfoot[L]{\footnotesize %(footer)s}
\fancyfoot[R]{\footnotesize %(page)s}
\makeatletter\renewcommand\section{\@startsection{section}{1}{0pt}{8pt}{3pt}{\large\bfseries\color{ink}}}\makeatother
\widowpenalty=10000\clubpenalty=10000
"""

TITLE = r"""\begin{document}
{\LARGE\bfseries\color{ink} %(title)s}\par
{\large %(subtitle)s} \hfill {\small %(version_label)s \textbullet\ %(date)s}\par
\vspace{2pt}\hrule\vspace{6pt}
"""

#: polyglossia's options for a main language (British English spelling and hyphenation).
LANGUAGE_OPTIONS = {"english": "[variant=british]"}


def languages_tex(lang: str) -> str:
    """polyglossia: the handout's language as the main one; Danish as another (for {da} terms)."""
    main = strings("display", lang)["latex_language"]
    out = r"\setdefaultlanguage%s{%s}" % (LANGUAGE_OPTIONS.get(main, ""), main)
    if main != "danish":
        out += "\n" r"\setotherlanguage{danish}"
    return out


def build_tex(out: Path, sections=SECTIONS, date: _dt.date | None = None,
              lang: str | None = None) -> tuple[Path, list[str]]:
    """Write ``handout.tex`` (and its figures) into ``out``; return the path and the sections left out.

    ``lang`` (default: the current language): the handout's words, the data's text and the figure's
    labels in that language, and its hyphenation.
    """
    lang = current_lang(lang)
    with use_language(lang):
        return _build_tex(out, sections, date, lang)


def _build_tex(out: Path, sections, date, lang: str) -> tuple[Path, list[str]]:
    out.mkdir(parents=True, exist_ok=True)
    refs = Refs(repo_root() / "book" / "references.bib")
    ctx = Context(out, refs, lang)
    date = date or _dt.date.today()
    s = ctx.s
    values = {"version": tex(__version__), "date": date.isoformat(), "languages": languages_tex(lang),
              "title": tex(s["title"]), "subtitle": tex(s["subtitle"]),
              "version_label": tex(s["version"].format(version=__version__)),
              "footer": tex(s["footer"].format(version=__version__, date=date.isoformat())),
              "page": tex(s["page"]).replace(r"\{page\}", r"\thepage{}").replace(r"\{pages\}", r"\pageref{LastPage}")}
    body, missing = [], []
    for title, fn in sections:
        try:
            body.append(fn(ctx))
        except ImportError as err:
            missing.append(f"{title} ({err})")
    doc = (PREAMBLE % values + TITLE % values + "\n".join(body) + refs.bibliography(s["references_heading"])
           + "\\end{document}\n")
    path = out / "handout.tex"
    path.write_text(doc, encoding="utf-8")
    return path, missing


def compile_pdf(tex_path: Path) -> Path:
    """Compile with latexmk/XeLaTeX; raise with the LaTeX log's first error if it fails."""
    if not shutil.which("latexmk") or not shutil.which("xelatex"):
        raise RuntimeError("latexmk and xelatex are needed: install TeX Live (make system-deps)")
    cmd = ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", tex_path.name]
    proc = subprocess.run(cmd, cwd=tex_path.parent, capture_output=True, text=True)
    if proc.returncode != 0:
        log = (tex_path.parent / "handout.log")
        text = log.read_text(errors="replace") if log.exists() else proc.stdout
        first = next((line for line in text.splitlines() if line.startswith("!")), "unknown error")
        raise RuntimeError(f"XeLaTeX failed on {tex_path}: {first} (see {log})")
    return tex_path.with_suffix(".pdf")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="nerveroot handout", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=None,
                        help="output PDF (default: _build/pdf/handout.pdf, or handout-<lang>.pdf in another language)")
    parser.add_argument("--lang", default=None, help="language (default: NERVEROOT_LANG, else en)")
    args = parser.parse_args(argv)
    root = repo_root()
    lang = current_lang(args.lang)
    suffix = "" if lang == DEFAULT_LANG else f"-{lang}"
    target = Path(args.out) if args.out else root / "_build" / "pdf" / f"handout{suffix}.pdf"
    work = target.parent / f"handout-src{suffix}"
    tex_path, missing = build_tex(work, lang=lang)
    for m in missing:
        print(f"handout: section left out, its data module is not there yet: {m}", file=sys.stderr)
    pdf = compile_pdf(tex_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, target)
    print(f"The handout is {target}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
