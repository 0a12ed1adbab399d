"""Instructors' way in, driven for real: JupyterLab (``make lab``) and the projector mode under Voilà
(``make present``), in the Debian Chromium.

* ``make lab``: the chapters open as notebooks with the course kernel and no dialog; every chapter
  runs from top to bottom with no error output, no console error, every figure drawn and every
  widget rendered; the live quiz's instructor mode steps, reveals and scores; running a chapter
  leaves its file untouched; a cell that raises is shown as an error, and the checks catch it.
* ``make present``: one question at a time, large, no code; arrow keys, Page Up/Down and Space
  step through question and answer; the chapter's figures are drawn; nothing is fetched from
  another host.
* Bad input (no chapter, a busy port) gets a message that says what to do.

Each server is the real command (``python -m nerveroot lab|present``) on 127.0.0.1 with a free
port and a random token, with the user's own Jupyter settings out of the way.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.browser

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
COURSE_KERNEL = "Python 3 (nerveroot)"


def chapter_notebooks() -> list[str]:
    """Every chapter that is a notebook (has a kernelspec), as JupyterLab sees the book folder."""
    return sorted(p.stem for p in (ROOT / "book").glob("*.md")
                  if "kernelspec:" in p.read_text(encoding="utf-8").split("\n---", 1)[0])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A ``nerveroot lab|present`` process (or ``command(port)``) in its own session, stopped with
    everything it started."""

    def __init__(self, args: list[str], home: Path, *, ready_path: str, token: str = "", command=None):
        self.port = free_port()
        self.token = token
        self.base = f"http://127.0.0.1:{self.port}/"
        env = dict(os.environ)
        env.pop("NERVEROOT_BOOK_BUILD", None)  # the live faces, as in a reader's kernel
        env.update(JUPYTER_TOKEN=token,
                   # the user's own settings and workspaces out of the way; the venv's are used
                   JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
                   JUPYTER_RUNTIME_DIR=str(home / "runtime"))
        self.log = (home / "server.log").open("w+")
        cmd = (command(self.port) if command else
               [sys.executable, "-m", "nerveroot", *args, "--port", str(self.port), "--no-browser"])
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"{' '.join(cmd)} stopped at once:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.url(ready_path), timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        output = self.output()
        self.stop()
        pytest.fail(f"{' '.join(cmd)} did not answer within 90 s:\n{output}")

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}" if self.token else self.base + path

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-4000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the server shuts its kernels down
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def watch(page, host: str = "127.0.0.1") -> None:
    """Record console errors, page errors and requests to any other host."""
    page.nr_console_errors, page.nr_offsite = [], []
    page.on("console", lambda m: page.nr_console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.nr_console_errors.append(str(e)))

    def on_request(request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != host:
            page.nr_offsite.append(request.url)

    page.on("request", on_request)


# ---------------------------------------------------------------------------
# JupyterLab
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    server = Server(["lab", "--LabApp.expose_app_in_browser=True"], tmp_path_factory.mktemp("lab"),
                    ready_path="api/status", token=secrets.token_hex(16))
    yield server
    server.stop()


def open_lab(browser, server: Server, path: str = "lab"):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    watch(page)
    page.goto(server.url(path))
    page.wait_for_function("window.jupyterapp && window.jupyterapp.shell", timeout=60_000)
    page.evaluate("async () => { await window.jupyterapp.started; await window.jupyterapp.restored; }")
    return context, page


@pytest.fixture(scope="module")
def lab_session(browser, lab):
    """One JupyterLab page for the module's tests (loading JupyterLab takes seconds)."""
    context, page = open_lab(browser, lab)
    yield page
    context.close()


@pytest.fixture()
def lab_page(lab_session):
    """The JupyterLab page, with the console errors and requests of this test only."""
    lab_session.nr_console_errors.clear()
    lab_session.nr_offsite.clear()
    return lab_session


# What a notebook looks like once it has run: read from JupyterLab's own models and DOM.
NOTEBOOK_STATE = """async ([path, wait]) => {
  const app = window.jupyterapp;
  const panel = app.shell.widgets('main').find(w => w.context && w.context.path === path);
  const deadline = Date.now() + wait;
  const snapshot = () => {
    const cells = panel.content.widgets.filter(c => c.model.type === 'code');
    const result = {errors: [], unrun: [], stderr: [], widgets: 0, widgetsMissing: [], plotly: 0,
                    plotlyUndrawn: 0, brokenWidgets: 0};
    cells.forEach((cell, i) => {
      const n = i + 1;
      if (cell.model.executionCount === null) result.unrun.push(n);
      const outputs = cell.model.outputs.toJSON();
      const nodes = [...cell.node.querySelectorAll(
        ':scope .jp-OutputArea:not(.jp-OutputArea .jp-OutputArea) > .jp-OutputArea-child > .jp-OutputArea-output')];
      outputs.forEach((out, k) => {
        if (out.output_type === 'error') result.errors.push(`code cell ${n}: ${out.ename}: ${out.evalue}`);
        if (out.output_type === 'stream' && out.name === 'stderr') result.stderr.push(`code cell ${n}: ${out.text.slice(0, 300)}`);
        const data = out.data || {};
        const node = nodes[k];
        if (data['application/vnd.jupyter.widget-view+json']) {
          result.widgets += 1;
          if (!node || !node.querySelector('.jupyter-widgets') || /Error displaying widget|Loading widget/.test(node.innerText))
            result.widgetsMissing.push(`code cell ${n}, output ${k + 1}`);
        }
      });
    });
    const plots = [...panel.node.querySelectorAll('.js-plotly-plot')];
    result.plotly = plots.length;
    result.plotlyUndrawn = plots.filter(p => !p.querySelector('.main-svg')).length;
    result.brokenWidgets = [...panel.node.querySelectorAll('.jupyter-widgets')]
      .filter(w => /Error displaying widget/.test(w.innerText)).length;
    result.stderrShown = [...panel.node.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')]
      .map(e => e.innerText.slice(0, 300));
    return result;
  };
  let state = snapshot();
  // widget views and figures render after the kernel's messages arrive: give them time
  while ((state.widgetsMissing.length || state.plotlyUndrawn) && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 250));
    state = snapshot();
  }
  return state;
}"""

OPEN_AND_RUN = """async (path) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute('docmanager:open', {path});
  await panel.context.ready;
  await panel.context.sessionContext.ready;
  const session = panel.context.sessionContext;
  const info = {notebook: panel.node.classList.contains('jp-NotebookPanel'),
                kernel: session.session && session.session.kernel ? session.session.kernel.name : null,
                kernelName: session.kernelDisplayName,
                dialogs: document.querySelectorAll('.jp-Dialog').length};
  if (!info.notebook) return info;
  app.shell.activateById(panel.id);
  info.ran = await app.commands.execute('notebook:run-all-cells');
  return info;
}"""

CLOSE = """async (path) => {
  const app = window.jupyterapp;
  const panel = app.shell.widgets('main').find(w => w.context && w.context.path === path);
  if (!panel) return;
  await panel.context.sessionContext.shutdown();
  panel.context.model.dirty = false;
  panel.dispose();
}"""


def run_notebook(page, path: str) -> dict:
    """Open ``path`` as JupyterLab does on a double-click, run all cells, and report what the reader sees."""
    info = page.evaluate(OPEN_AND_RUN, path)
    assert info["notebook"], f"{path} did not open as a notebook"
    state = page.evaluate(NOTEBOOK_STATE, [path, 30_000])
    state.update(info)
    return state


def check_notebook(path: str, state: dict, console_errors: list[str]) -> None:
    """Fail, naming what a reader would see, unless the notebook ran cleanly."""
    problems = []
    if state["errors"]:
        problems.append("cells raised: " + "; ".join(state["errors"]))
    if state["unrun"]:
        problems.append(f"code cells never ran: {state['unrun']}")
    if state["stderr"] or state["stderrShown"]:
        problems.append(f"error output: {state['stderr'] or state['stderrShown']}")
    if state["widgetsMissing"] or state["brokenWidgets"]:
        problems.append(f"widgets not rendered: {state['widgetsMissing']} ({state['brokenWidgets']} show an error)")
    if state["plotlyUndrawn"]:
        problems.append(f"{state['plotlyUndrawn']} of {state['plotly']} figures not drawn")
    if console_errors:
        problems.append(f"console errors: {console_errors}")
    assert not problems, f"{path} in JupyterLab: " + " | ".join(problems)


def test_lab_opens_on_the_course_with_a_chapter_as_a_notebook(browser, lab):
    """The first thing an instructor sees: the intro chapter as a notebook, the course kernel, no dialog."""
    context, page = open_lab(browser, lab, "lab/tree/book/intro.md")
    try:
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
        # the course kernel starts by itself (the chapter names it); no dialog asks for one
        try:
            page.wait_for_function(
                "([name]) => { const w = window.jupyterapp.shell.currentWidget;"
                " const s = w && w.context && w.context.sessionContext;"
                " return s && s.session && s.session.kernel && s.session.kernel.status === 'idle'"
                " && s.kernelDisplayName === name; }", arg=[COURSE_KERNEL], timeout=60_000)
        except Exception:
            shown = page.evaluate("() => window.jupyterapp.shell.currentWidget?.context?.sessionContext?.kernelDisplayName")
            pytest.fail(f"the intro chapter's kernel is {shown!r}, not {COURSE_KERNEL!r} "
                        f"(dialogs: {page.locator('.jp-Dialog').all_inner_texts()})")
        assert page.locator(".jp-Dialog").count() == 0, page.locator(".jp-Dialog").inner_text()
        assert page.evaluate("() => window.jupyterapp.shell.currentWidget.context.path") == "book/intro.md"
        assert page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar-kernelName").inner_text().strip() \
            == COURSE_KERNEL
        # nothing asked or fetched: no news prompt, no extension manager search
        assert "official Jupyter news" not in page.inner_text("body")
        assert not page.nr_offsite, f"JupyterLab fetched from other hosts: {page.nr_offsite}"
        assert not page.nr_console_errors, page.nr_console_errors
    finally:
        context.close()


@pytest.mark.parametrize("chapter", chapter_notebooks())
def test_every_chapter_runs_as_a_notebook_in_jupyterlab(lab_page, chapter):
    path = f"book/{chapter}.md"
    before = (ROOT / path).read_bytes()
    files = sorted((ROOT / "book").rglob("*"))
    state = run_notebook(lab_page, path)
    assert state["kernel"] == "python3" and state["kernelName"] == COURSE_KERNEL, state
    assert state["dialogs"] == 0, "a dialog asked the instructor something"
    check_notebook(path, state, lab_page.nr_console_errors)
    assert not lab_page.nr_offsite, f"fetched from other hosts: {lab_page.nr_offsite}"
    lab_page.evaluate(CLOSE, path)
    assert (ROOT / path).read_bytes() == before, f"running {path} in JupyterLab changed the file"
    added = sorted(set((ROOT / "book").rglob("*")) - set(files))
    assert not added, f"running {path} in JupyterLab left files in the book: {added}"


def test_double_click_and_instructor_mode_in_jupyterlab(lab_page):
    """A double-click on a chapter opens it as a notebook; the quiz's instructor mode steps, reveals, scores."""
    from nerveroot.quiz import Quiz

    page = lab_page
    page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:go-to-path', {path: 'book'})")
    item = page.locator(".jp-DirListing-item", has=page.locator(".jp-DirListing-itemText", has_text="anatomy.md"))
    item.first.dblclick()
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget; return w && w.context && "
        "w.context.path === 'book/anatomy.md' && w.node.classList.contains('jp-NotebookPanel'); }", timeout=60_000)
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.context.sessionContext.session?.kernel?.status === 'idle'",
        timeout=60_000)
    assert page.locator(".jp-Dialog").count() == 0
    kernel = page.evaluate("() => window.jupyterapp.shell.currentWidget.context.sessionContext.kernelDisplayName")
    assert kernel == COURSE_KERNEL

    # run only the chapter's quiz cell (its last code cell), as an instructor in class would
    page.evaluate("""async () => {
      const app = window.jupyterapp, panel = app.shell.currentWidget, nb = panel.content;
      const last = nb.widgets.map((c, i) => [c, i]).filter(([c]) => c.model.type === 'code').pop()[1];
      nb.activeCellIndex = last;
      await app.commands.execute('notebook:run-cell');
    }""")
    quiz = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .nr-live-quiz")
    quiz.wait_for(timeout=60_000)
    questions = Quiz.from_chapter("anatomy").items
    assert quiz.locator(".nr-live-question").count() == len(questions)  # the student view: all of them

    quiz.locator(".nr-live-mode").click()  # instructor mode
    question = quiz.locator(".nr-live-question")
    page.wait_for_function("document.querySelectorAll('.nr-live-quiz .nr-live-question').length === 1")
    assert quiz.locator(".nr-live-position").inner_text() == f"Question 1 of {len(questions)}"
    quiz.locator(".nr-live-next").click()
    page.wait_for_function(f"document.querySelector('.nr-live-quiz .nr-live-position').innerText === "
                           f"'Question 2 of {len(questions)}'")
    q, opts = questions[1]
    quiz.locator(".nr-live-reveal").click()
    feedback = question.locator(".nr-live-feedback")
    feedback.get_by_text("Right answer:").wait_for()
    assert "Sources:" in feedback.inner_text()
    quiz.locator(".nr-live-reveal").click()  # Hide answer
    page.wait_for_function("!document.querySelector('.nr-live-quiz .nr-live-feedback').innerText.trim()")

    answer_right(question, q, opts)
    question.locator(".nr-live-check").click()
    feedback.get_by_text("Correct.").wait_for()
    assert f"Score: 1 of {len(questions)} right at the first attempt (1 of {len(questions)} answered)" in \
        quiz.locator(".nr-live-score").inner_text()
    assert not page.nr_console_errors, page.nr_console_errors
    page.evaluate(CLOSE, "book/anatomy.md")


def answer_right(question, q, opts) -> None:
    """Tick the right option(s) of a choice question in the live quiz, as a student would."""
    assert q.type in ("single", "multiple", "truefalse"), q.type
    if q.type == "truefalse":
        labels = ["True" if q.answer_bool else "False"]
    else:
        labels = [f"{o.id}." for o in opts if o.correct]
    for label in labels:
        question.locator("label").filter(has_text=re.compile("^" + re.escape(label))).first.click()


def test_a_cell_error_is_shown_and_caught(browser, tmp_path):
    """A chapter cell that raises shows a normal notebook error, and the checks above fail on it."""
    book = tmp_path / "book"
    book.mkdir()
    (tmp_path / "_config.yml").write_text("title: broken\n")
    (book / "broken.md").write_text(
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n"
        "# A broken chapter\n\n```{code-cell} ipython3\nprint('fine')\n```\n\n"
        "```{code-cell} ipython3\n1 / 0\n```\n\n```{code-cell} ipython3\nprint('never')\n```\n")
    from nerveroot.lab import install_settings, lab_command

    install_settings()  # what `nerveroot lab` does first
    server = Server([], tmp_path, ready_path="api/status", token=secrets.token_hex(16),
                    command=lambda port: lab_command("127.0.0.1", port, open_browser=False, chapter=None,
                                                     root=tmp_path, extra=["--LabApp.expose_app_in_browser=True"]))
    try:
        context, page = open_lab(browser, server)
        try:
            state = run_notebook(page, "book/broken.md")
            assert state["ran"] is False  # JupyterLab stopped at the error, as it does for any notebook
            shown = page.locator('[data-mime-type="application/vnd.jupyter.stderr"]')
            assert "ZeroDivisionError" in shown.first.inner_text()
            with pytest.raises(AssertionError, match=r"cells raised: code cell 2: ZeroDivisionError.*never ran: \[3\]"):
                check_notebook("book/broken.md", state, page.nr_console_errors)
        finally:
            context.close()
    finally:
        server.stop()


def test_lab_explains_a_missing_or_busy_port():
    run = lambda *args: subprocess.run([sys.executable, "-m", "nerveroot", *args], cwd=ROOT,  # noqa: E731
                                       capture_output=True, text=True, timeout=60)
    result = run("lab", "--port", "", "--no-browser")
    assert result.returncode == 2 and "no port given" in result.stderr and "PORT=" in result.stderr
    result = run("lab", "--port", "eighty", "--no-browser")
    assert result.returncode == 2 and "not a port number" in result.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        for command in (["lab"], ["present", "--chapter", "anatomy"]):
            result = run(*command, "--port", str(port), "--no-browser")
            assert result.returncode == 2, result
            assert f"port {port} on 127.0.0.1 is in use" in result.stderr and f"PORT={port + 1}" in result.stderr


def test_present_names_the_chapters():
    from nerveroot.present import chapters

    for args in (["--chapter", "nope"], []):
        result = subprocess.run([sys.executable, "-m", "nerveroot", "present", *args, "--no-browser"], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 2
        assert "chapters: " + ", ".join(chapters()) in result.stderr
    assert "anatomy" in chapters() and "glossary" not in chapters()


# ---------------------------------------------------------------------------
# Voilà: the projector mode
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def projector(tmp_path_factory):
    server = Server(["present", "--chapter", "anatomy", "--figures"], tmp_path_factory.mktemp("present"),
                    ready_path="voila/static/voila.js")
    yield server
    server.stop()


def test_projector_mode_in_voila(browser, projector):
    from nerveroot.quiz import Quiz

    questions = Quiz.from_chapter("anatomy").items
    total = len(questions)
    context = browser.new_context(viewport={"width": 1920, "height": 1080})  # a projector
    page = context.new_page()
    watch(page)
    try:
        page.goto(projector.base, timeout=120_000)
        view = page.locator(".nr-projector")
        view.locator(".nr-live-question").wait_for(timeout=120_000)
        # nothing but the quiz: no code, no notebook interface, no traceback
        assert page.locator(".jp-InputArea, .jp-Toolbar").count() == 0
        assert "Projector(" not in page.inner_text("body") and "Traceback" not in page.inner_text("body")
        # one question at a time, large
        assert view.locator(".nr-live-question").count() == 1
        position = view.locator(".nr-live-position")
        assert position.inner_text() == f"Question 1 of {total}"
        size = float(view.locator(".nr-live-question .widget-html-content").first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"))
        assert size >= 28, f"question text is {size}px: too small for a projector"
        assert view.locator(".nr-live-mode").is_hidden()  # no switch to the student view here
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

        feedback = view.locator(".nr-live-question .nr-live-feedback")

        def at(n: int, revealed: bool):
            page.wait_for_function(
                "([text, revealed]) => { const p = document.querySelector('.nr-projector .nr-live-position');"
                " const f = document.querySelector('.nr-projector .nr-live-feedback');"
                " return p && p.innerText === text && f && (f.innerText.trim().length > 0) === revealed; }",
                arg=[f"Question {n} of {total}", revealed], timeout=20_000)

        page.keyboard.press("ArrowRight")  # a clicker's "next": the answer first
        at(1, True)
        text = feedback.inner_text()
        assert text.startswith("Right answer:") and "Sources:" in text, text
        assert feedback.is_visible()
        page.keyboard.press("Space")  # then the next question
        at(2, False)
        page.keyboard.press("ArrowLeft")  # back to question 1, still answered
        at(1, True)
        page.keyboard.press("PageUp")  # back again: the answer goes away
        at(1, False)
        page.keyboard.press("PageDown")
        page.keyboard.press("PageDown")
        at(2, False)

        # the class answers question 2: the instructor ticks it and checks; the score counts it
        q, opts = questions[1]
        answer_right(view.locator(".nr-live-question"), q, opts)
        page.keyboard.press("PageDown")  # a clicker works with the focus on an option too
        at(2, True)
        view.locator(".nr-live-check").click()
        feedback.get_by_text("Correct.").wait_for()
        assert f"Score: 1 of {total} right at the first attempt (1 of {total} answered)" in \
            view.locator(".nr-live-score").inner_text()

        # the chapter's figures, each drawn when shown
        sections = view.locator(".nr-present-sections button")
        assert sections.count() == 3, sections.all_inner_texts()  # the quiz, the disc explorer, the dermatome map
        for i in (1, 2):
            sections.nth(i).click()
            page.wait_for_function(
                "() => { const plots = document.querySelectorAll('.nr-projector .nr-present-body .js-plotly-plot');"
                " return plots.length > 0 && [...plots].every(p => p.querySelector('.main-svg')); }",
                timeout=30_000)
        page.keyboard.press("ArrowLeft")  # the keys move between the sections too
        page.wait_for_function("document.querySelector('.nr-present-sections button.mod-active')?.innerText"
                               f" === {json.dumps(sections.nth(1).inner_text())}")

        assert not page.nr_console_errors, page.nr_console_errors
        assert not page.nr_offsite, f"the projector page fetched from other hosts: {page.nr_offsite}"
    finally:
        context.close()
