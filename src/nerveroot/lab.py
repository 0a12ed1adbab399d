"""``make lab`` / ``nerveroot lab``: JupyterLab on the course, ready for an instructor.

What "ready" means, and where each part is set:

* the chapters (MyST Markdown, ``book/*.md``) open as notebooks on a double-click:
  jupytext's *Jupytext Notebook* is the default viewer of Markdown files;
* the course kernel starts without a dialog: the chapters name the kernel ``python3``,
  and the project's ``.venv`` installs a kernelspec of that name ("Python 3 (nerveroot)"),
  which comes first on the venv's Jupyter path; a notebook starts it by itself;
* running a chapter never changes it: no autosave (saving is the author's decision), and the
  checkpoints JupyterLab keeps go to ``_build/lab-checkpoints/``, not into ``book/``;
* no news prompt, no update check, no extension manager: nothing is fetched from the
  network, by the browser or by the server;
* it runs as root too (containers, CI machines): ``--allow-root`` is given only then.

The settings are written into the virtual environment JupyterLab runs from
(``<prefix>/share/jupyter/lab/settings/overrides.d/nerveroot.json`` for the front end,
``<prefix>/etc/jupyter/jupyter_lab_config.json`` for the server), never into
the user's own ``~/.jupyter``: a setting the user chose in JupyterLab still wins, because
overrides only change defaults.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import socket
import sys
from pathlib import Path

from .paths import repo_root

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8888

#: Front-end defaults (JupyterLab's "overrides"): the user's own settings still win.
LAB_OVERRIDES: dict[str, dict] = {
    "@jupyterlab/docmanager-extension:plugin": {
        "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"},
        # Running a chapter must not rewrite it: jupytext would save the chapter in its own style
        # (front matter, blank lines). An instructor who edits a chapter saves it on purpose.
        "autosave": False,
    },
    # no "Would you like to receive official Jupyter news?" prompt, no update check
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    # the extension manager would search PyPI
    "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False},
}

#: Server settings (jupyter_server config): nothing fetched by the server either.
SERVER_CONFIG: dict[str, dict] = {
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
        "extension_manager": "readonly",
    },
}

CONFIG_NAME = "nerveroot.json"


class LaunchError(Exception):
    """A problem the user can fix (a port, a chapter name); the message says how."""


def settings_files(prefix: str | os.PathLike | None = None) -> dict[Path, dict]:
    """The files :func:`install_settings` writes, with their content."""
    base = Path(prefix or sys.prefix)
    return {
        base / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / CONFIG_NAME: LAB_OVERRIDES,
        # read by `jupyter lab` (jupyter_server_config.d/ only enables extensions)
        base / "etc" / "jupyter" / "jupyter_lab_config.json": SERVER_CONFIG,
    }


def install_settings(prefix: str | os.PathLike | None = None) -> list[Path]:
    """Write the course's JupyterLab settings into the environment at ``prefix`` (default: this one).

    Idempotent; returns the files that changed.
    """
    changed = []
    for path, ours in settings_files(prefix).items():
        content = {}
        if path.is_file():  # keep what else is there (jupyter_lab_config.json may hold more)
            try:
                content = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                raise LaunchError(f"{path} is not valid JSON: fix or delete it, then try again") from None
        for section, values in ours.items():
            content[section] = {**content.get(section, {}), **values}
        text = json.dumps(content, indent=2, sort_keys=True) + "\n"
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        changed.append(path)
    return changed


def parse_port(value: str | int | None, command: str) -> int:
    """A port number from the command line or ``make ... PORT=``, or a message saying what to give."""
    text = "" if value is None else str(value).strip()
    if not text:
        raise LaunchError(f"no port given: PORT is empty. Give a number, e.g. '{command} PORT=8890'.")
    try:
        port = int(text)
    except ValueError:
        raise LaunchError(f"PORT={text} is not a port number: give a number from 1024 to 65535, "
                          f"e.g. '{command} PORT=8890'.") from None
    if not 1 <= port <= 65535:
        raise LaunchError(f"PORT={port} is out of range: give a number from 1024 to 65535, "
                          f"e.g. '{command} PORT=8890'.")
    return port


def check_port(host: str, port: int, command: str) -> None:
    """Fail with a clear message if ``host:port`` cannot be listened on (in use, or not allowed)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        # the same option servers use, so a port in TIME_WAIT after a restart is not "in use"
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise LaunchError(f"port {port} on {host} is in use (another server, or an earlier "
                                  f"'{command}' still running?). Stop it, or choose another port: "
                                  f"'{command} PORT={port + 1}'.") from None
            if exc.errno == errno.EACCES:
                raise LaunchError(f"port {port} needs administrator rights; choose a port from 1024 "
                                  f"to 65535: '{command} PORT=8890'.") from None
            raise LaunchError(f"cannot listen on {host}:{port} ({exc.strerror}); "
                              f"check HOST, or choose another port: '{command} PORT=8890'.") from None


def root_flags() -> list[str]:
    """``--allow-root`` when running as root, as in containers and on CI machines."""
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def lab_command(host: str, port: int, *, open_browser: bool = True, chapter: str | None = "intro",
                root: Path | None = None, extra: list[str] | None = None) -> list[str]:
    """The ``jupyter lab`` command line: the course folder as the root, a chapter open.

    ``extra`` options go to ``jupyter lab`` as they are (e.g. ``--LabApp.expose_app_in_browser=True``).
    """
    root = root or repo_root()
    page = [f"book/{chapter}.md"] if chapter else []
    if page and not (root / page[0]).is_file():
        chapters = sorted(p.stem for p in (root / "book").glob("*.md"))
        raise LaunchError(f"no chapter {chapter!r}; chapters: {', '.join(chapters)}")
    return [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.ip={host}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",  # never move silently to another port
        # JupyterLab keeps a checkpoint folder beside every file it opens; keep them out of the book
        f"--FileCheckpoints.checkpoint_dir={root / '_build' / 'lab-checkpoints'}",
        f"--ServerApp.open_browser={open_browser}",
        *root_flags(),
        *(extra or []),
        *page,
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nerveroot lab", description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    args, extra = parser.parse_known_args(argv)
    args.extra = extra
    return run(args)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", default=str(DEFAULT_PORT), help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("--chapter", default="intro", help="chapter to open first (default: intro)")


def run(args) -> int:
    command = "make lab"
    try:
        port = parse_port(args.port, command)
        check_port(args.host, port, command)
        cmd = lab_command(args.host, port, open_browser=not args.no_browser, chapter=args.chapter,
                          extra=getattr(args, "extra", None))
        changed = install_settings()
    except LaunchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in changed:
        print(f"JupyterLab settings for the course: {path}")
    print(f"JupyterLab on the course: http://{args.host}:{port}/lab (the address with its token follows; "
          "Ctrl-C to stop)", flush=True)
    os.execv(cmd[0], cmd)
    return 0  # pragma: no cover - execv does not return


if __name__ == "__main__":
    sys.exit(main())
