"""Benchmark: the council's path through the command line, on the demo authority's own extract files.

    python bench/bench_council_path.py [--files DIR] [--keep DIR]

Runs ``python -m cscdash load`` as a process, exactly as the README says, and prints for each step the
wall time, the CLI's own stage times (reference tables, extracts, views, swap) and the process's peak
memory:

1. first load of every file into a fresh database: the time to a database ready for the app;
2. the same files again: nothing changes, the file is left as it is;
3. a monthly refresh: the same files as an in-year extract as at one month later (every 2026-27 return
   replaces the year's rows; earlier years untouched), which rebuilds the views.

The demo files are generated first (``python -m cscdash demo --no-load``) unless ``--files`` names a folder
of ``<la_code>/extracts``. A script, not a test: it has no wall-clock limit (design.md).
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = re.compile(r"Database ready for the app: .* in ([\d.]+) s \((.*)\)")


def cli(*args: str) -> tuple[float, str, float]:
    """Run ``python -m cscdash ARGS``; (seconds, stderr's stage line, peak MB of the child so far)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cscdash", *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(
            f"python -m cscdash {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
    match = STAGES.search(done.stderr)
    stages = match.group(2) if match else ("nothing to change" if "nothing to change" in done.stdout else "")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, stages, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--files", type=Path, default=None, help="demo files already generated (--out of demo)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="work here and keep the files")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        files = args.files
        if files is None:
            files = work / "demo"
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "cscdash", "demo", "--no-load", "--out", str(files)],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            print(f"generated the demo files in {time.perf_counter() - started:.1f} s (not part of the path)")
        extracts = files / "E06999999" / "extracts"
        db_path = work / "mycouncil.duckdb"
        db_path.unlink(missing_ok=True)
        base = ["load", str(extracts), "--la", "E06999999", "--db", str(db_path)]
        steps = [
            ("first load, to a ready database", [*base, "--as-at", "2026-09-30"]),
            ("the same files again", [*base, "--as-at", "2026-09-30"]),
            ("monthly refresh (as at a month later)", [*base, "--as-at", "2026-10-31"]),
        ]
        for name, step in steps:
            seconds, stages, peak = cli(*step)
            print(f"{name:<40} {seconds:6.1f} s  peak {peak:6.0f} MB  [{stages}]")
        print(f"database: {db_path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
