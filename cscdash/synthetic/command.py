"""``python -m cscdash demo``: make the synthetic demo extracts, then load them like a council's own files.

The demo goes through the same loader as real extracts (``cscdash.extracts.loader.load_paths``), so
a demo that loads is also a test of the loader. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

from cscdash.synthetic.generate import generate

#: What the app's first-run build (``cscdash.bootstrap``) does around the load, so that
#: ``python -m cscdash indicators`` works on a demo database: reference tables before the load (they
#: replace whole tables, so the demo's own population rows must come after), the views after it.
REFERENCE_STEPS = (
    ("cscdash.reference", "load_reference"),
    ("cscdash.benchmarks.database", "install"),
    ("cscdash.targets", "ensure_targets"),
)
VIEW_STEPS = (("cscdash.db", "build_views"),)


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
    try:
        from cscdash.extracts.loader import load_paths
    except ImportError as exc:
        print(
            f"Cannot load the demo: the extract loader is not available ({exc}). "
            "The files are written; load them later with python -m cscdash load.",
            file=sys.stderr,
        )
        return 1
    from cscdash import db

    started = time.perf_counter()
    con = db.connect(args.db)
    try:
        db.ensure_schema(con)
        _run_steps(con, REFERENCE_STEPS)
        for folder in folders:
            la_code = folder.parent.name
            result = load_paths(con, [folder], la_code=la_code, progress=_progress)
            if not result.ok:
                print(
                    f"Loading {folder} failed with {len(result.errors)} error(s); the database is unchanged "
                    "for this authority. First errors:",
                    file=sys.stderr,
                )
                for problem in result.errors[:10]:
                    print(f"  {problem}", file=sys.stderr)
                return 1
        _run_steps(con, VIEW_STEPS)
    finally:
        con.close()
    print(f"Loaded into {args.db} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


def _run_steps(con, steps: tuple[tuple[str, str], ...]) -> None:
    """Call each available ``module.function(con)``; a part not written yet is skipped with a message."""
    for module_name, func_name in steps:
        try:
            func = getattr(importlib.import_module(module_name), func_name)
        except (ImportError, AttributeError):
            print(f"Skipped {module_name}.{func_name}: not available yet", file=sys.stderr)
            continue
        func(con)
