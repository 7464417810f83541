"""``python -m cscdash load``, ``validate``, ``rebuild`` and ``backup``: the command-line face of the loader.

``load`` and ``validate`` print the problem report (text or CSV) and exit 1 when there are errors, so a
script or a scheduled job can tell a refused load from a good one; ``load`` exits 2 when another load
holds the database. Progress goes to stderr so that a CSV report on stdout stays clean.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from cscdash import app_store, pipeline
from cscdash.extracts.fields import year_label
from cscdash.extracts.loader import LoadResult, validate_paths
from cscdash.extracts.problems import format_csv, format_text
from cscdash.progress import terminal_progress
from cscdash.settings import load_settings, store_beside


def _summary(result: LoadResult, action: str) -> str:
    lines = [f"{len(result.files)} file(s) read"]
    for f in result.files:
        lines.append(
            f"  {f['file']}: {f['layout']}{' ' + f['table'] if f.get('table') else ''}, {f['rows']} rows"
        )
    if result.ok:
        if result.changes:
            lines.append(f"{action} as load {result.load_id}:" if result.load_id else "would change:")
            for table, c in sorted(result.changes.items()):
                lines.append(
                    f"  {table}: {c['inserted']} inserted, {c['updated']} updated, {c['deleted']} deleted"
                )
        if result.note:
            lines.append(result.note)
        lines += _coverage_lines(result)
    else:
        lines.append(f"NOT {action.upper()}: {len(result.errors)} error(s); the database is unchanged.")
    return "\n".join(lines)


def _coverage_lines(result: LoadResult) -> list[str]:
    """What the returns read cover, one line per LA and source: 'ssda903: full returns 2018-19 to
    2025-26; in-year extract 2026-27 to 31/10/2026 (--as-at)'."""
    if not result.coverage:
        return []
    lines = ["What the returns read cover (their indicators run to these dates):"]
    by_source: dict[tuple[str, str], list] = {}
    for c in result.coverage:
        by_source.setdefault((c.la_code, c.source), []).append(c)
    for (la, source), covers in sorted(by_source.items()):
        covers.sort(key=lambda c: (c.period_end is None, c.period_end))
        last = covers[-1]
        end = f"{last.period_end:%d/%m/%Y}" if last.period_end else "no dates"
        full = [c for c in covers if c.kind == "full return"]
        parts = []
        if full:
            years = sorted(year_label(int(c.collection_year)) for c in full)
            parts.append(f"full returns {years[0]}" + (f" to {years[-1]}" if len(years) > 1 else ""))
        for c in covers:
            if c.kind == "in-year extract":
                parts.append(
                    f"in-year extract {year_label(int(c.collection_year))} to {end} ({c.as_at_from})"
                )
        if last.kind in ("snapshot", "census"):
            parts.append(f"{len(covers)} {last.kind}(s), the latest {end}")
        if last.kind == "local file" and last.period_start is None:
            parts.append("local file with no dates (a current list)")
        elif last.kind == "local file":
            parts.append(f"local file, {last.period_start:%d/%m/%Y} to {end} ({last.as_at_from})")
        lines.append(f"  {la} {source}: {'; '.join(parts)}")
    return lines


def _report(result: LoadResult, fmt: str, action: str) -> int:
    if fmt == "csv":
        sys.stdout.write(format_csv(result.problems))
        print(_summary(result, action), file=sys.stderr)
    else:
        print(_summary(result, action))
        print(format_text(result.problems))
    return 0 if result.ok else 1


def run_load(args: argparse.Namespace) -> int:
    """Load PATH... into --db and leave it ready for the app; exit 1 with the problems when anything is an
    error (the database is then exactly as it was), 2 when another load holds the database."""
    started = time.perf_counter()
    try:
        result = pipeline.load(
            args.db,
            args.paths,
            la_code=args.la,
            as_at=args.as_at,
            allow_older=args.allow_older,
            progress=terminal_progress(),
            wait=args.wait,
            store=_store_for(args.db),
        )
    except pipeline.LoadBusy as exc:
        print(str(exc), file=sys.stderr)
        return 2
    code = _report(result, args.format, "loaded")
    if result.ok:
        stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in result.seconds.items())
        print(
            f"Database ready for the app: {args.db} in {time.perf_counter() - started:.1f} s ({stages})",
            file=sys.stderr,
        )
    return code


def run_validate(args: argparse.Namespace) -> int:
    """Check PATH... as a load would, writing nothing."""
    result = validate_paths(args.paths, la_code=args.la, progress=terminal_progress(), as_at=args.as_at)
    return _report(result, args.format, "validated")


def run_rebuild(args: argparse.Namespace) -> int:
    """Rebuild the reference tables and views of --db (after upgrading cscdash); the extracts stay."""
    try:
        pipeline.rebuild(args.db, terminal_progress(), wait=args.wait, store=_store_for(args.db))
    except pipeline.LoadBusy as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Rebuilt {args.db}", file=sys.stderr)
    return 0


def run_backup(args: argparse.Namespace) -> int:
    """Copy the database and its app store into --out (safe while the app runs and while a load runs:
    the database file is only ever replaced whole, and the store is copied with SQLite's backup)."""
    db_path, out = Path(args.db), Path(args.out)
    if not db_path.exists():
        print(f"No database at {db_path}.", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    with open(db_path, "rb") as source, open(out / f"{db_path.stem}-{stamp}.duckdb", "wb") as copy:
        shutil.copyfileobj(source, copy, 1 << 20)  # one open file: a load's rename cannot split the copy
    store = _store_for(db_path)
    written = [out / f"{db_path.stem}-{stamp}.duckdb"]
    if store.exists():
        written.append(app_store.backup(store, out / f"{store.stem}-{stamp}.sqlite"))
    for path in written:
        print(f"wrote {path}")
    return 0


def _store_for(db_path: Path) -> Path:
    """The app store that goes with a database: the setting when it names one, else beside the database."""
    settings = load_settings()
    return settings.store_path if settings.store_path is not None else store_beside(Path(db_path))
