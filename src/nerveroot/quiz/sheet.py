"""Printable quiz sheets and their answer keys (Markdown, HTML and, with TeX, PDF).

Without a seed a sheet has every question of the chosen banks in bank order.
With ``seed=N`` it is an *exam variant*: ``count`` questions drawn at random from
the chosen banks, in random order, with the options of each question shuffled -
always the same for the same seed, banks and count, so a variant can be
re-printed.  Options are lettered by their printed position, and the key uses the
same letters.
"""

from __future__ import annotations

import html
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import citations
from ..i18n import DEFAULT_LANG, current_lang, strings
from ..markup import latex_escape
from .bank import Bank, Option, Question
from .core import fmt_number
from .text import to_html, to_inline_html, to_latex, to_plain


@dataclass(frozen=True)
class SheetItem:
    question: Question
    options: tuple[Option, ...]  # relabelled A, B, C... in printed order


@dataclass(frozen=True)
class Sheet:
    banks: tuple[Bank, ...]
    items: tuple[SheetItem, ...]
    seed: int | None

    @property
    def name(self) -> str:
        base = "-".join(b.chapter for b in self.banks)
        return base + (f"-v{self.seed}" if self.seed is not None else "")

    @property
    def chapters_title(self) -> str:
        return ", ".join(b.title for b in self.banks)


def make_sheet(banks: list[Bank], seed: int | None = None, count: int | None = None) -> Sheet:
    pool = [q for b in banks for q in b.questions]
    if count is not None and not 1 <= count <= len(pool):
        raise ValueError(f"--count must be between 1 and {len(pool)} (the questions in the chosen banks), not {count}")
    rng = random.Random(seed) if seed is not None else None
    if rng is not None:
        chosen = rng.sample(pool, count or len(pool))
    else:
        chosen = pool[: count or len(pool)]
    items = []
    for q in chosen:
        opts = list(q.options)
        if rng is not None:
            rng.shuffle(opts)
        relabelled = tuple(Option(chr(ord("A") + i), o.text, o.correct, o.feedback) for i, o in enumerate(opts))
        items.append(SheetItem(q, relabelled))
    return Sheet(tuple(banks), tuple(items), seed)


def _answer(item: SheetItem, s: dict, lang: str | None = None) -> str:
    q = item.question
    if q.type == "place":
        from .place import answer_names

        return answer_names(q, lang)
    if q.type == "truefalse":
        return s["label_true"] if q.answer_bool else s["label_false"]
    if q.type == "numeric":
        unit = f" {q.unit}" if q.unit else ""
        tol = s["tolerance"].format(low=fmt_number(q.answer - q.tolerance, s), high=fmt_number(q.answer + q.tolerance, s))
        return f"{fmt_number(q.answer, s)}{unit} ({tol})"
    return "; ".join(f"{o.id}. {to_plain(o.text)}" for o in item.options if o.correct)


def _hint(q: Question, s: dict) -> str:
    if q.type == "place":
        return strings("place_quiz")["print_which_number"]
    return s[{"single": "select_one", "multiple": "select_all", "truefalse": "truefalse_hint",
              "numeric": "numeric_hint"}[q.type]]


def _png_uri(kind: str, lang: str | None) -> str:
    import base64

    from .place import numbered_png

    return "data:image/png;base64," + base64.b64encode(numbered_png(kind, lang=lang)).decode("ascii")


def _place_kind(q: Question) -> str:
    from .place import answer_of

    return answer_of(q).kind


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------


def _indent(text: str, ind: str) -> list[str]:
    lines = text.strip().splitlines()
    return [lines[0]] + [(ind + ln) if ln.strip() else "" for ln in lines[1:]]


def quiz_markdown(sheet: Sheet, lang: str | None = None) -> str:
    s = strings("quiz", lang)
    out = [f"# {s['sheet_title'].format(chapters=sheet.chapters_title)}", ""]
    if sheet.seed is not None:
        out += [f"*{s['sheet_variant'].format(seed=sheet.seed)}*", ""]
    out += [f"{s['sheet_name']}: ______________________  {s['sheet_date']}: __________", "",
            f"*{s['sheet_instructions']}*", ""]
    drawn: dict[str, int] = {}
    for n, item in enumerate(sheet.items, start=1):
        q = item.question
        ind = " " * len(f"{n}. ")
        body = _indent(q.prompt, ind)
        out.append(f"{n}. {body[0]}")
        out += body[1:]
        out.append("")
        if q.type == "place":
            from .core import place_print_lines

            out += [ind + ln if ln else "" for ln in place_print_lines(q, n, drawn, lang)]
            out.append("")
            continue
        out.append(f"{ind}*{_hint(q, s)}*")
        out.append("")
        if q.type == "numeric":
            out.append(ind + s["numeric_blank"].format(unit=q.unit).replace("_", r"\_").rstrip())
        elif q.type == "truefalse":
            out.append(f"{ind}- [ ] {s['label_true']}")
            out.append(f"{ind}- [ ] {s['label_false']}")
        else:
            for o in item.options:
                out.append(f"{ind}- [ ] {o.id}. {' '.join(o.text.split())}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def key_markdown(sheet: Sheet, lang: str | None = None) -> str:
    s = strings("quiz", lang)
    out = [f"# {s['sheet_key_title'].format(chapters=sheet.chapters_title)}", ""]
    if sheet.seed is not None:
        out += [f"*{s['sheet_variant'].format(seed=sheet.seed)}*", ""]
    for n, item in enumerate(sheet.items, start=1):
        q = item.question
        ind = " " * len(f"{n}. ")
        label = s["key_options"] if len(q.correct_ids) > 1 else s["key_answer"]
        out.append(f"{n}. **{label}: {_answer(item, s, lang)}**")
        out.append("")
        out += [ind + ln if ln.strip() else "" for ln in q.explanation.strip().splitlines()]
        out.append("")
        out.append(f"{ind}*{s['sources']}: {citations.labels(q.cite)}* (`{q.id}`)")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------------------
# HTML (self-contained, prints well)
# ---------------------------------------------------------------------------

_CSS = """
body { font-family: "DejaVu Serif", Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       color: #111; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
.meta { color: #444; }
ol.questions > li { margin: 0 0 1.2rem; break-inside: avoid; }
ul.options { list-style: none; padding-left: .2rem; margin: .3rem 0; }
ul.options li { margin: .15rem 0; }
.box { display: inline-block; width: 1em; }
.hint { font-style: italic; color: #444; margin: .2rem 0; }
.sources { font-size: .9em; color: #444; }
img.drawing { display: block; width: 100%; max-width: 44rem; height: auto; margin: .4rem 0; }
code { font-size: .85em; }
@page { size: A4; margin: 18mm; }
@media print { body { margin: 0; max-width: none; } }
"""


def _page(title: str, body: str, lang: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def quiz_html(sheet: Sheet, lang: str | None = None) -> str:
    s = strings("quiz", lang)
    title = s["sheet_title"].format(chapters=sheet.chapters_title)
    parts = [f"<h1>{html.escape(title)}</h1>"]
    if sheet.seed is not None:
        parts.append(f'<p class="meta">{html.escape(s["sheet_variant"].format(seed=sheet.seed))}</p>')
    parts.append(f'<p class="meta">{html.escape(s["sheet_name"])}: ______________________ '
                 f'{html.escape(s["sheet_date"])}: __________</p>')
    parts.append(f'<p class="hint">{html.escape(s["sheet_instructions"])}</p><ol class="questions">')
    drawn: dict[str, int] = {}
    for n, item in enumerate(sheet.items, start=1):
        q = item.question
        parts.append(f"<li>{to_html(q.prompt)}<p class=\"hint\">{html.escape(_hint(q, s))}</p>")
        if q.type == "place":
            ps = strings("place_quiz", lang)
            kind = _place_kind(q)
            if kind not in drawn:
                drawn[kind] = n
                parts.append(f'<img class="drawing" src="{_png_uri(kind, lang)}" '
                             f'alt="{html.escape(ps["alt_" + kind].format(n=_count(q)))}">')
            else:
                parts.append(f'<p class="hint">{html.escape(ps["print_see_drawing"].format(n=drawn[kind]))}</p>')
            parts.append(f"<p>{html.escape(ps['print_answer_blank'])}</p></li>")
            continue
        if q.type == "numeric":
            parts.append(f"<p>{html.escape(s['numeric_blank'].format(unit=q.unit))}</p>")
        else:
            rows = ([(None, s["label_true"]), (None, s["label_false"])] if q.type == "truefalse"
                    else [(o.id, to_inline_html(o.text)) for o in item.options])
            parts.append('<ul class="options">')
            for oid, text in rows:
                label = f"{oid}. {text}" if oid else html.escape(text)
                parts.append(f'<li><span class="box" aria-hidden="true">\u2610</span> {label}</li>')
            parts.append("</ul>")
        parts.append("</li>")
    parts.append("</ol>")
    return _page(title, "\n".join(parts), current_lang(lang))


def key_html(sheet: Sheet, lang: str | None = None) -> str:
    s = strings("quiz", lang)
    title = s["sheet_key_title"].format(chapters=sheet.chapters_title)
    parts = [f"<h1>{html.escape(title)}</h1>"]
    if sheet.seed is not None:
        parts.append(f'<p class="meta">{html.escape(s["sheet_variant"].format(seed=sheet.seed))}</p>')
    parts.append('<ol class="questions">')
    for item in sheet.items:
        q = item.question
        label = s["key_options"] if len(q.correct_ids) > 1 else s["key_answer"]
        parts.append(f"<li><p><strong>{html.escape(label)}: {html.escape(_answer(item, s, lang))}</strong></p>"
                     f"{to_html(q.explanation)}<p class=\"sources\">{html.escape(s['sources'])}: "
                     f"{html.escape(citations.labels(q.cite))} <code>{html.escape(q.id)}</code></p></li>")
    parts.append("</ol>")
    return _page(title, "\n".join(parts), current_lang(lang))


# ---------------------------------------------------------------------------
# LaTeX / PDF
# ---------------------------------------------------------------------------

_PREAMBLE = r"""\documentclass[11pt,a4paper]{article}
\usepackage[margin=20mm]{geometry}
\usepackage{amssymb}
\usepackage{fontspec}
\setmainfont{FreeSerif}
\setsansfont{FreeSans}
\setmonofont{FreeMono}
\usepackage{polyglossia}
\setmainlanguage{%(language)s}
\usepackage{enumitem}
\usepackage{graphicx}
\usepackage[hidelinks]{hyperref}
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
\pagestyle{plain}
\begin{document}
"""


def _latex_doc(title: str, sub: str | None, body: str, lang: str | None = None) -> str:
    head = f"{{\\Large\\bfseries {latex_escape(title)}\\par}}\n"
    if sub:
        head += f"{{\\itshape {latex_escape(sub)}\\par}}\n"
    # the sheet's language is its main language: hyphenation and "Figure"-style words (polyglossia)
    preamble = _PREAMBLE.replace("%(language)s", strings("display", lang)["latex_language"])
    return preamble + head + "\\medskip\n" + body + "\n\\end{document}\n"


def quiz_latex(sheet: Sheet, lang: str | None = None) -> str:
    s = strings("quiz", lang)
    sub = s["sheet_variant"].format(seed=sheet.seed) if sheet.seed is not None else None
    body = [f"{latex_escape(s['sheet_name'])}: \\rule{{6cm}}{{0.4pt}}\\quad {latex_escape(s['sheet_date'])}: "
            f"\\rule{{3cm}}{{0.4pt}}\\par\\smallskip",
            f"\\emph{{{latex_escape(s['sheet_instructions'])}}}\\par\\medskip",
            "\\begin{enumerate}[leftmargin=*,itemsep=10pt]"]
    drawn: dict[str, int] = {}
    for n, item in enumerate(sheet.items, start=1):
        q = item.question
        # a question and its options stay on one page
        body.append("\\item \\begin{minipage}[t]{\\linewidth}" + to_latex(q.prompt) + "\\par")
        if q.type == "place":
            ps = strings("place_quiz", lang)
            kind = _place_kind(q)
            if kind not in drawn:
                drawn[kind] = n
                body.append(f"\\medskip\\includegraphics[width=\\linewidth]{{drawing-{kind}.png}}\\par")
            else:
                body.append(f"\\emph{{{latex_escape(ps['print_see_drawing'].format(n=drawn[kind]))}}}\\par")
            body.append(f"{latex_escape(ps['print_which_number'])} \\rule{{2cm}}{{0.4pt}}")
            body.append("\\end{minipage}")
            continue
        body.append(f"{{\\small\\emph{{{latex_escape(_hint(q, s))}}}}}\\nopagebreak\\par")
        if q.type == "numeric":
            unit = latex_escape(q.unit)
            body.append(f"{latex_escape(s['numeric_label'])}: \\rule{{4cm}}{{0.4pt}} {unit}")
        else:
            rows = ([("", latex_escape(s["label_true"])), ("", latex_escape(s["label_false"]))] if q.type == "truefalse"
                    else [(f"{o.id}.~", to_latex(o.text)) for o in item.options])
            body.append("\\begin{itemize}[label={\\Large$\\square$},itemsep=1pt,topsep=2pt]")
            for prefix, text in rows:
                body.append(f"\\item {prefix}{text}")
            body.append("\\end{itemize}")
        body.append("\\end{minipage}")
    body.append("\\end{enumerate}")
    return _latex_doc(s["sheet_title"].format(chapters=sheet.chapters_title), sub, "\n".join(body), lang)


def key_latex(sheet: Sheet, lang: str | None = None) -> str:
    s = strings("quiz", lang)
    sub = s["sheet_variant"].format(seed=sheet.seed) if sheet.seed is not None else None
    body = ["\\begin{enumerate}[leftmargin=*,itemsep=8pt]"]
    for item in sheet.items:
        q = item.question
        label = s["key_options"] if len(q.correct_ids) > 1 else s["key_answer"]
        body.append(f"\\item \\textbf{{{latex_escape(label)}: {latex_escape(_answer(item, s, lang))}}}\\par")
        body.append(to_latex(q.explanation) + "\\par")
        body.append(f"{{\\small\\emph{{{latex_escape(s['sources'])}: {latex_escape(citations.labels(q.cite))}}} "
                    f"(\\texttt{{{latex_escape(q.id)}}})}}")
    body.append("\\end{enumerate}")
    return _latex_doc(s["sheet_key_title"].format(chapters=sheet.chapters_title), sub, "\n".join(body), lang)


def tex_available() -> bool:
    return bool(shutil.which("xelatex"))


def latex_to_pdf(tex: str, out: Path, files: dict[str, bytes] | None = None) -> Path:
    """Compile with xelatex (twice, in a temporary folder, with ``files`` beside it) and copy the PDF to ``out``."""
    with tempfile.TemporaryDirectory(prefix="nerveroot-sheet-") as tmp:
        for name, data in (files or {}).items():
            (Path(tmp) / name).write_bytes(data)
        src = Path(tmp) / "sheet.tex"
        src.write_text(tex, encoding="utf-8")
        for _ in range(2):
            proc = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", src.name],
                                  cwd=tmp, capture_output=True, text=True, timeout=180)
            if proc.returncode != 0:
                log = (Path(tmp) / "sheet.log")
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else proc.stdout[-2000:]
                raise RuntimeError(f"xelatex failed for {out.name}:\n{tail}")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(tmp) / "sheet.pdf", out)
    return out


def _count(q: Question) -> int:
    from .place import answer_of

    return len(answer_of(q).candidates)


def _drawings(sheet: Sheet, lang: str | None) -> dict[str, bytes]:
    """The numbered drawings a sheet's place questions use, by file name (for the LaTeX sheet)."""
    from .place import numbered_png

    kinds = {_place_kind(i.question) for i in sheet.items if i.question.type == "place"}
    return {f"drawing-{k}.png": numbered_png(k, lang=lang) for k in sorted(kinds)}


FORMATS = ("md", "html", "pdf")


def write_sheet(sheet: Sheet, out_dir: Path, formats=FORMATS, lang: str | None = None) -> list[Path]:
    """Write the quiz and its key in each format; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt in formats:
        for kind, md, htm, tex in (("quiz", quiz_markdown, quiz_html, quiz_latex),
                                   ("key", key_markdown, key_html, key_latex)):
            suffix = "" if current_lang(lang) == DEFAULT_LANG else f"-{current_lang(lang)}"
            path = out_dir / f"{kind}-{sheet.name}{suffix}.{fmt}"
            if fmt == "md":
                path.write_text(md(sheet, lang), encoding="utf-8")
            elif fmt == "html":
                path.write_text(htm(sheet, lang), encoding="utf-8")
            elif fmt == "pdf":
                latex_to_pdf(tex(sheet, lang), path, files=_drawings(sheet, lang))
            else:
                raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
            written.append(path)
    return written
