"""Benchmark: building the views and computing every catalogue indicator for every month end, against
a bare ``count(*)`` scan of the raw tables as the floor.

    python bench/bench_indicators.py [--authorities N] [--db PATH] [--parts cin annex_a local] [--keep DIR]
    python bench/bench_indicators.py --db DEMO.duckdb --replicate 150     # 150 copies of the demo LA
    python bench/bench_indicators.py --db DEMO.duckdb --scales 1 10 150   # the growth, one line each

Without ``--db`` it generates N synthetic authorities (``cscdash.synthetic.generate``, the scale
option) and loads them (``cscdash.extracts.loader.load_paths``) into a fresh DuckDB file first; with
``--db`` it measures an existing database. ``--parts`` loads only those sub-folders of each authority's
extracts (for example the front door and child protection sources). Each measurement runs in its own
Python process so that its peak memory (max RSS) is its own:

* scan:  every column of every raw and reference table the indicator views read, counted (the floor);
* build: ``build_views(materialise=True)`` (heavy intermediates stored as tables);
* compute: every catalogue indicator view read in full (every column of every LA, month end and
  breakdown);
* views only: the same computation with plain views (nothing materialised), for comparison.

The aim (issue 5): 150 authorities under 60 seconds and within 5x of the scan.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cscdash import db, reference  # noqa: E402
from cscdash.catalogue import load_catalogue  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """User and system CPU of this process, DuckDB's threads included. The work a step does, whatever
    the machine's cores: its wall time can be no less than this divided by the cores."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _scanned_tables(con) -> list[str]:
    """Every raw and reference table (the views read nothing else): not the load log, and not the
    intermediates that an earlier build stored as tables."""
    skip = ("loads", "load_problems", "target_changes")
    return [t for t in db.table_names(con) if t not in skip and not t.startswith(("int_", "stg_"))]


def measure(step: str, path: Path) -> dict[str, float]:
    """Run one step in this process and return its time and peak memory."""
    con = db.connect(path)
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    rows = 0
    if step == "scan":
        # count(col) for every column forces DuckDB to read every column of every row: a bare count(*)
        # is answered from metadata and is no floor at all
        for table in _scanned_tables(con):
            rel = con.table(table)
            counts = ", ".join(f'count("{c}")' for c in rel.columns)
            rows += rel.aggregate(f"count(*), {counts}").fetchall()[0][0]
    elif step == "build":
        db.build_views(con, materialise=True)
    elif step in ("compute", "views_only"):
        if step == "views_only":
            db.build_views(con, materialise=False)
        for indicator_id in load_catalogue().ids():
            # every column of every row, as for the scan: a bare count(*) would let DuckDB skip the values
            rel = con.table(indicator_id)
            counts = ", ".join(f'count("{c}")' for c in rel.columns)
            rows += rel.aggregate(f"count(*), {counts}").fetchall()[0][0]
    con.close()
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "cpu_seconds": round(_cpu_seconds() - cpu_started, 1),
        "peak_mb": round(_peak_mb(), 1),
        "rows": rows,
    }


def _child(step: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", step, "--db", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _make_database(authorities: int, workdir: Path, parts: list[str] | None) -> Path:
    from cscdash.extracts import loader
    from cscdash.synthetic.generate import generate

    started = time.perf_counter()
    folders = generate(workdir / "extracts", n_authorities=authorities)
    print(f"generate  {authorities} authorities: {time.perf_counter() - started:.1f} s")
    path = workdir / "bench.duckdb"
    con = db.connect(path)
    db.ensure_schema(con)
    reference.load_reference(con)
    started = time.perf_counter()
    for folder in folders:
        paths = [folder / part for part in parts] if parts else [folder]
        result = loader.load_paths(con, paths, la_code=folder.parent.name)
        if not result.ok:
            con.close()
            problems = "\n".join(str(p) for p in result.problems[:10])
            raise SystemExit(f"load of {folder} failed:\n{problems}")
    print(f"load      {time.perf_counter() - started:.1f} s")
    con.close()
    return path


def _replicate(source: Path, copies: int, workdir: Path) -> Path:
    """A database of ``copies`` authorities made by copying a loaded one's rows under the synthetic codes
    E06999001.. (the same volume as ``demo --authorities N`` without hours of generating and loading).

    Every table with an ``la_code`` column is copied with only that column changed; the copies are
    identical in content, which is fine for timing (each LA is computed independently)."""
    path = workdir / "replicated.duckdb"
    shutil.copyfile(source, path)
    con = db.connect(path)
    started = time.perf_counter()
    # raw tables only: stored intermediates are dropped and rebuilt by the build step anyway
    tables = [
        t
        for t in db.table_names(con)
        if "la_code" in con.table(t).columns and not t.startswith(("int_", "stg_"))
    ]
    source_la = "E06999999"
    numbers = con.sql(f"select range as i from range(1, {copies})")
    for table in tables:
        rel = con.table(table).filter(f"la_code = '{source_la}'")
        if copies < 2 or rel.aggregate("count(*)").fetchall()[0][0] == 0:
            continue
        # every copy in one insert (the source rows crossed with the copy numbers): 150 inserts per table
        # took minutes
        code = "'E06999' || lpad(cast(i as varchar), 3, '0') as la_code"
        cols = [code if c == "la_code" else f'"{c}"' for c in rel.columns]
        rel.cross(numbers).project(", ".join(cols)).insert_into(table)
    con.close()
    print(f"replicate {copies} authorities from {source}: {time.perf_counter() - started:.1f} s")
    return path


def _growth(source: Path, scales: list[int], workdir: Path) -> int:
    """Build and compute at each number of authorities (copies of ``source``'s demo authority), one line
    each, with the seconds per authority: the growth should be linear or better."""
    lines = []
    for copies in scales:
        path = _replicate(source, copies, workdir)
        build, compute = _child("build", path), _child("compute", path)
        total = build["seconds"] + compute["seconds"]
        peak = max(build["peak_mb"], compute["peak_mb"])
        lines.append(
            f"{copies:>4} authorities: build {build['seconds']:7.2f} s + compute {compute['seconds']:6.2f} s"
            f" = {total:7.2f} s ({total / copies:.2f} s per authority), peak {peak:,.0f} MB,"
            f" CPU {build['cpu_seconds'] + compute['cpu_seconds']:,.0f} s"
        )
        print(lines[-1], flush=True)
        path.rename(workdir / f"replicated_{copies}.duckdb")  # kept with --keep (for compare_views.py)
    print("growth")
    print("\n".join(lines))
    return 0


def main() -> int:
    """Parse the arguments, make or open the database, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", type=int, default=1)
    parser.add_argument("--db", type=Path, default=None, help="measure this database instead")
    parser.add_argument("--parts", nargs="*", default=None, help="extract sub-folders to load")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument(
        "--replicate",
        type=int,
        default=0,
        help="with --db: copy that database's demo authority this many times under synthetic codes",
    )
    parser.add_argument(
        "--scales",
        type=int,
        nargs="*",
        default=None,
        help="with --db: build and compute at each number of authorities (1 10 150); print the growth",
    )
    parser.add_argument("--skip-views-only", action="store_true", help="skip the plain-views comparison")
    parser.add_argument(
        "--measure", choices=("scan", "build", "compute", "views_only"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.db)))
        return 0
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench_indicators_"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.scales:
        if args.db is None:
            raise SystemExit("--scales needs --db (the database whose demo authority is copied)")
        try:
            return _growth(args.db, args.scales, workdir)
        finally:
            if args.keep is None:
                shutil.rmtree(workdir, ignore_errors=True)
    try:
        path = args.db or _make_database(args.authorities, workdir, args.parts)
        if args.db and args.replicate > 1:
            path = _replicate(args.db, args.replicate, workdir)
        scan = _child("scan", path)
        build = _child("build", path)
        compute = _child("compute", path)
        views_only = (
            {"seconds": float("nan"), "peak_mb": float("nan")}
            if args.skip_views_only
            else _child("views_only", path)
        )
        total = build["seconds"] + compute["seconds"]
        print(
            f"scan      every column of every raw table: {scan['seconds']:.2f} s, "
            f"peak {scan['peak_mb']:.0f} MB, {scan['rows']:,} rows"
        )
        print(
            f"build     build_views(materialise=True): {build['seconds']:.2f} s, "
            f"peak {build['peak_mb']:.0f} MB, CPU {build['cpu_seconds']:.0f} s"
        )
        print(
            f"compute   {len(load_catalogue().ids())} indicators, every month end: "
            f"{compute['seconds']:.2f} s, "
            f"peak {compute['peak_mb']:.0f} MB, {compute['rows']:,} rows"
        )
        print(
            f"views     the same with plain views (no tables): {views_only['seconds']:.2f} s, "
            f"peak {views_only['peak_mb']:.0f} MB"
        )
        print(
            f"total     build + compute = {total:.2f} s = {total / max(scan['seconds'], 0.01):.1f}x the scan"
        )
    finally:
        if args.keep is None and (args.db is None or args.replicate > 1):
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
