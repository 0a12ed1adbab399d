"""The headless Chromium behind every PNG print face, found fast or reported at once.

A print face as a picture (:class:`nerveroot.display.PngPrint`) is drawn by kaleido, which
drives a Chromium-based browser.  Only the PDF, the handout and a Jupyter front end that
explicitly asks for ``image/png`` need one; the HTML book never does.

Kaleido alone fails badly without a browser: it raises ``ChromeNotFoundError`` in its own
thread while the caller waits forever.  So this module

1. looks for the browser *before* starting kaleido (:func:`find_chromium`) and, if there is
   none, raises :class:`BrowserMissing` at once, naming the Debian package and the command
   that installs it;
2. starts kaleido in a thread of its own and waits at most :func:`start_timeout` seconds
   (``NERVEROOT_BROWSER_TIMEOUT``, default 20) for it, and at most :data:`RENDER_TIMEOUT`
   seconds for any one picture; a browser that does not answer raises :class:`BrowserFailed`.

Lookup order: ``NERVEROOT_CHROMIUM`` (also used by the test suite), ``BROWSER_PATH``
(kaleido's own variable), then whatever kaleido would find (``chromium``, ``chromium-browser``,
``google-chrome``... on ``PATH``, the usual install locations, a copy from ``kaleido_get_chrome``).
"""

from __future__ import annotations

import asyncio
import os
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from queue import Empty, Queue
from typing import Any

#: The Debian package that provides the browser, and how to install it.
DEBIAN_PACKAGE = "chromium"
INSTALL_COMMAND = f"sudo apt-get install {DEBIAN_PACKAGE}"
#: Environment variables naming a browser explicitly (ours first, then kaleido's).
PATH_ENV = ("NERVEROOT_CHROMIUM", "BROWSER_PATH")
TIMEOUT_ENV = "NERVEROOT_BROWSER_TIMEOUT"
DEFAULT_START_TIMEOUT = 20.0
RENDER_TIMEOUT = 120.0


class BrowserMissing(RuntimeError):
    """No Chromium to draw a PNG with (the message says how to install one)."""


class BrowserFailed(RuntimeError):
    """A Chromium was found but did not start or did not answer in time."""


def _help(why: str) -> str:
    return (f"{why} A PNG print face (the PDF, the handout, or image/png asked for in Jupyter) is drawn by a "
            f"headless Chromium. Install the Debian package '{DEBIAN_PACKAGE}': {INSTALL_COMMAND} "
            "('make pdf', 'make handout' and 'make test' install it themselves when run as root). "
            "The HTML book ('make book') needs no browser.")


def _is_executable(path: str | os.PathLike) -> bool:
    p = Path(path)
    return p.is_file() and os.access(p, os.X_OK)


def find_chromium() -> str:
    """Path of the browser kaleido will use; :class:`BrowserMissing` (instantly) if there is none."""
    for var in PATH_ENV:
        value = os.environ.get(var)
        if value:
            if _is_executable(value):
                return value
            raise BrowserMissing(_help(f"{var}={value!r} is not an executable browser."))
    try:
        from choreographer.browsers.chromium import Chromium

        found = Chromium.find_browser(skip_local=False)
    except ImportError:  # pragma: no cover - kaleido (and choreographer) are in requirements.txt
        import shutil

        found = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
                     None)
    if found and _is_executable(found):
        return str(found)
    raise BrowserMissing(_help("No Chromium-based browser was found (looked for chromium, chromium-browser, "
                               "google-chrome on PATH and in the usual places)."))


def start_timeout() -> float:
    """Seconds to wait for the browser to start (``NERVEROOT_BROWSER_TIMEOUT``, default 20)."""
    value = os.environ.get(TIMEOUT_ENV)
    if not value:
        return DEFAULT_START_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"{TIMEOUT_ENV}={value!r} is not a number of seconds") from None
    if seconds <= 0:
        raise ValueError(f"{TIMEOUT_ENV} must be positive, not {value!r}")
    return seconds


class _Renderer:
    """One kaleido browser per process, in its own thread and event loop, with time limits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: Any = None
        self._failure: Exception | None = None

    def _start(self) -> None:
        path = find_chromium()  # instant, before any thread or process is started
        import kaleido

        ready: Queue = Queue(maxsize=1)
        loop = asyncio.new_event_loop()
        holder: dict[str, Any] = {}

        async def open_browser():
            # mathjax=False: no request to a CDN (the course has no maths in figures);
            # plotly.js comes from the installed plotly package, not the network.
            k = kaleido.Kaleido(path=path, mathjax=False)
            holder["kaleido"] = k
            await k.open()
            return k

        def run() -> None:
            asyncio.set_event_loop(loop)
            task = loop.create_task(open_browser())
            holder["task"] = task
            try:
                ready.put(loop.run_until_complete(task))
            except BaseException as err:  # noqa: BLE001 - reported to the waiting caller
                ready.put(err)
                return
            loop.run_forever()  # serve render requests until the process ends

        thread = threading.Thread(target=run, name="nerveroot-kaleido", daemon=True)
        thread.start()
        timeout = start_timeout()
        try:
            result = ready.get(timeout=timeout)
        except Empty:
            task = holder.get("task")
            if task is not None:
                loop.call_soon_threadsafe(task.cancel)
            self._kill(holder.get("kaleido"))
            raise BrowserFailed(_help(f"The browser {path} did not start within {timeout:g} s.")) from None
        if isinstance(result, BaseException):
            self._kill(holder.get("kaleido"))
            raise BrowserFailed(_help(f"The browser {path} could not be started: {result!r}.")) from result
        self._loop, self._kaleido = loop, result

    @staticmethod
    def _kill(k: Any) -> None:
        """Stop a browser that did not start properly (it runs in a session of its own)."""
        proc = getattr(k, "subprocess", None)
        if proc is None or proc.poll() is not None:
            return
        try:
            if os.name == "posix":
                import signal

                os.killpg(proc.pid, signal.SIGKILL)
            else:  # pragma: no cover
                proc.kill()
        except (ProcessLookupError, PermissionError):
            proc.kill()
        try:
            proc.wait(timeout=5)
        except Exception:  # noqa: BLE001 - best effort; the error about the browser matters more
            pass

    def png(self, fig_json: dict, opts: dict) -> bytes:
        with self._lock:
            if self._failure is not None:  # fail fast again: never wait twice for a broken browser
                raise type(self._failure)(str(self._failure))
            if self._kaleido is None:
                try:
                    self._start()
                except (BrowserMissing, BrowserFailed) as err:
                    self._failure = err
                    raise
        future = asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(fig_json, opts=opts), self._loop)
        try:
            return future.result(timeout=RENDER_TIMEOUT)
        except FutureTimeout:
            future.cancel()
            raise BrowserFailed(_help(f"The browser did not draw a figure within {RENDER_TIMEOUT:g} s.")) from None

    def reset(self) -> None:
        """Forget a failure (or a running browser), so the next PNG tries again (for tests)."""
        with self._lock:
            if self._kaleido is not None and self._loop is not None:
                fut = asyncio.run_coroutine_threadsafe(self._kaleido.close(), self._loop)
                try:
                    fut.result(timeout=10)
                except Exception:  # noqa: BLE001 - best effort
                    self._kill(self._kaleido)
                self._loop.call_soon_threadsafe(self._loop.stop)
            self._loop = self._kaleido = self._failure = None


_renderer = _Renderer()


def figure_png(fig, width: int, height: int, scale: float = 2.0) -> bytes:
    """A plotly figure as PNG at a fixed pixel size (``width*scale`` x ``height*scale``)."""
    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    return _renderer.png(fig.to_plotly_json(), opts)


def reset() -> None:
    """Drop the browser and any remembered failure (used by tests)."""
    _renderer.reset()
