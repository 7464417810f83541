"""Time each page in a real browser: from clicking its link in the sidebar to its last chart drawn.

Starts ``streamlit run app.py`` on a free loopback port against a database (the demo by default), opens
``/`` in Debian's headless Chromium (Playwright), then clicks every page in turn twice: the first pass
is the cold cache (a fresh server: every indicator view is read from DuckDB), the second the warm one
(st.cache_data holds the reads). "Drawn" means: the page's own h1 is shown, Streamlit's running
indicator has gone and every Plotly chart has its SVG.

    python bench/bench_pages.py [--db PATH] [--passes N] [--screenshots DIR]

Prints one line per page and pass, in seconds. The aim (issue 7) is under one second warm.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cscdash.navigation import PAGES  # noqa: E402
from tests.browser.server import CHROMIUM_ARGS, stop_server  # noqa: E402  (as the browser tests start them)

CHROMIUM = "/usr/bin/chromium"
DRAWN = """(title) => {
    const h1 = document.querySelector('[data-testid="stMain"] h1');
    if (!h1 || h1.innerText.trim() !== title) return false;
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
        if (!plot.querySelector('.main-svg')) return false;
    }
    return true;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_path: str | None) -> tuple[subprocess.Popen, str]:
    """A headless Streamlit server on a free port; returns the process and its URL."""
    port = _free_port()
    env = dict(os.environ)
    if db_path:
        env["CSCDASH_DB"] = db_path
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.address=127.0.0.1",
            f"--server.port={port}",
            "--server.headless=true",
            "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
            "--client.toolbarMode=viewer",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit did not start")


def open_app(page, url: str, timeout_ms: int) -> float:
    """Open ``/`` and wait for its first page to be drawn; then show the whole navigation (a long one is
    cut to its first pages behind a "View N more" button). Returns the seconds to the first page drawn."""
    start = time.perf_counter()
    page.goto(url + "/", wait_until="domcontentloaded")
    page.wait_for_function(DRAWN, arg=PAGES[0].title, timeout=timeout_ms)
    opened = time.perf_counter() - start
    more = page.locator('[data-testid="stSidebarNavViewButton"]')
    if more.count() and "more" in more.inner_text():
        more.click()
    return opened


def click_and_time(page, title: str, timeout_ms: int) -> float:
    """Seconds from clicking the page's sidebar link to its last chart drawn."""
    link = page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first
    start = time.perf_counter()
    if link.is_visible():
        link.click()
    else:  # Present mode hides the sidebar: the hidden link's own click event is the same in-app switch
        link.dispatch_event("click")
    page.wait_for_function(DRAWN, arg=title, timeout=timeout_ms, polling=20)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file (default: the app's default, built if missing)")
    parser.add_argument("--passes", type=int, default=3, help="warm passes after the cold one")
    parser.add_argument("--screenshots", type=Path, help="save a PNG of every page (warm) here")
    parser.add_argument("--timeout", type=int, default=600, help="seconds to wait for one page")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    proc, url = start_server(args.db)
    results: dict[str, dict[str, list[float]]] = {p.title: {"cold": [], "warm": []} for p in PAGES}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            # the first page's cold figure is opening "/" itself (no link to click yet)
            results[PAGES[0].title]["cold"].append(open_app(page, url, args.timeout * 1000))
            order = list(PAGES[1:]) + [PAGES[0]]
            for spec in order[:-1]:
                results[spec.title]["cold"].append(click_and_time(page, spec.title, args.timeout * 1000))
            for _ in range(args.passes):
                for spec in order:
                    results[spec.title]["warm"].append(click_and_time(page, spec.title, args.timeout * 1000))
                    if args.screenshots:
                        args.screenshots.mkdir(parents=True, exist_ok=True)
                        page.screenshot(path=str(args.screenshots / f"{spec.key}.png"))
            browser.close()
    finally:
        stop_server(proc)
    print(f"{'page':<20} {'cold (s)':>9} {'warm median (s)':>16} {'warm max (s)':>13}")
    for title, times in results.items():
        warm = times["warm"]
        print(
            f"{title:<20} {times['cold'][0]:>9.2f} {statistics.median(warm) if warm else float('nan'):>16.2f}"
            f" {max(warm) if warm else float('nan'):>13.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
