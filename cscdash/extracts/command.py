"""``python -m cscdash load`` and ``validate``: the command-line face of the loader.

Both print the problem report (text or CSV) and exit 1 when there are errors, so a script or a
scheduled job can tell a refused load from a good one. Progress goes to stderr so that a CSV report
on stdout stays clean.
"""

from __future__ import annotations

import argparse
import sys

from cscdash import db
from cscdash.extracts.loader import LoadResult, load_paths, validate_paths
from cscdash.extracts.problems import format_csv, format_text


def _progress(message: str, fraction: float) -> None:
    print(
        f"\r[{fraction:4.0%}] {message[:70]:<70}",
        end="" if fraction < 1 else "\n",
        file=sys.stderr,
        flush=True,
    )


def _summary(result: LoadResult, action: str) -> str:
    lines = [f"{len(result.files)} file(s) read"]
    for f in result.files:
        lines.append(
            f"  {f['file']}: {f['layout']}{' ' + f['table'] if f.get('table') else ''}, {f['rows']} rows"
        )
    if result.ok:
        if result.changes:
            lines.append(f"{action} as load {result.load_id}:")
            for table, c in sorted(result.changes.items()):
                lines.append(
                    f"  {table}: {c['inserted']} inserted, {c['updated']} updated, {c['deleted']} deleted"
                )
        if result.note:
            lines.append(result.note)
    else:
        lines.append(f"NOT {action.upper()}: {len(result.errors)} error(s); the database is unchanged.")
    return "\n".join(lines)


def _report(result: LoadResult, fmt: str, action: str) -> int:
    if fmt == "csv":
        sys.stdout.write(format_csv(result.problems))
        print(_summary(result, action), file=sys.stderr)
    else:
        print(_summary(result, action))
        print(format_text(result.problems))
    return 0 if result.ok else 1


def run_load(args: argparse.Namespace) -> int:
    """Load PATH... into --db; exit 1 with the problems when anything is an error."""
    con = db.connect(args.db)
    try:
        result = load_paths(con, args.paths, la_code=args.la, progress=_progress)
    finally:
        con.close()
    return _report(result, args.format, "loaded")


def run_validate(args: argparse.Namespace) -> int:
    """Check PATH... as a load would, writing nothing."""
    result = validate_paths(args.paths, la_code=args.la, progress=_progress)
    return _report(result, args.format, "validated")
