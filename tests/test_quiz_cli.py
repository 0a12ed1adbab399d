"""``nerveroot quiz check|export|sheet`` (and ``python -m nerveroot``), run as an instructor would."""

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "quiz"
NERVEROOT = Path(sys.executable).parent / "nerveroot"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "nerveroot", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=300)


def test_check_all_banks_ok():
    res = run("quiz", "check")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("OK: ") and "intro" in res.stdout and "anatomy" in res.stdout


def test_console_script_works_from_anywhere(tmp_path):
    assert NERVEROOT.exists(), "the nerveroot command is installed with the package (pip install -e .)"
    res = subprocess.run([str(NERVEROOT), "quiz", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def test_check_broken_bank_fails_with_the_errors():
    res = run("quiz", "check", str(DATA / "good.yaml"), str(DATA / "no_correct.yaml"), str(DATA / "unknown_cite.yaml"))
    assert res.returncode == 1
    assert "2 problems in the question bank(s)" in res.stderr
    assert "no_correct.yaml:9: question 'nocorrect-q', field 'options': no option is marked correct" in res.stderr
    assert "unknown_cite.yaml:13: question 'badcite-q', field 'cite': unknown citation key 'Deville2001'" in res.stderr
    assert res.stdout == ""


def test_check_missing_file():
    res = run("quiz", "check", "no/such/bank.yaml")
    assert res.returncode == 1 and "no such file" in res.stderr


@pytest.mark.parametrize("fmt,suffix", [("gift", ".gift"), ("moodle-xml", ".xml"), ("qti", ".zip")])
def test_export(tmp_path, fmt, suffix):
    out = tmp_path / f"intro{suffix}"
    res = run("quiz", "export", "--format", fmt, "--chapter", "intro", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert f"wrote {out}" in res.stdout and "from intro" in res.stdout
    if fmt == "moodle-xml":
        root = ET.parse(out).getroot()
        assert sum(1 for q in root.findall("question") if q.get("type") != "category") == 11
    elif fmt == "qti":
        names = zipfile.ZipFile(out).namelist()
        assert "imsmanifest.xml" in names and "items/intro-paracentral-l4l5.xml" in names
    else:
        assert out.read_text(encoding="utf-8").count("::intro-") == 11


def test_export_default_name_and_stdout(tmp_path):
    res = run("quiz", "export", "--format", "gift", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "nerveroot-quiz.gift").is_file()
    res = run("quiz", "export", "--format", "gift", "--chapter", "anatomy", "--out", "-")
    assert res.stdout.count("::anatomy-") >= 10
    res = run("quiz", "export", "--format", "qti", "--out", "-")
    assert res.returncode == 1 and "zip" in res.stderr


def test_export_unknown_chapter():
    res = run("quiz", "export", "--format", "gift", "--chapter", "nope")
    assert res.returncode != 0 and "no bank for chapter(s) nope" in res.stderr


def test_sheet_variants_are_reproducible(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for out, seed in ((a, "5"), (b, "5"), (c, "6")):
        res = run("quiz", "sheet", "--chapter", "intro", "--chapter", "anatomy", "--seed", seed, "--count", "8",
                  "--format", "md,html", "--out", str(out))
        assert res.returncode == 0, res.stderr
    quiz_a = (a / "quiz-intro-anatomy-v5.md").read_text(encoding="utf-8")
    assert quiz_a == (b / "quiz-intro-anatomy-v5.md").read_text(encoding="utf-8")
    assert quiz_a != (c / "quiz-intro-anatomy-v6.md").read_text(encoding="utf-8")
    assert "*Variant 5*" in quiz_a
    key = (a / "key-intro-anatomy-v5.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^\d+\. \*\*Answers?: ", key, flags=re.M)) == 8
    assert len(re.findall(r"^\d+\. ", quiz_a, flags=re.M)) == 8
    assert (a / "key-intro-anatomy-v5.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_sheet_pdf(tmp_path, xelatex):
    res = run("quiz", "sheet", "--chapter", "intro", "--format", "pdf", "--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    for name in ("quiz-intro.pdf", "key-intro.pdf"):
        text = subprocess.run(["pdftotext", str(tmp_path / name), "-"], capture_output=True, text=True).stdout
        assert "Course overview" in text
    key = subprocess.run(["pdftotext", str(tmp_path / "key-intro.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Answer: B. L5" in key


def test_sheet_bad_count():
    res = run("quiz", "sheet", "--chapter", "intro", "--count", "500", "--format", "md", "--out", "/tmp/never")
    assert res.returncode == 2 and "--count must be between 1 and 11" in res.stderr
