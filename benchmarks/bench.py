"""`make bench`: how long the book takes to build and test, and what each page costs a reader.

Builds into its own folder (default /tmp/bench, never _build) and prints one table:

- clean HTML build (notebooks executed), cached rebuild with no change, cached rebuild after
  one notebook changed (in a copy of the working tree: the repository is never touched), nbval, PDF build;
- per page, measured in the Debian Chromium: bytes transferred (HTML + everything it loads),
  the page's own HTML+JS (its HTML plus scripts no other page loads: what is not shared and
  cached across pages), whether it loads plotly.js, and the time until the first figure is drawn
  (its face marked ``data-nr-ready~="plotly"``, assets/js/nr-core.js).

Times are medians over ``--runs`` runs (default 3).  Targets (issue 9): cached no-change rebuild
< 5 s; every page's own HTML+JS < 150 KB; no text page loads plotly.js.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
CHROMIUM = os.environ.get("NERVEROOT_CHROMIUM", "/usr/bin/chromium")
sys.path.insert(0, str(ROOT / "tests"))


def run(cmd: list[str], cwd: Path = ROOT, check: bool = True) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode and not check:
        last = [ln for ln in done.stdout.strip().splitlines() if ln.strip()][-1:]
        print(f"note: {' '.join(cmd[1:4])} ... failed (timed anyway): {last}", flush=True)
    elif done.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stdout[-3000:]}")
    return time.perf_counter() - t0


def snapshot(out: Path) -> Path:
    """A copy of the working tree to build and edit: the repository's files are never touched."""
    src = out / "src"
    shutil.rmtree(src, ignore_errors=True)
    ignore = shutil.ignore_patterns(".venv", "_build", ".git", ".pytest_cache", "__pycache__", "node_modules")
    shutil.copytree(ROOT, src, ignore=ignore)
    return src


def jb(out: Path, builder: str = "html") -> list[str]:
    return [str(BIN / "jupyter-book"), "build", ".", "--builder", builder, "-W", "-n", "--keep-going",
            "--path-output", str(out)]


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def build_times(out: Path, src: Path, runs: int, chapter: str) -> dict:
    res = {}
    shutil.rmtree(out / "_build", ignore_errors=True)
    res["clean HTML build (executes notebooks)"] = [run(jb(out), src)]
    res["cached rebuild, no change"] = [run(jb(out), src) for _ in range(runs)]
    path = src / chapter
    original = path.read_bytes()
    changed = []
    for i in range(runs):
        # a new line of text in the copy: Sphinx re-reads that notebook (and re-writes the pages
        # whose toc changes); its cells come from the execution cache as their code is unchanged
        path.write_bytes(original + f"\n\nBench edit {i}.\n".encode())
        changed.append(run(jb(out), src))
    path.write_bytes(original)
    res[f"cached rebuild, one notebook changed ({Path(chapter).name})"] = changed
    run(jb(out), src)
    return res


def nbval_time(runs: int) -> list[float]:
    cmd = [str(BIN / "python"), "-m", "pytest", "tests/notebooks", "--nbval-lax", "--nbval-current-env",
           "-p", "no:cacheprovider", "-q"]
    # a failing notebook is the test suite's business: it is timed anyway, and reported
    return [run(cmd, check=False) for _ in range(max(1, runs // 2))]


def pdf_time(out: Path, src: Path) -> list[float]:
    # like nbval: a chapter that breaks the PDF is the test suite's business; timed anyway
    return [run(jb(out, "pdflatex"), src, check=False)]


def page_costs(html: Path, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright
    from test_site_browser import toc_files

    from conftest import CHROMIUM_ARGS, PENDING_JS

    pages = [f"{f}.html" for f in toc_files()] + ["search.html", "genindex.html"]

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    loads: dict[str, dict[str, int]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in pages:
            if not (html / path).is_file():
                continue
            drawn, total = [], []
            for _ in range(runs):
                ctx = browser.new_context(viewport={"width": 1280, "height": 900})  # cold cache
                page = ctx.new_page()
                sizes: dict[str, int] = {}

                def on_finished(req, sizes=sizes):
                    try:
                        s = req.sizes()
                        sizes[req.url.split("?")[0]] = s["responseBodySize"] + s["responseHeadersSize"]
                    except Exception:
                        pass

                page.on("requestfinished", on_finished)
                t0 = time.perf_counter()
                page.goto(base + path)
                if page.locator(".nr-plotly").count():
                    page.wait_for_selector('[data-nr-ready~="plotly"] .nr-plotly', timeout=30000)
                    drawn.append((time.perf_counter() - t0) * 1000)
                try:  # a widget that never says it is ready is the browser suite's business
                    page.wait_for_function(f"({PENDING_JS})().length === 0", timeout=5000)
                except Exception:
                    pass
                page.wait_for_load_state("networkidle")
                total.append(sum(sizes.values()))
                loads[path] = {u[len(base):]: n for u, n in sizes.items()}
                ctx.close()
            rows.append({"page": path, "bytes": median(total), "drawn_ms": median(drawn) if drawn else None})
        browser.close()
    server.shutdown()
    # the page's own HTML+JS: its HTML, plus scripts that no other page loads
    counts: dict[str, int] = {}
    for urls in loads.values():
        for u in urls:
            counts[u] = counts.get(u, 0) + 1
    for row in rows:
        urls = loads[row["page"]]
        own = sum(n for u, n in urls.items() if u == row["page"] or (u.endswith(".js") and counts[u] == 1))
        row["own"] = own
        row["plotly"] = any("plotly" in u and u.endswith(".js") for u in urls)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="/tmp/bench", help="build folder (never _build)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--chapter", default="book/intro.md", help="the chapter to change for the rebuild timing")
    ap.add_argument("--skip-pdf", action="store_true")
    args = ap.parse_args()
    out = Path(args.out).resolve()
    if out == (ROOT / "_build").resolve() or out == ROOT.resolve():
        ap.error("--out must not be the repository's _build")

    src = snapshot(out)
    times = build_times(out, src, args.runs, args.chapter)
    print("builds:", {k: [round(x, 1) for x in v] for k, v in times.items()}, flush=True)
    times["nbval (tests/notebooks)"] = nbval_time(args.runs)
    if not args.skip_pdf:
        times["PDF build (XeLaTeX)"] = pdf_time(out, src)
    rows = page_costs(out / "_build" / "html", args.runs)

    print(f"\nnerveroot bench: {time.strftime('%Y-%m-%d %H:%M')} UTC, {os.cpu_count()} cores, "
          f"medians of {args.runs} runs\n")
    print("| step | seconds | runs |\n| --- | ---: | ---: |")
    for name, xs in times.items():
        print(f"| {name} | {median(xs):.1f} | {len(xs)} |")
    print("\n| page | transferred (KB) | own HTML+JS (KB) | plotly.js | first figure drawn (ms) |")
    print("| --- | ---: | ---: | --- | ---: |")
    for r in rows:
        drawn = f"{r['drawn_ms']:.0f}" if r["drawn_ms"] is not None else "-"
        print(f"| {r['page']} | {r['bytes'] / 1024:.0f} | {r['own'] / 1024:.0f} | "
              f"{'yes' if r['plotly'] else 'no'} | {drawn} |")
    fails = []
    nochange = median(times["cached rebuild, no change"])
    if nochange >= 5:
        fails.append(f"cached no-change rebuild {nochange:.1f} s >= 5 s")
    fails += [f"{r['page']}: own HTML+JS {r['own'] / 1024:.0f} KB >= 150 KB" for r in rows if r["own"] >= 150 * 1024]
    print("\ntargets:", "all met" if not fails else "; ".join(fails))
    return 0


if __name__ == "__main__":
    sys.exit(main())
