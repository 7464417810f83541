"""How long each child list takes to read: every family's macro at one month end, and the slowest
indicator's presented list (what the app's Children tab and ``python -m cscdash children`` wait for).

    python bench/bench_child_lists.py [--db PATH] [--period-end YYYY-MM-DD] [--repeat N]

Prints one line per family (rows, median seconds over N runs) and the total. The database is only read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cscdash import child_lists, db  # noqa: E402
from cscdash.settings import load_settings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=load_settings().db_path)
    parser.add_argument("--period-end", type=date.fromisoformat, default=date(2026, 3, 31))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    con = db.connect_reader(args.db)
    first = {}
    for entry in child_lists.entries().values():
        first.setdefault(entry.family, entry)
    total = 0.0
    print(f"{'family':<24}{'rows':>8}{'median s':>10}")
    for family, entry in sorted(first.items()):
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            rows = child_lists.child_list(con, entry.indicator_id, args.period_end)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        total += median
        print(f"{family:<24}{len(rows):>8}{median:>10.2f}")
    print(f"{'every family once':<32}{total:>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
