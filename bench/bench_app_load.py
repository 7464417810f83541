"""A bounded load test of the running app: N browser sessions switching pages at once (issue 18 part 5).

Why: one person clicking through the pages (bench_pages.py) says nothing about a team meeting where twenty
people open the dashboard together. This starts ONE ``streamlit run app.py`` on a free loopback port
against a database (the demo by default; ``start_server`` from bench_pages.py), opens N independent
browser contexts in one headless Chromium (Playwright's async API), opens ``/`` in all of them at once,
then, all together again, has every session visit every page its sidebar shows ``--rounds`` times, in an
order shuffled per session (seeded by the session's number, so a run can be repeated), by clicking the
page's sidebar link (Present mode hides the sidebar, so leaving it fires the hidden link's click event
instead: the same in-app switch). Each switch is timed from the click to "drawn" (bench_pages.DRAWN: the
page's own h1, script state notRunning, no status widget or skeleton, every Plotly chart has its SVG).

An error is a switch that is not drawn within ``--timeout`` seconds, a Streamlit exception box on the page
(``[data-testid="stException"]``), or an uncaught page error or console error in the browser. Each
distinct error is printed once, with its page (the page the session was opening or showing when it came:
a stale element of the page before can raise it) and how many times; the exit status is 1 if there was
any. A request to another host is an error too: nothing is fetched from the network (the app's
favicon is a file; a Material page icon used to send every page load to fonts.gstatic.com).

    python bench/bench_app_load.py [--db PATH] [--sessions 20] [--rounds 3] [--timeout 60]

Prints the sessions, switches done, errors, then p50 / p95 / max of the switch times (seconds, nearest
rank) overall, for the first visits (a session's first round: the server's caches are shared, so only the
earliest of these find them empty) and the later (warm) ones, and one line per page; and the server's
peak resident memory (VmHWM of the streamlit process, from /proc). The browser runs on the same machine,
so on a small one the times include the client's own rendering of N pages at once.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench_pages import CHROMIUM, CHROMIUM_ARGS, DRAWN, PAGES, start_server, stop_server

if TYPE_CHECKING:
    from playwright.async_api import Browser, ConsoleMessage, Page

#: Drawn, or an exception box shown and the script stopped (so the wait ends at once on an exception).
SETTLED = f"""(title) => {{
    const app = document.querySelector('[data-testid="stApp"]');
    if (document.querySelector('[data-testid="stException"]')
        && app && app.getAttribute('data-test-script-state') === 'notRunning') return true;
    return ({DRAWN})(title);
}}"""
IDLE = """() => document.querySelector('[data-testid="stApp"]')
    ?.getAttribute('data-test-script-state') === 'notRunning'"""
NAV_LINKS = '[data-testid="stSidebarNav"] a'
VIEW_MORE = '[data-testid="stSidebarNavViewButton"]'
EXCEPTION = '[data-testid="stException"]'
OPEN = "(opening /)"


@dataclass
class Switch:
    """One timed page visit."""

    page: str
    seconds: float
    first: bool  # the session's first visit to this page


@dataclass
class Session:
    """One browser context: its page, what it shows now, its timings and errors."""

    number: int
    page: Page | None = None
    showing: str = OPEN  # the page the errors seen now belong to
    titles: list[str] = field(default_factory=list)  # the pages its navigation shows
    switches: list[Switch] = field(default_factory=list)
    opened: float | None = None  # seconds to open / and draw its first page
    errors: list[tuple[str, str]] = field(default_factory=list)  # (page, message)

    def error(self, message: str, page: str | None = None) -> None:
        message = message.split("Call log:")[0]  # Playwright's call log names this run's port and classes
        self.errors.append((page or self.showing, " ".join(message.split())[:300]))

    def console(self, msg: ConsoleMessage, server: str) -> None:
        """A console error is an error; one about a resource of another host says so (nothing should
        be fetched from the network)."""
        if msg.type != "error":
            return
        where = (msg.location or {}).get("url", "")
        if msg.text.startswith("Failed to load resource") and not where.startswith(server):
            self.error(f"fetched from another host: {where}")
        else:
            self.error(f"console error: {msg.text}" + (f" ({where})" if where else ""))


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0-100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def peak_rss_mb(pid: int) -> tuple[float, float] | None:
    """The process's current and peak resident set size in MB (VmRSS, VmHWM), or None off Linux."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith("Vm")}
    return kb["VmRSS"] / 1024, kb["VmHWM"] / 1024


async def wait_settled(session: Session, title: str, timeout_ms: int) -> bool:
    """Wait for the page titled ``title`` to be drawn; record a timeout or an exception box as an error.
    True when it was drawn without an error."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    page = session.page
    try:
        await page.wait_for_function(SETTLED, arg=title, timeout=timeout_ms, polling=50)
    except PlaywrightTimeout:
        session.error(f"not drawn within {timeout_ms / 1000:g} s", title)
        with contextlib.suppress(PlaywrightTimeout):  # let it finish, untimed, before the next click
            await page.wait_for_function(IDLE, timeout=10 * timeout_ms, polling=200)
        return False
    boxes = page.locator(EXCEPTION)
    if await boxes.count():
        session.error("exception box: " + await boxes.first.inner_text(), title)
        return False
    return True


async def open_session(browser: Browser, session: Session, url: str, timeout_ms: int) -> None:
    """A new context opens / and waits for the first page; then reads the pages its navigation shows."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = session.page = await context.new_page()
    page.on("pageerror", lambda exc: session.error(f"page error: {exc}"))
    page.on("crash", lambda _: session.error("the browser page crashed"))
    page.on("console", lambda msg: session.console(msg, url))
    start = time.perf_counter()
    try:
        await page.goto(url + "/", wait_until="domcontentloaded", timeout=timeout_ms)
    except Exception as exc:  # any failure to open is this session's error
        session.error(f"could not open /: {exc}")
        return
    if not await wait_settled(session, PAGES[0].title, timeout_ms):
        return
    session.opened = time.perf_counter() - start
    session.showing = PAGES[0].title
    # a long navigation is cut to its first pages behind a "View N more" button
    more = page.locator(VIEW_MORE)
    if await more.count() and "more" in (await more.inner_text()):
        await more.click()
    links = [" ".join(text.split()) for text in await page.locator(NAV_LINKS).all_inner_texts()]
    session.titles = [p.title for p in PAGES if any(p.title in text for text in links)]


async def run_session(session: Session, rounds: int, timeout_ms: int) -> None:
    """Visit every page of the session's navigation ``rounds`` times, each round in a shuffled order
    (seeded by the session's number), never clicking the page already shown."""
    if session.opened is None:
        return
    rng = random.Random(session.number)
    page = session.page
    visited = {session.showing}  # opening / drew the first page: its cold visit
    for _ in range(rounds):
        order = list(session.titles)
        rng.shuffle(order)
        if len(order) > 1 and order[0] == session.showing:
            order[0], order[-1] = order[-1], order[0]
        for title in order:
            link = page.locator(NAV_LINKS).filter(has_text=title).first
            session.showing = title
            start = time.perf_counter()
            try:
                if await link.is_visible():
                    await link.click(timeout=timeout_ms)
                else:  # Present mode hides the sidebar: the link's own click handler, without the mouse
                    await link.dispatch_event("click", timeout=timeout_ms)
            except Exception as exc:  # a link that cannot be clicked is this switch's error
                session.error(f"could not click its link: {exc}")
                continue
            if await wait_settled(session, title, timeout_ms):
                session.switches.append(Switch(title, time.perf_counter() - start, title not in visited))
            visited.add(title)


async def load_test(
    url: str, sessions: int, rounds: int, timeout_ms: int, open_timeout_ms: int
) -> tuple[list[Session], float]:
    """Open every session together, then switch pages in all of them together; the sessions and the
    switching's wall-clock seconds."""
    from playwright.async_api import async_playwright

    runs = [Session(number) for number in range(sessions)]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await asyncio.gather(*(open_session(browser, s, url, open_timeout_ms) for s in runs))
        start = time.perf_counter()
        await asyncio.gather(*(run_session(s, rounds, timeout_ms) for s in runs))
        wall = time.perf_counter() - start
        await browser.close()
    return runs, wall


def _stats(values: list[float]) -> str:
    """'n p50 p95 max' of a list of seconds (dashes when it is empty)."""
    if not values:
        return f"{0:>5} {'-':>7} {'-':>7} {'-':>7}"
    p50, p95 = percentile(values, 50), percentile(values, 95)
    return f"{len(values):>5} {p50:>7.2f} {p95:>7.2f} {max(values):>7.2f}"


def _p50_p95(values: list[float]) -> str:
    return f"{percentile(values, 50):.2f}/{percentile(values, 95):.2f}" if values else "-"


def report(runs: list[Session], wall: float, rounds: int, rss: tuple[float, float] | None) -> int:
    """Print the summary; the number of errors."""
    switches = [s for run in runs for s in run.switches]
    errors = [e for run in runs for e in run.errors]
    titles = [t for t in (p.title for p in PAGES) if any(t in run.titles for run in runs)]
    planned = sum(len(run.titles) * rounds for run in runs if run.opened is not None)
    print(f"sessions {len(runs)}, rounds {rounds}, pages {len(titles)}: {', '.join(titles)}")
    print(
        f"switches done {len(switches)} of {planned} planned in {wall:.1f} s"
        f" ({len(switches) / wall if wall else 0:.1f} a second), errors {len(errors)}"
    )
    if rss:
        print(f"server memory: peak RSS (VmHWM) {rss[1]:.0f} MB, RSS at the end {rss[0]:.0f} MB")
    opened = [r.opened for r in runs if r.opened is not None]
    print_times(switches, titles, errors, {"opening / (all at once)": opened}, "the page being opened")
    return len(errors)


def print_times(
    switches: list[Switch],
    titles: list[str],
    errors: list[tuple[str, str]],
    lead: dict[str, list[float]] | None = None,
    page_means: str = "its page",
) -> None:
    """The switch times (p50 / p95 / max: every switch, first visits, later ones, then page by page) and
    each distinct error once with its count; ``lead``: rows printed first (label -> seconds). Shared with
    bench_server_load.py, so the browser and server load tests print alike."""
    header = f"{'n':>5} {'p50':>7} {'p95':>7} {'max':>7}"
    print(f"\n{'seconds':<24} {header}")
    for label, values in (lead or {}).items():
        print(f"{label:<24} {_stats(values)}")
    print(f"{'every switch':<24} {_stats([s.seconds for s in switches])}")
    print(f"{'  first visits (cold)':<24} {_stats([s.seconds for s in switches if s.first])}")
    print(f"{'  later visits (warm)':<24} {_stats([s.seconds for s in switches if not s.first])}")
    print(f"\n{'page':<24} {header}  {'first p50/p95':>13}  {'later p50/p95':>13}")
    for title in titles:
        first = [s.seconds for s in switches if s.page == title and s.first]
        later = [s.seconds for s in switches if s.page == title and not s.first]
        print(f"{title:<24} {_stats(first + later)}  {_p50_p95(first):>13}  {_p50_p95(later):>13}")
    if errors:
        print(f"\nerrors ({len(errors)}; each distinct one once, with {page_means} and its count):")
        for (page, message), count in Counter(errors).most_common():
            print(f"  {count:>3} x {page}: {message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file (default: the app's default, built if missing)")
    parser.add_argument("--sessions", type=int, default=20, help="browser sessions at once")
    parser.add_argument("--rounds", type=int, default=3, help="visits of every page by each session")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for one page")
    parser.add_argument(
        "--open-timeout", type=float, default=600, help="seconds to wait for / (the first start may build)"
    )
    args = parser.parse_args(argv)

    proc, url = start_server(args.db)
    rss = None
    try:
        timeouts = int(args.timeout * 1000), int(args.open_timeout * 1000)
        runs, wall = asyncio.run(load_test(url, args.sessions, args.rounds, *timeouts))
        rss = peak_rss_mb(proc.pid)
    finally:
        stop_server(proc)
    return 1 if report(runs, wall, args.rounds, rss) else 0


if __name__ == "__main__":
    raise SystemExit(main())
