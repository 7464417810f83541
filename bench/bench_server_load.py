"""A load test of the server alone: N sessions switching pages at once over Streamlit's own websocket
protocol, with no browser drawing them (issue 18 part 5).

Why: bench_app_load.py runs twenty headless Chromiums on the server's own machine, and on two cores they
use six times the server's CPU, so its times say more about the browsers than about what the server gives
twenty people on twenty laptops. This opens N sessions the way the browser's Streamlit client does (a
websocket to ``/_stcore/stream``, subprotocol ``streamlit``), asks each for ``/``, then, all together,
has every session switch to every page of the navigation ``--rounds`` times in an order shuffled per
session (seeded by its number): a ``rerun_script`` message naming the page, as a click in the sidebar
sends. A switch is timed from that message to the server's ``script_finished``: the page's script run,
every element sent.

An error is a run that does not finish within ``--timeout`` seconds, one that finishes other than
successfully, a Streamlit exception element, or a page whose h1 is not its title. Each distinct error is
printed once with its page and count; the exit status is 1 if there was any.

    python bench/bench_server_load.py [--db PATH] [--sessions 20] [--rounds 3] [--timeout 60]

Prints the switches done, errors, p50 / p95 / max of the switch times (first visits of a session and
later ones), one line per page, and the server's CPU seconds and peak resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench_app_load import Switch, peak_rss_mb, print_times
from bench_client_cost import cpu_seconds
from bench_pages import PAGES, start_server, stop_server
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")


@dataclass
class Run:
    """What one script run sent: how it finished, its h1, its exceptions."""

    status: int | None = None
    title: str | None = None
    exceptions: list[str] = field(default_factory=list)


@dataclass
class Session:
    """One websocket session: the pages its navigation lists (title -> script hash), timings, errors."""

    number: int
    pages: dict[str, str] = field(default_factory=dict)
    switches: list[Switch] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


async def run_page(ws: ClientConnection, page_hash: str, session: Session, timeout: float) -> Run:
    """Ask for one page (``page_hash`` "" for the default) and read every message until its script run
    finishes, noting the navigation it lists."""
    back = BackMsg()
    back.rerun_script.query_string = ""
    back.rerun_script.page_script_hash = page_hash
    await ws.send(back.SerializeToString())
    run = Run()
    async with asyncio.timeout(timeout):
        while run.status is None:
            message = ForwardMsg()
            message.ParseFromString(await ws.recv())
            kind = message.WhichOneof("type")
            if kind == "navigation":
                session.pages = {p.page_name: p.page_script_hash for p in message.navigation.app_pages}
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                what = element.WhichOneof("type")
                if what == "heading" and element.heading.tag == "h1" and run.title is None:
                    run.title = element.heading.body.strip()
                elif what == "exception":
                    run.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
            elif kind == "script_finished":
                run.status = message.script_finished
    return run


def check(session: Session, title: str, run: Run) -> bool:
    """Record the run's errors against ``title``; True when it has none."""
    before = len(session.errors)
    if run.status != FINISHED:
        session.errors.append((title, f"finished with status {run.status}"))
    for text in run.exceptions:
        session.errors.append((title, f"exception element: {text}"))
    if run.title != title:
        session.errors.append((title, f"h1 was {run.title!r}"))
    return len(session.errors) == before


async def one_session(url: str, session: Session, rounds: int, timeout: float, start: asyncio.Event) -> None:
    """Open ``/``, wait for every session to have opened, then switch pages ``rounds`` times."""
    uri = url.replace("http://", "ws://") + "/_stcore/stream"
    async with connect(uri, subprotocols=["streamlit"], max_size=None, open_timeout=timeout) as ws:
        first = await run_page(ws, "", session, 600)
        check(session, PAGES[0].title, first)
        await start.wait()
        rng = random.Random(session.number)
        visited, showing = {PAGES[0].title}, PAGES[0].title
        titles = [p.title for p in PAGES if p.title in session.pages]
        for _ in range(rounds):
            order = list(titles)
            rng.shuffle(order)
            if len(order) > 1 and order[0] == showing:
                order[0], order[-1] = order[-1], order[0]
            for title in order:
                began = time.perf_counter()
                try:
                    run = await run_page(ws, session.pages[title], session, timeout)
                except TimeoutError:
                    session.errors.append((title, f"not finished within {timeout:g} s"))
                    return  # the connection is mid-run: this session stops here
                if check(session, title, run):
                    session.switches.append(Switch(title, time.perf_counter() - began, title not in visited))
                visited.add(title)
                showing = title


async def load_test(
    url: str, sessions: int, rounds: int, timeout: float, server_cpu: Callable[[], float]
) -> tuple[list[Session], float, float]:
    """Every session opens ``/``; then all switch pages together. The sessions, and the switching's wall
    seconds and server CPU seconds."""
    runs = [Session(n) for n in range(sessions)]
    start = asyncio.Event()
    tasks = [asyncio.create_task(one_session(url, s, rounds, timeout, start)) for s in runs]
    while sum(bool(s.pages) or bool(s.errors) for s in runs) < sessions:  # every session has opened /
        await asyncio.sleep(0.1)
    began, cpu = time.perf_counter(), server_cpu()
    start.set()
    for task, session in zip(tasks, runs, strict=True):
        try:
            await task
        except Exception as exc:  # a dropped connection is that session's error
            session.errors.append(("(connection)", f"{type(exc).__name__}: {exc}"[:300]))
    return runs, time.perf_counter() - began, server_cpu() - cpu


def report(runs: list[Session], wall: float, rounds: int, cpu: float, rss: tuple[float, float] | None) -> int:
    """Print the summary; the number of errors."""
    switches = [s for run in runs for s in run.switches]
    errors = [e for run in runs for e in run.errors]
    titles = [p.title for p in PAGES if any(p.title in run.pages for run in runs)]
    planned = sum(len([t for t in titles if t in run.pages]) * rounds for run in runs)
    print(f"sessions {len(runs)}, rounds {rounds}, pages {len(titles)} (no browser)")
    print(f"switches done {len(switches)} of {planned} in {wall:.1f} s, errors {len(errors)}")
    print(f"server CPU {cpu:.1f} s over the switching ({cpu / wall if wall else 0:.2f} cores)", end="")
    print(f"; peak RSS (VmHWM) {rss[1]:.0f} MB" if rss else "")
    print_times(switches, titles, errors)
    return len(errors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file (default: the app's default, built if missing)")
    parser.add_argument("--sessions", type=int, default=20, help="sessions at once")
    parser.add_argument("--rounds", type=int, default=3, help="visits of every page by each session")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for one page")
    args = parser.parse_args(argv)

    proc, url = start_server(args.db)
    pid = str(proc.pid)
    try:

        def server_cpu() -> float:
            return cpu_seconds(lambda p, _command: p == pid)

        runs, wall, cpu = asyncio.run(load_test(url, args.sessions, args.rounds, args.timeout, server_cpu))
        rss = peak_rss_mb(proc.pid)
    finally:
        stop_server(proc)
    return 1 if report(runs, wall, args.rounds, cpu, rss) else 0


if __name__ == "__main__":
    raise SystemExit(main())
