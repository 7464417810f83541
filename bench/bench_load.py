"""Time the extract loader: the demo authority's full history, then a 20-times-larger synthetic set.

    python bench/bench_load.py                       # generate both sets in a temp folder, load, report
    python bench/bench_load.py --demo data/demo      # use extracts already generated
    python bench/bench_load.py --scale 0             # the demo authority only
    python bench/bench_load.py --generate-large      # the large set from the generator, not copies

The large set is by default the demo authority copied ``--scale`` times under the synthetic LA codes
E06999001.. (the CIN census LEA rewritten to match), which is quick to make and the same volume as
``demo --authorities N``; ``--generate-large`` runs the generator instead (about a minute per authority).

Each set is loaded into a fresh database in its own process, so the peak memory reported (the process's
maximum resident set size) belongs to that load alone. Synthetic authorities are generated with
``python -m cscdash demo --no-load --authorities N``; every ``<la_code>/extracts`` folder is one load.
Prints: set, authorities, files, rows read, seconds, rows per second, peak memory (MB), database size.
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


def _generate(out: Path, authorities: int) -> None:
    cmd = [
        sys.executable,
        "-m",
        "cscdash",
        "demo",
        "--no-load",
        "--out",
        str(out),
        "--authorities",
        str(authorities),
    ]
    subprocess.run(cmd, check=True, cwd=ROOT, stderr=subprocess.DEVNULL)


def _copy(demo: Path, out: Path, copies: int) -> None:
    """``copies`` copies of the demo authority's extracts, each under its own synthetic LA code."""
    source = _la_folders(demo)[0]
    for n in range(1, copies + 1):
        target = out / f"E06999{n:03d}" / "extracts"
        shutil.copytree(source, target)
        for xml in target.glob("cin/*.xml"):
            xml.write_bytes(xml.read_bytes().replace(b"<LEA>999</LEA>", f"<LEA>{n:03d}</LEA>".encode()))


def _la_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*/extracts") if p.is_dir())


def load_one_set(root: Path, db_path: Path) -> dict:
    """Load every LA folder under ``root`` into ``db_path`` (run in a child process); returns the figures."""
    from cscdash import db
    from cscdash.extracts.loader import load_paths

    con = db.connect(db_path)
    started = time.perf_counter()
    rows = files = 0
    folders = _la_folders(root)
    for folder in folders:
        result = load_paths(con, [folder], la_code=folder.parent.name)
        if not result.ok:
            raise SystemExit(f"{folder}: load refused: {result.errors[:3]}")
        rows += sum(result.rows.values())
        files += len(result.files)
    seconds = time.perf_counter() - started
    con.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    return {
        "authorities": len(folders),
        "files": files,
        "rows": rows,
        "seconds": round(seconds, 1),
        "rows_per_second": round(rows / seconds) if seconds else None,
        "peak_mb": round(peak_mb),
        "db_mb": round(db_path.stat().st_size / 2**20, 1),
    }


def _run_child(root: Path, db_path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--one", str(root), "--db", str(db_path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", type=Path, default=None, help="existing demo extracts (default: generate)")
    parser.add_argument("--scale", type=int, default=20, help="authorities in the large set (0 = skip)")
    parser.add_argument("--generate-large", action="store_true", help="generate the large set (slow)")
    parser.add_argument("--one", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(load_one_set(args.one, args.db)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        sets = []
        demo = args.demo
        if demo is None:
            demo = tmp_path / "demo"
            _generate(demo, 1)
        sets.append(("demo authority", demo))
        if args.scale:
            large = tmp_path / "large"
            if args.generate_large:
                _generate(large, args.scale)
            else:
                _copy(demo, large, args.scale)
            sets.append((f"{args.scale} authorities", large))
        print(
            f"{'set':<16} {'LAs':>4} {'files':>6} {'rows':>10} {'s':>7} {'rows/s':>9} "
            f"{'peak MB':>8} {'db MB':>7}"
        )
        for name, root in sets:
            r = _run_child(root, tmp_path / f"{name.split()[0]}.duckdb")
            print(
                f"{name:<16} {r['authorities']:>4} {r['files']:>6} {r['rows']:>10,} {r['seconds']:>7} "
                f"{r['rows_per_second']:>9,} {r['peak_mb']:>8} {r['db_mb']:>7}"
            )


if __name__ == "__main__":
    main()
