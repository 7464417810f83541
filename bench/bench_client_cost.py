"""What one warm page switch costs the server and the browser, in CPU seconds, page by page.

Why: the load test (bench_app_load.py) runs twenty browsers on the server's own machine, and on two cores
its times say more about the browsers than about the server. This splits a switch's cost: one headless
Chromium (bench_pages.py's flags) clicks every page in turn, and for each warm switch the CPU time of the
``streamlit run`` process and of every Chromium process (from /proc: user + system) is read before the
click and half a second after the page is drawn (so the browser's last paint is counted). A page's
browser figure is what each person's laptop pays; its server figure is what the server pays per person.

    python bench/bench_client_cost.py [--db PATH] [--passes 3]

Prints the median wall seconds, server CPU seconds and browser CPU seconds of each page's warm switches,
and their sums over one visit of every page. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench_pages import CHROMIUM, CHROMIUM_ARGS, PAGES, click_and_time, open_app, start_server, stop_server

TICKS = os.sysconf("SC_CLK_TCK")
#: After "drawn", the browser may still paint; its CPU is read this long after.
SETTLE_SECONDS = 0.5


def cpu_seconds(matches: Callable[[str, str], bool]) -> float:
    """User + system CPU seconds of the live processes whose (pid, command line) ``matches``."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_text().replace("\0", " ")
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended meanwhile
            continue
        if matches(entry.name, command):
            fields = stat.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file (default: the app's default, built if missing)")
    parser.add_argument("--passes", type=int, default=3, help="warm visits of every page")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    proc, url = start_server(args.db)

    def server(pid: str, _command: str) -> bool:
        return pid == str(proc.pid)

    def browser(_pid: str, command: str) -> bool:
        return "chromium" in command

    results: dict[str, list[tuple[float, float, float]]] = {p.title: [] for p in PAGES}
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
            open_app(page, url, 600_000)
            order = list(PAGES[1:]) + [PAGES[0]]
            for spec in order[:-1]:  # the cold visits: not counted
                click_and_time(page, spec.title, 600_000)
            for _ in range(args.passes):
                for spec in order:
                    server_before, browser_before = cpu_seconds(server), cpu_seconds(browser)
                    wall = click_and_time(page, spec.title, 600_000)
                    time.sleep(SETTLE_SECONDS)
                    results[spec.title].append(
                        (wall, cpu_seconds(server) - server_before, cpu_seconds(browser) - browser_before)
                    )
            chromium.close()
    finally:
        stop_server(proc)
    print(f"{'page (warm, medians)':<22} {'wall s':>7} {'server CPU s':>13} {'browser CPU s':>14}")
    sums = [0.0, 0.0, 0.0]
    for title, rows in results.items():
        medians = [statistics.median(row[i] for row in rows) for i in range(3)]
        sums = [a + b for a, b in zip(sums, medians, strict=True)]
        print(f"{title:<22} {medians[0]:>7.2f} {medians[1]:>13.2f} {medians[2]:>14.2f}")
    print(f"{'every page once':<22} {sums[0]:>7.2f} {sums[1]:>13.2f} {sums[2]:>14.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
