"""Profile: where the materialised build's time goes, one line per stored table.

    python bench/profile_build.py DB.duckdb [--top 30] [--keep BUILT.duckdb]

Builds a copy of DB (the build replaces the stored tables) with ``build_views(materialise=True)`` on a
writer's connection (memory limit, no insertion order), as ``cscdash load`` does, and prints the seconds
of each stored table, slowest first. Plain views cost nothing to create and are not listed. Use it
before and after changing a heavy query: the issue asks for profiles, not guesses.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cscdash import db  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--keep", type=Path, default=None, help="keep the built copy here")
    args = parser.parse_args()
    stored = {qf.name for qf in db.query_files() if qf.materialisable}
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(dir=args.db.parent) as work:
        copy = Path(work) / args.db.name
        shutil.copyfile(args.db, copy)
        con = db.connect(copy)
        started = time.perf_counter()
        db.build_views(con, materialise=True, timings=timings)
        total = time.perf_counter() - started
        con.close()
        if args.keep:
            shutil.move(copy, args.keep)
    tables = sorted(((n, s) for n, s in timings.items() if n in stored), key=lambda t: -t[1])
    for name, seconds in tables[: args.top]:
        print(f"{seconds:8.2f} s  {name}")
    print(f"{sum(s for _, s in tables):8.2f} s  the {len(tables)} stored tables")
    print(f"{total:8.2f} s  the whole build")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
