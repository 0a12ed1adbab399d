"""The printed handout: a 2–4 page A4 summary built from the course's data.

``make handout`` (``python -m nerveroot handout``) writes ``_build/pdf/handout.pdf``.
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
from .markup import latex_escape as tex
from .paths import repo_root

# ---------------------------------------------------------------------------
# LaTeX helpers
# ---------------------------------------------------------------------------

_CITE_RE = re.compile(r"\s*\{cite:p\}`([^`]*)`")
_MD_RE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


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
        out.append(tex(text[pos:m.start()]))
        out.append(r"\textbf{%s}" % tex(m.group(1)) if m.group(1) else r"\emph{%s}" % tex(m.group(2)))
        pos = m.end()
    out.append(tex(text[pos:]))
    return "".join(out)


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

    def bibliography(self) -> str:
        items = "\n".join(r"\item[{[%d]}] %s" % (i + 1, self.entry(k)) for i, k in enumerate(self.order))
        return (r"\section*{Key references}" "\n" r"\begin{multicols}{2}\begin{refs}" "\n" + items + "\n"
                r"\end{refs}\end{multicols}" "\n")


# ---------------------------------------------------------------------------
# sections
# ---------------------------------------------------------------------------


class Context:
    def __init__(self, out: Path, refs: Refs):
        self.out, self.refs = out, refs

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
            f"paracentral {tex(r.traversing_disc)} (traversing)"
            + (f"; foraminal {tex(r.exit_foramen)} (exiting)" if "/" in r.exit_foramen else "")
        )
        assert name in para.roots
        cites = ctx.refs.cite([*r.dermatome.cite, *r.reflex.cite])
        rows.append(
            r"\textbf{%s} & %s & %s & %s (%s) & %s%s \\"
            % (name, tex(r.dermatome.summary), tex(moves), tex(r.reflex.name), danish(r.reflex.danish), typical, cites)
        )
    return (
        r"\section*{The three roots at a glance}" "\n"
        r"\begin{tabularx}{\textwidth}{@{}l L L L L@{}}" "\n"
        r"\toprule Root & Skin (dermatome) & Key movements & Reflex & Typical herniation \\ \midrule" "\n"
        + "\n".join(rows)
        + "\n" r"\bottomrule\end{tabularx}" "\n"
        r"\smallskip{\small Radicular pain is often \emph{not} dermatomal (64\,\% of lumbar roots in one study; "
        r"S1 the exception)" + ctx.refs.cite(["Murphy2009"]) + r", and textbook maps disagree"
        + ctx.refs.cite(["DownsLaporte2011", "Lee2008"]) + r". In Danish usage an "
        + danish("L4-prolaps") + r" is the L4/L5 disc, which usually affects the L5 root"
        + ctx.refs.cite(["Poulsen_sundhed_rodaffektion"]) + ".\\par}\n"
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
        return tex(e.formatted(2)) if e is not None else "--"

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
                se, sp = est(a.sensitivity), est(a.specificity) if not a.disputed else "disputed"
            rows.append(r"%s & %s & %s & %s%s \\" % (name, se, sp, tex(a.population), ctx.refs.cite(a.cite)))
            first = False
        rows.append(r"\addlinespace[2pt]")
    return (
        r"\section*{Neurodynamic tests: how accurate, and in whom}" "\n"
        r"\begin{tabularx}{\textwidth}{@{}P{3.6cm} P{2.4cm} P{2.4cm} L@{}}" "\n"
        r"\toprule Test & Sensitivity (95\,\% CI) & Specificity (95\,\% CI) & Population the figures come from \\ \midrule" "\n"
        + "\n".join(rows)
        + "\n" r"\bottomrule\end{tabularx}" "\n"
        r"{\small The SLR's high sensitivity comes from surgical case series; in a broad cohort checked against MRI "
        r"it was far lower" + ctx.refs.cite(["Deville2000", "Capra2011"]) + r". The 30--70\textdegree{} window is a "
        r"convention, not a result of accuracy studies" + ctx.refs.cite(["Pesonen2021rel"]) + r". Used alone, most "
        r"physical tests perform poorly" + ctx.refs.cite(["vanderWindt2010"]) + ".\\par}\n"
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
    return (
        r"\section*{Red flags and what to do}" "\n"
        r"{\footnotesize\begin{tabularx}{\textwidth}{@{}P{2.4cm} L P{5.0cm}@{}}" "\n"
        r"\toprule Level & Findings & Action \\ \midrule" "\n" + "\n".join(rows) + "\n"
        r"\bottomrule\end{tabularx}\par}" "\n"
        r"\smallskip{\small Not alarms on their own, but they raise suspicion together with other findings: "
        + note + r". Most red flags have little evidence for their accuracy" + ctx.refs.cite(["Finucane2020"])
        + r"; a history of cancer is the most useful flag for malignancy" + ctx.refs.cite(["Downie2013"]) + ".\\par}\n"
    )


def section_management(ctx: Context) -> str:
    from .clinical.guidelines import guidelines, topics

    mark = {"agree": "agree", "partly": "partly", "disagree": r"\textbf{disagree}", "not_compared": "--"}
    rows = [
        r"%s & %s & %s & %s%s \\" % (tex(t.topic), tex(t.nice), tex(t.dk), mark[t.agreement], ctx.refs.cite(t.cite))
        for t in topics()
        if t.topic not in ("Who it covers", "Quality of the evidence")
    ]
    g = guidelines()
    return (
        r"\section*{Management without surgery: the guidelines side by side}" "\n"
        r"{\footnotesize\begin{tabularx}{\textwidth}{@{}P{2.3cm} L L P{1.9cm}@{}}" "\n"
        r"\toprule Topic & %s & %s & Agreement \\ \midrule" "\n" % (tex(g["nice"].name), tex(g["dk"].name))
        + "\n".join(rows)
        + "\n" r"\bottomrule\end{tabularx}\par}" "\n"
        r"{\small\textbf{Status.} " + tex(g["dk"].status) + ctx.refs.cite(g["dk"].cite) + r" Bed rest does not help: "
        r"87\,\% improved by 12 weeks with or without it" + ctx.refs.cite(["Vroomen1999"]) + r". Most people "
        r"recover, but 20--30\,\% still have problems after one or two years" + ctx.refs.cite(["Koes2007"])
        + r"; early surgery speeds recovery of leg pain, with similar results at one year"
        + ctx.refs.cite(["Peul2007"]) + ".\\par}\n"
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
\setdefaultlanguage[variant=british]{english}
\setotherlanguage{danish}
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
\fancyfoot[L]{\footnotesize nerveroot handout, version %(version)s, %(date)s. Educational material, not medical advice.}
\fancyfoot[R]{\footnotesize Page \thepage\ of \pageref{LastPage}}
\makeatletter\renewcommand\section{\@startsection{section}{1}{0pt}{8pt}{3pt}{\large\bfseries\color{ink}}}\makeatother
\widowpenalty=10000\clubpenalty=10000
"""

TITLE = r"""\begin{document}
{\LARGE\bfseries\color{ink} Lumbar nerve-root compression (L4--S1)}\par
{\large A summary for physiotherapy students} \hfill {\small Version %(version)s \textbullet\ %(date)s}\par
\vspace{2pt}\hrule\vspace{6pt}
"""


def build_tex(out: Path, sections=SECTIONS, date: _dt.date | None = None) -> tuple[Path, list[str]]:
    """Write ``handout.tex`` (and its figures) into ``out``; return the path and the sections left out."""
    out.mkdir(parents=True, exist_ok=True)
    refs = Refs(repo_root() / "book" / "references.bib")
    ctx = Context(out, refs)
    date = date or _dt.date.today()
    values = {"version": tex(__version__), "date": date.isoformat()}
    body, missing = [], []
    for title, fn in sections:
        try:
            body.append(fn(ctx))
        except ImportError as err:
            missing.append(f"{title} ({err})")
    doc = PREAMBLE % values + TITLE % values + "\n".join(body) + refs.bibliography() + "\\end{document}\n"
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
    parser.add_argument("--out", default=None, help="output PDF (default: _build/pdf/handout.pdf)")
    args = parser.parse_args(argv)
    root = repo_root()
    target = Path(args.out) if args.out else root / "_build" / "pdf" / "handout.pdf"
    work = target.parent / "handout-src"
    tex_path, missing = build_tex(work)
    for m in missing:
        print(f"handout: section left out, its data module is not there yet: {m}", file=sys.stderr)
    pdf = compile_pdf(tex_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, target)
    print(f"The handout is {target}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
