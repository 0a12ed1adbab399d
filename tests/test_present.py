"""The instructors' launchers without a browser: the projector's steps, its figures and notebook,
and the JupyterLab settings ``make lab`` writes (the browser side is tests/test_lab_browser.py)."""

import json
from pathlib import Path

import pytest

from nerveroot import lab, present
from nerveroot.quiz import Quiz, load_bank
from nerveroot.quiz.live import LiveQuiz

DATA = Path(__file__).parent / "data" / "quiz"


def test_a_clicker_steps_through_question_and_answer():
    lq = LiveQuiz(Quiz(load_bank(DATA / "good.yaml")), instructor=True)
    steps = []
    for _ in range(10):  # 4 questions: 8 steps, then nothing more
        lq.forward()
        steps.append((lq.current, lq.current in lq.revealed))
    assert steps == [(1, True), (2, False), (2, True), (3, False), (3, True), (4, False), (4, True), (4, True),
                     (4, True), (4, True)]
    assert lq.at_end and "Right answer" in lq.panels[3].feedback.value
    lq.back()
    assert (lq.current, lq.panels[3].feedback.value) == (4, "")
    assert lq.panels[3].reveal_button.description == "Reveal answer"
    lq.back()
    assert lq.current == 3 and 3 in lq.revealed  # an earlier answer stays revealed
    lq.panels[2].reveal_button.click()  # the button toggles: Hide answer
    assert 3 not in lq.revealed and lq.panels[2].feedback.value == ""
    lq.mode.value = False  # the student view ignores the clicker
    lq.forward()
    assert lq.current == 3 and not lq.revealed - {1, 2}


def test_checked_feedback_survives_hide():
    lq = LiveQuiz(Quiz(load_bank(DATA / "good.yaml")), instructor=True)
    lq.answer(1, "A")
    lq.check(1)
    lq.hide(1)  # nothing was revealed: the student's feedback stays
    assert "Correct" in lq.panels[0].feedback.value


def test_projector_quiz_then_figures():
    p = present.Projector("anatomy", figures=True)
    assert [type(f).__name__ for f in p.figures] == ["DiscLevelExplorer", "DermatomeMap"]
    assert p.labels == ["Quiz", "Which root does a disc herniation compress?",
                        "Dermatomes of L4, L5 and S1 on the right lower limb"]
    assert p.live.instructor and p.live.mode.layout.display == "none"
    total = len(p.live.panels)
    for _ in range(2 * total - 1):  # question, answer, ..., the last answer
        p.forward_key.click()
    assert p.live.at_end and p.section == 0
    p.forward()
    assert p.section == 1 and p.body.children == (p.outputs[0],) and 1 in p.drawn
    p.forward()
    p.forward()  # nothing after the last figure
    assert p.section == 2 and p.sections.value == 2
    p.back_key.click()
    p.back()
    assert p.section == 0 and p.body.children == (p.live.widget,)
    p.back()
    assert p.live.current == total and total not in p.live.revealed


def test_projector_without_figures_hides_the_sections():
    p = present.Projector("intro")
    assert p.figures == [] and p.sections.layout.display == "none"
    p.show(5)
    assert p.section == 0


def test_figures_follow_the_language_asked_for(monkeypatch):
    monkeypatch.setenv("NERVEROOT_LANG", "xx")  # no such strings: building anything in it would fail
    figures = present.chapter_figures("anatomy", "en")
    assert len(figures) == 2 and all(f.s["title"] for f in figures)
    assert __import__("os").environ["NERVEROOT_LANG"] == "xx"  # the environment is as it was


def test_projector_notebook_and_command(tmp_path):
    path = present.write_notebook("anatomy", "en", True, folder=tmp_path)
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert "Projector('anatomy', lang='en', figures=True)" in "".join(nb["cells"][0]["source"])
    cmd = present.voila_command(path, "127.0.0.1", 8866, open_browser=False)
    assert "--VoilaConfiguration.template=nerveroot" in cmd and "--Voila.port_retries=0" in cmd
    env = present.voila_env({"JUPYTER_PATH": "/x"})
    assert env["JUPYTER_PATH"].split(":")[0] == str(present.JUPYTER_DATA)
    assert (present.JUPYTER_DATA / "voila" / "templates" / "nerveroot" / "conf.json").is_file()


def test_unknown_language_is_named():
    with pytest.raises(lab.LaunchError, match="no strings for language 'xx'; languages: en"):
        present.language("xx")


def test_lab_settings_open_chapters_as_notebooks_and_fetch_nothing(tmp_path):
    server_config = tmp_path / "etc" / "jupyter" / "jupyter_lab_config.json"
    server_config.parent.mkdir(parents=True)
    server_config.write_text('{"ServerApp": {"mine": 1}}')  # someone's own setting survives
    written = lab.install_settings(tmp_path)
    assert len(written) == 2 and lab.install_settings(tmp_path) == []  # idempotent
    overrides = json.loads((tmp_path / "share/jupyter/lab/settings/overrides.d/nerveroot.json").read_text())
    docs = overrides["@jupyterlab/docmanager-extension:plugin"]
    assert docs["defaultViewers"]["markdown"] == "Jupytext Notebook" and docs["autosave"] is False
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false",
                                                                        "checkForUpdates": False}
    config = json.loads(server_config.read_text())
    assert config["ServerApp"] == {"mine": 1} and config["LabApp"]["news_url"] is None
    server_config.write_text("{oops")
    with pytest.raises(lab.LaunchError, match="not valid JSON"):
        lab.install_settings(tmp_path)


def test_lab_command():
    cmd = lab.lab_command("127.0.0.1", 8888, open_browser=False)
    assert cmd[-1] == "book/intro.md" and "--ServerApp.port_retries=0" in cmd
    with pytest.raises(lab.LaunchError, match="no chapter 'nope'; chapters: .*anatomy"):
        lab.lab_command("127.0.0.1", 8888, chapter="nope")
    for bad, message in (("", "no port given"), ("x", "not a port number"), ("70000", "out of range")):
        with pytest.raises(lab.LaunchError, match=message):
            lab.parse_port(bad, "make lab")
