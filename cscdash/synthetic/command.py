"""``python -m cscdash demo``: make the synthetic demo extracts, then load them like a council's own files.

The demo goes through the same loader as real extracts (``cscdash.extracts.loader.load_paths``), so
a demo that loads is also a test of the loader. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cscdash.synthetic.generate import generate


def _progress(message: str, fraction: float) -> None:
    print(
        f"\r[{fraction:4.0%}] {message[:70]:<70}",
        end="" if fraction < 1 else "\n",
        file=sys.stderr,
        flush=True,
    )


def run_demo(args: argparse.Namespace) -> int:
    """Generate ``args.authorities`` synthetic authorities into ``args.out`` and, unless ``--no-load``,
    load each into ``args.db``; returns the exit code (1 if the loader is missing or refuses a file)."""
    started = time.perf_counter()
    print(
        f"Generating synthetic data (seed {args.seed}, to {args.end_month:%B %Y}) into {args.out}",
        file=sys.stderr,
    )
    folders = generate(
        Path(args.out),
        seed=args.seed,
        end_month=args.end_month,
        n_authorities=args.authorities,
        progress=_progress,
    )
    print(
        f"Generated {len(folders)} authority folder(s) in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    if args.no_load:
        return 0
    from cscdash import bootstrap, db

    started = time.perf_counter()
    con = db.connect(args.db)
    try:
        # the same steps as the app's first run: reference tables, each authority's load, the views
        bootstrap.load_folders(con, folders, _progress)
    except RuntimeError as exc:
        print(
            f"\nThe demo failed its own load checks; the database is unchanged for that authority.\n{exc}",
            file=sys.stderr,
        )
        return 1
    finally:
        con.close()
    print(f"Loaded into {args.db} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
