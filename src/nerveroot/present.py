"""Projector mode: a chapter's quiz (and, if asked, its figures) full screen in front of a class.

``make present CHAPTER=anatomy`` (or ``nerveroot present --chapter anatomy``) writes a one-cell
notebook to ``_build/present/`` and serves it with Voilà, which runs it in the course kernel and
shows only its output: no code cells, no notebook interface. The output is a :class:`Projector`:

* the chapter's live quiz (:class:`nerveroot.quiz.live.LiveQuiz`) in instructor mode: one question
  at a time, large, with *Reveal answer* (the answer, the explanation and the sources);
* with ``--figures``, the chapter's interactive figures as further sections, in the chapter's order;
* keyboard control for a presentation clicker: → / Page Down / Space step forward (the answer, then
  the next question, then the figures), ← / Page Up step back, F toggles full screen. The keys press
  hidden buttons, so every step runs the same Python as a click and is tested the same way.

Everything is offline: Voilà's own template loads an icon font from a CDN, so the course's template
(``nerveroot/share/voila/templates/nerveroot``, found through ``JUPYTER_PATH``) drops it; buttons carry text.
The language is a parameter (``--lang``, default ``NERVEROOT_LANG`` or English): the quiz, the
figures and the projector's own strings (``strings/<lang>/present.yaml``) all follow it.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from pathlib import Path

DESCRIPTION = ("A chapter's quiz full screen for a class (projector mode), served by Voilà: one question "
               "at a time, Reveal answer, keyboard and clicker control; optionally the chapter's figures.")
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8866  # Voilà's own default
TEMPLATE = "nerveroot"
#: JupyterLab extensions installed for ``make lab`` that the projector page does not use. Voilà would
#: load them all; these two need a newer JupyterLab core than Voilà's and log an error in its page.
UNUSED_LAB_EXTENSIONS = ("jupyterlab-jupytext", "@voila-dashboards/jupyterlab-preview")
#: Folder added to ``JUPYTER_PATH`` so that Voilà finds the course's template.
JUPYTER_DATA = Path(__file__).resolve().parent / "share"


def chapters() -> list[str]:
    """Chapters that can be presented: those whose page shows a quiz, in reading order."""
    from .quiz.bank import book_quiz_chapters

    return book_quiz_chapters()


def language(lang: str | None) -> str:
    """The language asked for, else ``NERVEROOT_LANG``, else English; an error names the ones there are."""
    from . import i18n

    chosen = lang or os.environ.get("NERVEROOT_LANG") or i18n.DEFAULT_LANG
    if chosen not in i18n.languages():
        from .lab import LaunchError

        raise LaunchError(f"no strings for language {chosen!r}; languages: {', '.join(i18n.languages())}")
    return chosen


# ---------------------------------------------------------------------------
# the chapter's figures
# ---------------------------------------------------------------------------

def chapter_figures(chapter: str, lang: str | None = None) -> list:
    """The interactive figures a chapter shows, in its order (quizzes and tables left out).

    The chapter's code cells run as they do in the book, with ``display`` collecting the objects
    instead of showing them; anything else they show (tables, glued values) is discarded.
    """
    import jupytext
    from IPython.utils.capture import capture_output

    from .display import Interactive
    from .paths import book_dir
    from .quiz import AnswerKey, Quiz

    path = book_dir() / f"{chapter}.md"
    notebook = jupytext.read(path)
    shown: list = []

    def collect(*objs, **_kwargs):
        shown.extend(objs)

    namespace = {"__name__": f"nerveroot_present_{chapter}", "display": collect}
    previous = os.environ.get("NERVEROOT_LANG")
    if lang:
        os.environ["NERVEROOT_LANG"] = lang  # chapters build their figures without a lang argument
    try:
        with capture_output():
            for number, cell in enumerate(notebook.cells, start=1):
                if cell.cell_type != "code":
                    continue
                source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith("%"))
                try:
                    exec(compile(source, f"{path.name}, cell {number}", "exec"), namespace)
                except Exception as exc:
                    raise RuntimeError(f"{path}: code cell {number} failed while collecting the chapter's figures: "
                                       f"{type(exc).__name__}: {exc}") from exc
    finally:
        if lang:
            if previous is None:
                os.environ.pop("NERVEROOT_LANG", None)
            else:
                os.environ["NERVEROOT_LANG"] = previous
    return [obj for obj in shown if isinstance(obj, Interactive) and not isinstance(obj, (Quiz, AnswerKey))]


def figure_label(obj, n: int, s: dict) -> str:
    """A short name for a figure: its title from its strings, else "Figure n"."""
    title = (getattr(obj, "s", None) or {}).get("title") if isinstance(getattr(obj, "s", None), dict) else None
    if not title:
        return s["figure_n"].format(n=n)
    text = re.sub(r"<br\s*/?>", " ", title)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip()  # "(schematic, ...)" is for the page, not the button
    return html.unescape(text)


# ---------------------------------------------------------------------------
# the projector widget
# ---------------------------------------------------------------------------

class Projector:
    """The projector view of one chapter: its live quiz in instructor mode, and optionally its figures."""

    def __init__(self, chapter: str, *, lang: str | None = None, figures: bool = False):
        import ipywidgets as W

        from .i18n import strings
        from .quiz import Quiz
        from .quiz.live import LiveQuiz

        self.chapter = chapter
        self.lang = lang
        self.s = strings("present", lang)
        self.quiz = Quiz.from_chapter(chapter, lang=lang)
        self.live = LiveQuiz(self.quiz, instructor=True)
        self.live.mode.layout.display = "none"  # always one question at a time here
        for button in (self.live.prev_button, self.live.next_button, self.live.reset_button,
                       *(b for p in self.live.panels for b in (p.check_button, p.reveal_button))):
            button.icon = ""  # Voilà would load the icon font from a CDN; the words say it all
        self.figures = chapter_figures(chapter, lang) if figures else []
        self.labels = [self.s["section_quiz"]] + [figure_label(f, n, self.s)
                                                  for n, f in enumerate(self.figures, start=1)]
        self.outputs = [W.Output() for _ in self.figures]
        self.drawn: set[int] = set()
        self.section = 0

        self.sections = W.ToggleButtons(options=[(label, i) for i, label in enumerate(self.labels)], value=0,
                                        tooltips=[self.s["sections"]] * len(self.labels),
                                        style={"button_width": "auto"})
        self.sections.add_class("nr-present-sections")
        self.sections.observe(lambda change: self.show(change["new"]), names="value")
        if not self.figures:
            self.sections.layout.display = "none"
        self.full_screen = W.Button(description=self.s["full_screen"], tooltip=self.s["full_screen_help"])
        self.full_screen.add_class("nr-present-fullscreen")  # the page script does the rest (a browser API)
        self.forward_key = W.Button(description=self.s["next_step"], layout=W.Layout(display="none"))
        self.back_key = W.Button(description=self.s["previous_step"], layout=W.Layout(display="none"))
        self.forward_key.add_class("nr-present-forward")
        self.back_key.add_class("nr-present-back")
        self.forward_key.on_click(lambda _b: self.forward())
        self.back_key.on_click(lambda _b: self.back())
        self.body = W.Box([self.live.widget])
        self.body.add_class("nr-present-body")
        keys = W.HTML(f'<p class="nr-present-keys">{html.escape(self.s["keys"])}</p>')
        header = W.HBox([self.sections, self.full_screen])
        header.add_class("nr-present-header")
        self.widget = W.VBox([header, self.body, keys, self.forward_key, self.back_key])
        self.widget.add_class("nr-projector")

    # -- actions (what the keys and buttons do) ----------------------------
    def show(self, section: int) -> None:
        """Show the quiz (0) or figure ``section`` (1, 2, ...); a figure is drawn the first time it is shown."""
        from IPython.display import display

        section = max(0, min(len(self.labels) - 1, section))
        self.section = section
        if self.sections.value != section:
            self.sections.value = section  # calls show() again, which then finds nothing to do
            return
        if section == 0:
            self.body.children = (self.live.widget,)
            return
        out = self.outputs[section - 1]
        if section not in self.drawn:
            with out:
                display(self.figures[section - 1].live_bundle(), raw=True)
            self.drawn.add(section)
        self.body.children = (out,)

    def forward(self) -> None:
        """A clicker's "next": through the quiz step by step, then on to the figures."""
        if self.section == 0 and not self.live.at_end:
            self.live.forward()
        elif self.section < len(self.labels) - 1:
            self.show(self.section + 1)

    def back(self) -> None:
        """A clicker's "previous": back through the figures, then back through the quiz."""
        if self.section > 0:
            self.show(self.section - 1)
        else:
            self.live.back()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


# ---------------------------------------------------------------------------
# the notebook Voilà serves, and the command
# ---------------------------------------------------------------------------

def notebook(chapter: str, lang: str, figures: bool):
    """The one-cell notebook that Voilà runs: the projector of one chapter."""
    import nbformat

    from .i18n import strings
    from .quiz.bank import chapter_bank

    title = strings("present", lang)["page_title"].format(title=chapter_bank(chapter).title)
    code = (f"import os\nos.environ['NERVEROOT_LANG'] = {lang!r}\n"
            "from nerveroot.present import Projector\n"
            f"Projector({chapter!r}, lang={lang!r}, figures={figures!r})")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (nerveroot)", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["title"] = title
    return nb


def write_notebook(chapter: str, lang: str, figures: bool, folder: Path | None = None) -> Path:
    import nbformat

    from .paths import repo_root

    folder = folder or repo_root() / "_build" / "present"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{chapter}{'-figures' if figures else ''}.{lang}.ipynb"
    nbformat.write(notebook(chapter, lang, figures), path)
    return path


def voila_env(base: dict | None = None) -> dict:
    """The environment for Voilà: the course's template on the Jupyter path."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")) if p)
    return env


def voila_command(path: Path, host: str, port: int, *, open_browser: bool = True) -> list[str]:
    return [
        sys.executable, "-m", "voila", str(path),
        f"--Voila.ip={host}",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",  # never move silently to another port
        f"--Voila.open_browser={open_browser}",
        f"--VoilaConfiguration.template={TEMPLATE}",
        "--VoilaConfiguration.theme=light",
        "--VoilaConfiguration.show_tracebacks=True",  # an error shows what went wrong, in the page
        *(f"--VoilaConfiguration.extension_denylist={name}" for name in UNUSED_LAB_EXTENSIONS),
    ]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--chapter", help="the chapter, e.g. anatomy (make present CHAPTER=anatomy)")
    parser.add_argument("--figures", action="store_true", help="also show the chapter's figures")
    parser.add_argument("--lang", help="language (default: NERVEROOT_LANG, else en)")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", default=str(DEFAULT_PORT), help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")


def prepare(args) -> tuple[list[str], dict, str]:
    """Check the arguments and write the notebook; returns the command, its environment and the URL."""
    from .lab import LaunchError, check_port, parse_port

    command = "make present CHAPTER=..."
    known = chapters()
    if not args.chapter:
        raise LaunchError(f"which chapter? e.g. 'make present CHAPTER={known[0] if known else 'anatomy'}'; "
                          f"chapters: {', '.join(known)}")
    if args.chapter not in known:
        raise LaunchError(f"no chapter {args.chapter!r} with a quiz; chapters: {', '.join(known)}")
    command = f"make present CHAPTER={args.chapter}"
    lang = language(args.lang)
    port = parse_port(args.port, command)
    check_port(args.host, port, command)
    path = write_notebook(args.chapter, lang, args.figures)
    url = f"http://{args.host}:{port}/"
    return voila_command(path, args.host, port, open_browser=not args.no_browser), voila_env(), url


def run(args) -> int:
    from .lab import LaunchError

    if getattr(args, "extra", None):
        print(f"error: unrecognized arguments: {' '.join(args.extra)}", file=sys.stderr)
        return 2
    try:
        cmd, env, url = prepare(args)
    except LaunchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Projector mode: {url} (full screen with F; arrow keys, Page Up/Down or Space step through "
          "the quiz; Ctrl-C to stop)", flush=True)
    os.execve(cmd[0], cmd, env)
    return 0  # pragma: no cover - execve does not return


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nerveroot present", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
