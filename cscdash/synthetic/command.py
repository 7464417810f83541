"""``python -m cscdash demo``: make the synthetic demo extracts, then load them like a council's own files.

The demo goes through the same function as ``python -m cscdash load`` (:func:`cscdash.pipeline.load`),
so a demo that loads is also a test of the council's path. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cscdash.progress import terminal_progress
from cscdash.synthetic.generate import generate


def run_demo(args: argparse.Namespace) -> int:
    """Generate ``args.authorities`` synthetic authorities into ``args.out`` and, unless ``--no-load``,
    load each into ``args.db``; returns the exit code (1 if the loader is missing or refuses a file)."""
    started = time.perf_counter()
    progress = terminal_progress()
    print(
        f"Generating synthetic data (seed {args.seed}, to {args.end_month:%B %Y}) into {args.out}",
        file=sys.stderr,
    )
    folders = generate(
        Path(args.out),
        seed=args.seed,
        end_month=args.end_month,
        n_authorities=args.authorities,
        progress=progress,
    )
    print(
        f"Generated {len(folders)} authority folder(s) in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    if args.no_load:
        return 0
    from cscdash import bootstrap

    started = time.perf_counter()
    try:
        # exactly what `python -m cscdash load <folder> --la E06999999 --as-at <end month>` does
        bootstrap.load_demo_files(Path(args.db), folders, args.end_month, progress)
    except RuntimeError as exc:
        print(f"\nThe demo failed its own load checks; the database is unchanged.\n{exc}", file=sys.stderr)
        return 1
    print(f"Loaded into {args.db} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
