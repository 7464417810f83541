"""What one app replica holds in memory: a fresh ``streamlit run app.py`` on a database, every page of the
navigation opened once in headless Chromium (so every cache a page fills is filled), then the server's
resident memory (VmRSS and its peak, VmHWM, from /proc). The figure a replica behind a load balancer
needs (README: "Running for many users").

    python bench/bench_replica_memory.py [--db PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_pages import start_server  # noqa: E402
from cscdash.navigation import PAGES  # noqa: E402
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, stop_server, wait_rendered  # noqa: E402


def _memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process and its children (streamlit may fork none), in MB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    proc, url = start_server(args.db)
    try:
        idle = _memory_mb(proc.pid)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for index, spec in enumerate(PAGES):
                page.goto(f"{url}/{'' if index == 0 else spec.url_path}", wait_until="domcontentloaded")
                wait_rendered(page, spec.title)
            browser.close()
        served = _memory_mb(proc.pid)
    finally:
        stop_server(proc)
    print(f"started:               RSS {idle['VmRSS']:.0f} MB")
    print(f"every page opened once: RSS {served['VmRSS']:.0f} MB, peak {served['VmHWM']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
