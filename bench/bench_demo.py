"""Benchmark: how long the synthetic demo takes to generate and to load the first time, and how big it is.

    python bench/bench_demo.py [--authorities N] [--seed 1] [--end-month 2026-10] [--keep DIR]

Prints the generation time (with each stage's share), the first load into a fresh DuckDB file through
the council's path (``cscdash.pipeline.load``: reference tables, extracts, views: a database ready for the
app), and the size of each file type and the total. A script, not a test:
it has no wall-clock limit (design.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cscdash.cli import _month_end  # noqa: E402
from cscdash.synthetic.generate import generate  # noqa: E402


def _mb(n: int) -> str:
    return f"{n / 1_000_000:8.1f} MB"


def sizes(root: Path) -> dict[str, tuple[int, int]]:
    """File type -> (number of files, bytes)."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p in root.rglob("*"):
        if p.is_file():
            out[p.suffix or p.name][0] += 1
            out[p.suffix or p.name][1] += p.stat().st_size
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end-month", type=_month_end, default=_month_end("2026-10"))
    parser.add_argument(
        "--keep", type=Path, default=None, help="write here and keep (default: a temp folder)"
    )
    parser.add_argument("--no-load", action="store_true", help="time the generation only")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "demo"
        stages: dict[str, float] = defaultdict(float)
        last = {"stage": "", "t": time.perf_counter()}

        def progress(stage: str, fraction: float) -> None:
            now = time.perf_counter()
            if last["stage"]:
                stages[last["stage"].split(": ")[-1]] += now - last["t"]
            last.update(stage=stage, t=now)

        t0 = time.perf_counter()
        folders = generate(
            out, seed=args.seed, end_month=args.end_month, n_authorities=args.authorities, progress=progress
        )
        gen = time.perf_counter() - t0
        print(
            f"Generated {len(folders)} authorit{'y' if len(folders) == 1 else 'ies'} in {gen:.1f} s "
            f"(seed {args.seed}, to {args.end_month:%Y-%m})"
        )
        for stage, seconds in stages.items():
            print(f"  {stage:<20} {seconds:6.1f} s")

        if not args.no_load:
            from cscdash import pipeline

            t0 = time.perf_counter()
            result = pipeline.load(Path(tmp) / "bench.duckdb", folders, as_at=args.end_month)
            load = time.perf_counter() - t0
            size = (Path(tmp) / "bench.duckdb").stat().st_size
            print(
                f"First load to a ready database: {load:.1f} s ({_mb(size).strip()}), "
                f"{'all loaded' if result.ok else 'REFUSED: see python -m cscdash load for the problems'}"
            )

        total = 0
        print("Files by type:")
        for kind, (count, size) in sizes(out).items():
            total += size
            print(f"  {kind:<6} {count:5d} files {_mb(size)}")
        print(f"  total              {_mb(total)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
