"""`make bench`: how long the book takes to build and test, and what each page costs a reader.

Builds into its own folder (default /tmp/bench, never _build) and prints one table:

- clean HTML build (notebooks executed), cached rebuild with no change, cached rebuild after
  one notebook changed (in a copy of the working tree: the repository is never touched), nbval, PDF build;
- per page, measured in the Debian Chromium: bytes transferred (HTML + everything it loads),
  the page's own HTML+JS (its HTML plus scripts no other page loads: what is not shared and
  cached across pages), whether arriving loads plotly.js, and, after scrolling to the first figure,
  the time until it is drawn and how long the main thread was blocked meanwhile (plotly.js is
  loaded then: assets/js/nr-plotly.js);
- Lighthouse 12 (benchmarks/lighthouse_bench.py) over every page, mobile and desktop, served with gzip as
  GitHub Pages serves it, with a stock Jupyter Book 1 built in the same run as the reference.

Times are medians over ``--runs`` runs (default 3), Lighthouse results the median of ``--lh-runs``.
Targets (issue 9): cached no-change rebuild < 5 s; every page's own HTML+JS < 150 KB; no page loads
plotly.js on arrival.  Issue 14: every page at Lighthouse mobile >= 90, desktop >= 98, accessibility
and best practices 100.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
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
sys.path.insert(0, str(ROOT / "benchmarks"))


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


def editions() -> list[str]:
    """The languages of the other editions (nerveroot.i18n)."""
    from nerveroot.i18n import DEFAULT_LANG, languages

    return [lang for lang in languages() if lang != DEFAULT_LANG]


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


#: After scrolling to the first figure: ms until it is drawn, and the main thread's blocking time
#: meanwhile (the part of each long task over 50 ms, as Lighthouse counts it).
DRAW_AFTER_SCROLL = """async () => {
  const fig = document.querySelector('figure.nr-figure');
  let blocked = 0;
  const obs = new PerformanceObserver(l => { for (const e of l.getEntries()) blocked += Math.max(0, e.duration - 50); });
  obs.observe({type: 'longtask'});
  const t0 = performance.now();
  fig.scrollIntoView({block: 'center'});
  await new Promise((resolve, reject) => {
    const check = () => fig.dataset.nrState === 'drawn' ? resolve()
      : fig.dataset.nrState === 'failed' ? reject(new Error('figure failed')) : setTimeout(check, 10);
    check();
  });
  const ms = performance.now() - t0;
  await new Promise(r => setTimeout(r, 100));
  obs.disconnect();
  return {ms, blocked};
}"""


def page_costs(html: Path, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright
    from test_site_browser import site_pages

    from conftest import CHROMIUM_ARGS, PENDING_JS

    pages = [p for p in site_pages() if (html / p).is_file()]

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
            drawn, blocked, total = [], [], []
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
                page.goto(base + path)
                try:  # a widget that never says it is ready is the browser suite's business
                    page.wait_for_function(f"({PENDING_JS})().length === 0", timeout=5000)
                except Exception:
                    pass
                page.wait_for_load_state("networkidle")
                arrival = dict(sizes)
                if page.locator("figure.nr-figure").count():
                    cost = page.evaluate(DRAW_AFTER_SCROLL)
                    drawn.append(cost["ms"])
                    blocked.append(cost["blocked"])
                total.append(sum(arrival.values()))
                loads[path] = {u[len(base):]: n for u, n in arrival.items()}
                ctx.close()
            rows.append({"page": path, "bytes": median(total), "drawn_ms": median(drawn) if drawn else None,
                         "blocked_ms": median(blocked) if blocked else None})
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
        row["plotly"] = any("plotly-basic" in u for u in urls)
    return rows


def lighthouse(out: Path, html: Path, args) -> tuple[list[dict], list[str]]:
    """Lighthouse over every page of the book and two pages of a stock Jupyter Book 1."""
    import lighthouse_bench as lh
    from test_site_browser import site_pages

    lh.lighthouse_bin()
    stock = lh.build_stock_book(ROOT, out, BIN / "jupyter-book")
    course = [p for p in site_pages() if (html / p).is_file()]
    print(f"\nLighthouse {lh.lighthouse_version()}: {len(course)} course pages and 2 stock pages, mobile and "
          f"desktop, median of {args.lh_runs} runs each", flush=True)
    with lh.Site(html) as base:
        rows = lh.measure([(p, base + p) for p in course], args.lh_runs, CHROMIUM, out, args.quiet_load,
                          args.max_wait)
    with lh.Site(stock) as base:
        rows += lh.measure([("stock JB1: glossary text", base + "glossary.html"),
                            ("stock JB1: two plotly figures", base + "figures.html")],
                           args.lh_runs, CHROMIUM, out, args.quiet_load, args.max_wait)
    (out / "lighthouse.json").write_text(json.dumps(rows, indent=1))
    return rows, lh.misses(rows, set(course))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="/tmp/bench", help="build folder (never _build)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--chapter", default="book/intro.md", help="the chapter to change for the rebuild timing")
    ap.add_argument("--skip-pdf", action="store_true")
    ap.add_argument("--quick", action="store_true",
                    help="one clean HTML build, no rebuild, nbval or PDF timings (for the page measurements)")
    ap.add_argument("--no-lighthouse", action="store_true")
    ap.add_argument("--lh-runs", type=int, default=3, help="Lighthouse runs per page and preset (median kept)")
    ap.add_argument("--quiet-load", type=float, default=1.5,
                    help="wait before each Lighthouse run until the 1-minute load average is below this")
    ap.add_argument("--max-wait", type=float, default=300, help="the longest wait for a quiet machine, seconds")
    args = ap.parse_args()
    out = Path(args.out).resolve()
    if out == (ROOT / "_build").resolve() or out == ROOT.resolve():
        ap.error("--out must not be the repository's _build")

    # the page list of the browser suite (tests/test_site_browser.py), read from this build
    os.environ["NERVEROOT_HTML"] = str(out / "_build" / "html")
    src = snapshot(out)
    if args.quick:
        shutil.rmtree(out / "_build", ignore_errors=True)
        times = {"clean HTML build (executes notebooks)": [run(jb(out), src)]}
    else:
        times = build_times(out, src, args.runs, args.chapter)
        print("builds:", {k: [round(x, 1) for x in v] for k, v in times.items()}, flush=True)
        times["nbval (tests/notebooks)"] = nbval_time(args.runs)
        if not args.skip_pdf:
            times["PDF build (XeLaTeX)"] = pdf_time(out, src)
    html = out / "_build" / "html"
    for lang in editions():  # the other editions beside the English book, as make book builds them
        times[f"clean HTML build, {lang} edition"] = [run(
            [str(BIN / "python"), "-m", "nerveroot.build", "html", "--lang", lang, "--out", str(html / lang)], src)]
    rows = page_costs(html, args.runs)
    lh_rows, lh_misses = ([], []) if args.no_lighthouse else lighthouse(out, html, args)

    print(f"\nnerveroot bench: {time.strftime('%Y-%m-%d %H:%M')} UTC, {os.cpu_count()} cores, "
          f"medians of {args.runs} runs\n")
    print("| step | seconds | runs |\n| --- | ---: | ---: |")
    for name, xs in times.items():
        print(f"| {name} | {median(xs):.1f} | {len(xs)} |")
    print("\n| page | transferred (KB) | own HTML+JS (KB) | plotly.js on arrival | first figure drawn after "
          "scrolling to it (ms) | main thread blocked meanwhile (ms) |")
    print("| --- | ---: | ---: | --- | ---: | ---: |")
    for r in rows:
        drawn = f"{r['drawn_ms']:.0f}" if r["drawn_ms"] is not None else "-"
        blocked = f"{r['blocked_ms']:.0f}" if r["blocked_ms"] is not None else "-"
        print(f"| {r['page']} | {r['bytes'] / 1024:.0f} | {r['own'] / 1024:.0f} | "
              f"{'yes' if r['plotly'] else 'no'} | {drawn} | {blocked} |")
    if lh_rows:
        import lighthouse_bench as lh

        loads = [r[p]["load"] for r in lh_rows for p in ("mobile", "desktop")]
        print(f"\nLighthouse {lh.lighthouse_version()}, served with gzip; median of {args.lh_runs} runs; "
              f"1-minute load average at the runs: median {statistics.median(loads):.1f}, max {max(loads):.1f}\n")
        print(lh.table(lh_rows))
    fails = []
    if "cached rebuild, no change" in times:
        nochange = median(times["cached rebuild, no change"])
        if nochange >= 5:
            fails.append(f"cached no-change rebuild {nochange:.1f} s >= 5 s")
    fails += [f"{r['page']}: own HTML+JS {r['own'] / 1024:.0f} KB >= 150 KB" for r in rows if r["own"] >= 150 * 1024]
    fails += [f"{r['page']}: plotly.js loaded on arrival" for r in rows if r["plotly"]]
    fails += lh_misses
    print("\ntargets:", "all met" if not fails else "; ".join(fails))
    return 0


if __name__ == "__main__":
    sys.exit(main())
