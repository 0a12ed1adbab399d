"""Lighthouse over every page of the built book, as GitHub Pages would serve it (issue 14).

Used by ``benchmarks/bench.py`` (``make bench``); never by the tests. It

- installs the npm package ``lighthouse`` (major version 12) into a cache outside the repository
  (``$XDG_CACHE_HOME/nerveroot-bench/lighthouse``, default ``~/.cache``) the first time, offline after;
- serves a built site on 127.0.0.1 with gzip for text files and ``Cache-Control: max-age=600``, as
  GitHub Pages does;
- builds a stock Jupyter Book 1 (default configuration, theme and plotly output) with the course's
  glossary text and with two plotly figures, as the reference;
- runs Lighthouse (mobile preset: slow 4G, 4x slower CPU; desktop preset) with the Debian Chromium
  (``CHROME_PATH``), one run at a time, several runs per page, and keeps the median run by
  performance score.

Lighthouse's throttling is simulated from a real, unthrottled load on this machine, so its numbers
move with the machine's load: each run waits (up to a limit) for the 1-minute load average to fall
below ``quiet_load`` and records it.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

LIGHTHOUSE_MAJOR = "12"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "nerveroot-bench" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")
TEXT_TYPES = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map", ".ttf", ".eot", ".ico")


# ---------------------------------------------------------------------------------- install


def lighthouse_bin() -> Path:
    """The lighthouse CLI of the cached npm install (installed on first use)."""
    binary = CACHE / "node_modules" / ".bin" / "lighthouse"
    package = CACHE / "node_modules" / "lighthouse" / "package.json"
    if binary.exists() and package.is_file() and \
            json.loads(package.read_text())["version"].split(".")[0] == LIGHTHOUSE_MAJOR:
        return binary
    npm = shutil.which("npm")
    if not npm:
        sys.exit("make bench needs npm to install Lighthouse: sudo apt-get install npm (Debian package npm)")
    CACHE.mkdir(parents=True, exist_ok=True)
    if not (CACHE / "package.json").is_file():
        (CACHE / "package.json").write_text('{"private": true}\n')
    print(f"installing lighthouse@{LIGHTHOUSE_MAJOR} into {CACHE} (once)", flush=True)
    subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", f"lighthouse@{LIGHTHOUSE_MAJOR}"],
                   cwd=CACHE, check=True)
    return binary


def lighthouse_version() -> str:
    return json.loads((CACHE / "node_modules" / "lighthouse" / "package.json").read_text())["version"]


# ---------------------------------------------------------------------------------- serving


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: text gzip-compressed, cacheable for 10 minutes."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if (os.path.isdir(path) or not path.endswith(TEXT_TYPES) or not os.path.isfile(path)
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        data = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


class Site:
    """``with Site(folder) as base_url:`` the folder served with gzip on 127.0.0.1."""

    def __init__(self, folder: Path):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                      functools.partial(GzipHandler, directory=str(folder)))

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------------------------- the stock book


STOCK_CONFIG = """title: Stock Jupyter Book
author: reference
execute:
  execute_notebooks: force
bibtex_bibfiles:
  - references.bib
"""

STOCK_FIGURES = '''---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  name: python3
  display_name: Python 3
  language: python
---

# Two plotly figures

The anatomy chapter's two figures, shown as a stock Jupyter Book shows a plotly figure (plotly.js
inline in the page; nothing from another host).

```{code-cell} ipython3
import plotly.io as pio
from nerveroot.figures.dermatomes import DermatomeMap
from nerveroot.figures.disc_explorer import DiscLevelExplorer
pio.renderers.default = "notebook"
DiscLevelExplorer().figure().show()
```

```{code-cell} ipython3
DermatomeMap().figure().show()
```
'''


def stock_glossary(source: str) -> str:
    """The course's glossary in plain MyST: the course's own roles become what stock MyST has."""
    text = re.sub(r"\{da\}`([^`]*)`", r"*\1*", source)
    return re.sub(r"\{doc\}`([^<`]*?)\s*<[^>]*>`", r"\1", text)


def build_stock_book(root: Path, out: Path, jupyter_book: Path) -> Path:
    """A stock Jupyter Book 1 (default theme and settings) with the glossary and two plotly figures."""
    src = out / "stock"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    (src / "_config.yml").write_text(STOCK_CONFIG)
    (src / "_toc.yml").write_text("format: jb-book\nroot: glossary\nchapters:\n  - file: figures\n")
    (src / "glossary.md").write_text(stock_glossary((root / "book" / "glossary.md").read_text(encoding="utf-8")))
    (src / "figures.md").write_text(STOCK_FIGURES)
    shutil.copy(root / "book" / "references.bib", src / "references.bib")
    done = subprocess.run([str(jupyter_book), "build", str(src)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    html = src / "_build" / "html"
    if done.returncode or not (html / "figures.html").is_file():
        sys.exit(f"the stock Jupyter Book did not build:\n{done.stdout[-3000:]}")
    return html


# ---------------------------------------------------------------------------------- running


def load_average() -> float:
    return os.getloadavg()[0]


def wait_for_quiet(quiet_load: float, max_wait: float) -> float:
    """Wait until the 1-minute load average is below ``quiet_load`` (at most ``max_wait`` s)."""
    t0 = time.time()
    while load_average() >= quiet_load and time.time() - t0 < max_wait:
        time.sleep(5)
    return load_average()


def run_once(binary: Path, url: str, preset: str, chromium: str, out: Path) -> dict:
    cmd = [str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=chromium)
    done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
    if done.returncode or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url} ({preset}): {done.stdout[-2000:]}")
    report = json.loads(out.read_text())
    audits, cats = report["audits"], report["categories"]
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {report['runtimeError']}")
    return {
        "scores": {c: round((cats[c]["score"] or 0) * 100) for c in CATEGORIES},
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "failed": sorted(k for k, a in audits.items()
                         if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"
                         and any(k in [r["id"] for r in cats[c]["auditRefs"]] for c in ("accessibility",
                                                                                          "best-practices"))),
    }


def median_run(runs: list[dict]) -> dict:
    """The run with the median performance score (ties: the median LCP), as reported."""
    ordered = sorted(runs, key=lambda r: (r["scores"]["performance"], -r["lcp"]))
    chosen = dict(ordered[len(ordered) // 2])
    chosen["all_performance"] = [r["scores"]["performance"] for r in runs]
    chosen["load"] = statistics.median(r["load"] for r in runs)
    return chosen


def measure(pages: list[tuple[str, str]], runs: int, chromium: str, out: Path, quiet_load: float,
            max_wait: float) -> list[dict]:
    """``pages``: (label, url). Returns a row per page with the median mobile and desktop runs."""
    binary = lighthouse_bin()
    reports = out / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    rows = []
    for label, url in pages:
        row = {"page": label}
        for preset in ("mobile", "desktop"):
            results = []
            for i in range(runs):
                load = wait_for_quiet(quiet_load, max_wait)
                safe = re.sub(r"[^a-zA-Z0-9]+", "_", label)
                result = run_once(binary, url, preset, chromium, reports / f"{safe}-{preset}-{i}.json")
                result["load"] = load
                results.append(result)
            row[preset] = median_run(results)
            m = row[preset]
            print(f"  {label:36s} {preset:7s} perf {m['scores']['performance']:3d} "
                  f"{m['all_performance']} LCP {m['lcp'] / 1000:.1f}s TBT {m['tbt']:.0f}ms CLS {m['cls']:.3f} "
                  f"{m['kib']:.0f} KiB a11y {m['scores']['accessibility']} bp {m['scores']['best-practices']} "
                  f"load {m['load']:.1f}", flush=True)
        rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| page | mobile | LCP | TBT | CLS | KiB | desktop | LCP | TBT | CLS | a11y | best pr. |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        m, d = r["mobile"], r["desktop"]
        a11y = min(m["scores"]["accessibility"], d["scores"]["accessibility"])
        bp = min(m["scores"]["best-practices"], d["scores"]["best-practices"])
        lines.append(f"| {r['page']} | {m['scores']['performance']} | {m['lcp'] / 1000:.1f} s | {m['tbt']:.0f} ms | "
                     f"{m['cls']:.3f} | {m['kib']:.0f} | {d['scores']['performance']} | {d['lcp'] / 1000:.2f} s | "
                     f"{d['tbt']:.0f} ms | {d['cls']:.3f} | {a11y} | {bp} |")
    return "\n".join(lines)


def misses(rows: list[dict], course_labels: set[str]) -> list[str]:
    """The targets (issue 14) a course page misses: mobile >= 90, desktop >= 98, a11y and best practices 100."""
    out = []
    for r in rows:
        if r["page"] not in course_labels:
            continue
        m, d = r["mobile"], r["desktop"]
        if m["scores"]["performance"] < 90:
            out.append(f"{r['page']}: mobile {m['scores']['performance']} < 90")
        if d["scores"]["performance"] < 98:
            out.append(f"{r['page']}: desktop {d['scores']['performance']} < 98")
        for cat in ("accessibility", "best-practices"):
            worst = min(m["scores"][cat], d["scores"][cat])
            if worst < 100:
                out.append(f"{r['page']}: {cat} {worst} ({', '.join(m['failed'] or d['failed'])})")
    return out
