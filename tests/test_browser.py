"""A PNG print face without a usable Chromium fails at once with a clear message, never hangs."""

import os
import time

import pytest

from nerveroot import browser
from nerveroot.display import BUILD_ENV, FaceError
from nerveroot.figures.dermatomes import DermatomeMap

#: What the issue allows; the missing-browser case is meant to be near-instant.
BOUND = 30


@pytest.fixture()
def fresh_renderer(monkeypatch):
    """A renderer with no browser started and no failure remembered, before and after the test."""
    for var in (*browser.PATH_ENV, BUILD_ENV, browser.TIMEOUT_ENV):
        monkeypatch.delenv(var, raising=False)
    browser.reset()
    yield
    browser.reset()


@pytest.fixture()
def no_browser(fresh_renderer, monkeypatch, tmp_path):
    """As on a machine without Chromium: nothing on PATH, nothing in the usual places."""
    from choreographer.browsers.chromium import Chromium

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(Chromium, "find_browser", classmethod(lambda cls, **kw: None))


def assert_names_the_package(message: str) -> None:
    assert "'chromium'" in message
    assert "sudo apt-get install chromium" in message
    assert "make book" in message  # and says the HTML book does not need it


def test_the_html_face_needs_no_browser_and_is_fast(no_browser):
    start = time.monotonic()
    bundle = DermatomeMap()._repr_mimebundle_(include={"text/html"})
    assert set(bundle) == {"text/html"}
    assert time.monotonic() - start < 2


def test_asking_for_a_png_without_a_browser_fails_at_once(no_browser):
    start = time.monotonic()
    with pytest.raises(browser.BrowserMissing) as err:
        DermatomeMap()._repr_mimebundle_(include={"image/png"})
    assert time.monotonic() - start < 5
    assert_names_the_package(str(err.value))
    # and again, just as fast
    start = time.monotonic()
    with pytest.raises(browser.BrowserMissing):
        DermatomeMap().print_png()
    assert time.monotonic() - start < 2


def test_the_pdf_build_without_a_browser_fails_at_once(no_browser, monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "latex")
    start = time.monotonic()
    with pytest.raises(FaceError) as err:  # stops the notebook's cell: the build reports it, caches nothing
        DermatomeMap()._repr_mimebundle_()
    assert time.monotonic() - start < 5
    assert str(err.value).startswith("BrowserMissing: ")
    assert_names_the_package(str(err.value))


def test_a_browser_variable_that_points_nowhere_is_named(fresh_renderer, monkeypatch, tmp_path):
    monkeypatch.setenv("NERVEROOT_CHROMIUM", str(tmp_path / "no-such-browser"))
    with pytest.raises(browser.BrowserMissing, match="NERVEROOT_CHROMIUM=") as err:
        browser.find_chromium()
    assert_names_the_package(str(err.value))


def test_a_browser_that_never_answers_fails_within_the_time_limit(fresh_renderer, monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    pid_file = tmp_path / "pid"
    fake.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 60\n")
    fake.chmod(0o755)
    monkeypatch.setenv("NERVEROOT_CHROMIUM", str(fake))
    monkeypatch.setenv(browser.TIMEOUT_ENV, "2")
    start = time.monotonic()
    with pytest.raises(browser.BrowserFailed, match="did not start within 2 s") as err:
        DermatomeMap().print_png()
    elapsed = time.monotonic() - start
    assert elapsed < BOUND and elapsed < 10
    assert_names_the_package(str(err.value))
    # the hung process is not left behind
    deadline = time.monotonic() + 5
    pid = int(pid_file.read_text()) if pid_file.exists() else None
    while pid is not None and time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        if pid is not None:
            pytest.fail(f"the fake browser (pid {pid}) is still running")


def test_the_default_start_timeout_keeps_within_the_bound(monkeypatch):
    monkeypatch.delenv(browser.TIMEOUT_ENV, raising=False)
    assert browser.start_timeout() < BOUND
    monkeypatch.setenv(browser.TIMEOUT_ENV, "soon")
    with pytest.raises(ValueError, match="NERVEROOT_BROWSER_TIMEOUT"):
        browser.start_timeout()
