"""Progress on the command line: one line rewritten in place on a terminal, a line per tenth in a log.

Loads and the demo report progress through a plain callback ``progress(message, fraction)``. On a terminal
the callback redraws one status line; when stderr is a file or a CI log, redrawing with carriage returns
would write thousands of fragments into it, so it prints a line each time the load passes another 10%.
"""

from __future__ import annotations

import sys
from collections.abc import Callable


def terminal_progress() -> Callable[[str, float], None]:
    """A progress callback that writes to stderr (in place on a terminal, by tenths otherwise)."""
    stream = sys.stderr
    interactive = stream.isatty()
    last_tenth = -1

    def report(message: str, fraction: float) -> None:
        nonlocal last_tenth
        if interactive:
            print(
                f"\r[{fraction:4.0%}] {message[:70]:<70}",
                end="" if fraction < 1 else "\n",
                file=stream,
                flush=True,
            )
            return
        tenth = int(min(max(fraction, 0.0), 1.0) * 10)
        if tenth != last_tenth:
            last_tenth = tenth
            print(f"[{fraction:4.0%}] {message}", file=stream, flush=True)

    return report
