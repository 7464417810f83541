"""Benchmark (issue 18, part 3): one authority's monthly files reloaded into a database of N authorities,
the incremental refresh of the stored intermediates (cscdash.refresh) against the full rebuild.

    python bench/bench_refresh_one.py --authorities N [--runs 3] [--keep DIR]
        [--earlier DIR --later DIR]   # the demo authority's extracts as at two month ends
        [--full-runs K]               # fewer runs of the slow full rebuild (0: none)

The database: the demo authority (E06999999) loaded from its extract as at ``--earlier`` (default: generated
to 30 September 2026), then copied N-1 times under synthetic codes (bench_indicators._replicate: the same
volume as ``demo --authorities N`` without the minutes of generating) and built in full. Each run copies
that database to a live file and times ``cscdash.pipeline.load`` of the demo authority's later extract
(``--later``, default generated to 31 October 2026) into it: the copy to ``<db>.loading``, the reference
tables, the extract load, the stored tables and the swap, everything a council's monthly refresh waits for.
The two paths alternate (incremental, full, incremental, ...) so the noise of a busy machine falls on both;
medians are printed, with each stage and the slowest tables of the incremental path.
The aim: under 10 s at 150 authorities.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_indicators import _replicate  # noqa: E402

from cscdash import pipeline  # noqa: E402
from cscdash.settings import DEMO_LA_CODE  # noqa: E402

EARLIER, LATER = date(2026, 9, 30), date(2026, 10, 31)


def _generated(workdir: Path, end: date) -> Path:
    """The demo authority's extracts folder as at ``end`` (generated once into ``workdir``)."""
    from cscdash.synthetic.generate import generate

    out = workdir / f"files_{end:%Y%m}"
    folder = out / DEMO_LA_CODE / "extracts"
    if not folder.exists():
        started = time.perf_counter()
        generate(out, end_month=end, n_authorities=1)
        print(f"generate  the demo authority to {end}: {time.perf_counter() - started:.1f} s")
    return folder


def _base(authorities: int, earlier: Path, workdir: Path) -> Path:
    """The N-authority database, built in full, with the demo authority as at the earlier extract."""
    one = workdir / "one.duckdb"
    if not one.exists():
        result = pipeline.load(one, [earlier], la_code=DEMO_LA_CODE, as_at=EARLIER)
        assert result.ok, result.errors[:5]
    if authorities <= 1:
        return one
    base = workdir / f"base_{authorities}.duckdb"
    if not base.exists():
        path = _replicate(one, authorities, workdir)
        started = time.perf_counter()
        pipeline.rebuild(path)
        print(f"build     {authorities} authorities in full: {time.perf_counter() - started:.1f} s")
        path.rename(base)
    return base


def _run(base: Path, later: Path, workdir: Path, full: bool) -> tuple[float, dict, dict]:
    """One timed reload into a fresh copy of ``base``: wall seconds, the stages, the tables' seconds."""
    live = workdir / "live.duckdb"
    shutil.copyfile(base, live)
    started = time.perf_counter()
    result = pipeline.load(live, [later], la_code=DEMO_LA_CODE, as_at=LATER, full_build=full)
    wall = time.perf_counter() - started
    assert result.ok and result.load_id is not None, (result.note, result.errors[:5])
    assert bool(result.table_seconds) is not full, "the path taken is not the one asked for"
    live.unlink()
    return wall, dict(result.seconds), dict(result.table_seconds)


def _median_of(dicts: list[dict]) -> dict[str, float]:
    keys = dict.fromkeys(k for d in dicts for k in d)
    return {k: statistics.median(d.get(k, 0.0) for d in dicts) for k in keys}


def main() -> int:
    """Build the database, time the reloads, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--full-runs", type=int, default=None, help="runs of the full rebuild (default --runs)"
    )
    parser.add_argument("--earlier", type=Path, help="the demo authority's extracts as at 30/09/2026")
    parser.add_argument("--later", type=Path, help="the demo authority's extracts as at 31/10/2026")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench_refresh_one_"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        earlier = args.earlier or _generated(workdir, EARLIER)
        later = args.later or _generated(workdir, LATER)
        base = _base(args.authorities, earlier, workdir)
        print(f"database  {base} ({base.stat().st_size / 1e6:.0f} MB)")
        runs: dict[bool, list[tuple[float, dict, dict]]] = {False: [], True: []}
        full_runs = args.runs if args.full_runs is None else args.full_runs
        for i in range(max(args.runs, full_runs)):
            for full in (False, True):
                if i >= (full_runs if full else args.runs):
                    continue
                runs[full].append(_run(base, later, workdir, full))
                print(f"run {i + 1} {'full' if full else 'incremental'}: {runs[full][-1][0]:.1f} s")
        for full in (False, True):
            if not runs[full]:
                continue
            walls = [r[0] for r in runs[full]]
            stages = _median_of([r[1] for r in runs[full]])
            name = "full rebuild" if full else "incremental"
            print(
                f"{name:12s} {args.authorities} authorities: median {statistics.median(walls):.1f} s "
                f"(runs {', '.join(f'{w:.1f}' for w in walls)}); stages: "
                + ", ".join(f"{k} {v:.2f}" for k, v in stages.items())
            )
        tables = _median_of([r[2] for r in runs[False]])
        slowest = sorted(tables.items(), key=lambda kv: -kv[1])[:10]
        print(
            f"incremental tables (median s, sum {sum(tables.values()):.1f}): "
            + ", ".join(f"{k} {v:.2f}" for k, v in slowest)
        )
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
