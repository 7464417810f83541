"""Loading extract files into DuckDB's raw tables, all or nothing.

:func:`load_paths` reads and checks every file (:mod:`cscdash.extracts.returns`) and decides the period
each return covers (:mod:`cscdash.extracts.coverage`); if any problem is an error it stops there and writes
nothing. Otherwise it merges each raw table with what is already loaded (a return replaces the rows of the
year, snapshot date or period it covers; across years the latest return wins; episodes are stitched) and
writes the changes, the coverage, the ``loads`` row and the warnings in ONE transaction: on any failure
the database is exactly as it was, load log included.

A load that would change no row writes nothing at all (not even a ``loads`` row), so loading the same
files again changes nothing. :func:`validate_paths` runs the same checks, stitching included, against
a throw-away in-memory database.

This is the raw-table step only. A database the app can open (reference tables, benchmarks, targets,
views) comes from :func:`cscdash.pipeline.load`, which calls this on a copy of the database.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from cscdash import db
from cscdash.extracts import coverage, local, returns, store
from cscdash.extracts.problems import ERROR, WARNING, Problem, ProblemLog, problems_frame
from cscdash.extracts.returns import Progress

SQL_DIR = Path(__file__).resolve().parent / "sql"
#: Raw tables whose rows are stitched across returns rather than simply replaced by the latest.
STITCHED = {"ssda903_episodes"}
#: Called with the connection and the LAs a load changed (None: it may have changed any LA's figures)
#: just before the load commits, so what it writes (cscdash.refresh) is part of the same transaction.
BeforeCommit = Callable[[duckdb.DuckDBPyConnection, "set[str] | None"], None]


@dataclass
class LoadResult:
    """What a load (or a validation) found and did."""

    ok: bool
    load_id: int | None
    problems: list[Problem]
    rows: dict[str, int] = field(default_factory=dict)  # rows read per raw table
    files: list[dict] = field(default_factory=list)  # file, path, sha256, layout, table, rows
    changes: dict[str, dict[str, int]] = field(default_factory=dict)  # table -> inserted/updated/deleted
    note: str = ""
    coverage: list[coverage.Coverage] = field(default_factory=list)  # what each return read covers
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> seconds (cscdash.pipeline.load)
    table_seconds: dict[str, float] = field(default_factory=dict)  # stored table -> seconds refreshing it

    @property
    def errors(self) -> list[Problem]:
        """Problems that stopped the load."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """Problems loaded and recorded."""
        return [p for p in self.problems if not p.is_error]


def _step(progress: Progress | None, message: str, fraction: float) -> None:
    if progress is not None:
        progress(message, fraction)


def load_paths(
    con: duckdb.DuckDBPyConnection,
    paths: Sequence[Path],
    la_code: str | None = None,
    progress: Progress | None = None,
    as_at: date | None = None,
    allow_older: bool = False,
    today: date | None = None,
    local_specs: Path | None = None,
    before_commit: BeforeCommit | None = None,
) -> LoadResult:
    """Load files and folders (searched recursively) as one load in one transaction.

    On any error-severity problem nothing is written and the result lists the problems (``ok`` False).
    ``la_code`` names the LA for files that do not carry it (SSDA903 CSV, Annex A, CSWW CSV, local files);
    a file whose own LA disagrees with it is an error. ``as_at`` is the date an in-year extract was taken
    (``--as-at``); ``allow_older`` loads an extract older than the one of the same year already loaded;
    ``today`` decides which collection years have ended (a test fixes it); ``local_specs`` is a folder of
    local source specifications read besides ``specs/local/`` (:func:`cscdash.extracts.local.specs_from`).
    ``before_commit`` runs inside the transaction when the load changes anything (:data:`BeforeCommit`);
    if it raises, the load is undone like any other failure.
    """
    with local.specs_from(local_specs):
        return _load(con, paths, la_code, progress, as_at, allow_older, today, before_commit)


def _load(
    con: duckdb.DuckDBPyConnection,
    paths: Sequence[Path],
    la_code: str | None,
    progress: Progress | None,
    as_at: date | None,
    allow_older: bool,
    today: date | None,
    before_commit: BeforeCommit | None = None,
) -> LoadResult:
    started = datetime.now()
    log = ProblemLog()
    staged = returns.read_all(list(paths), la_code, log, progress)
    rules = coverage.CoverageRules(as_at=as_at, today=today or date.today())
    covers = coverage.decide(staged.returns, rules, log)
    rows = {t: sum(len(f) for f in frames) for t, frames in staged.tables.items()}

    def refused(note: str) -> LoadResult:
        return LoadResult(False, None, log.items, rows, staged.files, note=note, coverage=covers)

    if log.errors:
        return refused("not loaded: errors found")
    con.begin()
    try:
        db.ensure_schema(con)
        loaded_cover = con.table("load_coverage").df()
        coverage.older_than_loaded(covers, loaded_cover, log, WARNING if allow_older else ERROR)
        if log.errors:
            con.rollback()
            return refused("not loaded: errors found")
        changes = _plan_all(con, staged, covers, log, progress)
        cover_rows = coverage.merged(loaded_cover, covers)
        cover_changed = _coverage_changed(loaded_cover, cover_rows)
        if not any(c.changed for c in changes.values()) and not cover_changed:
            con.rollback()
            return LoadResult(
                True,
                None,
                log.items,
                rows,
                staged.files,
                note="nothing to change: every row was already loaded",
                coverage=covers,
            )
        load_id = int(con.execute(db.read_sql(SQL_DIR / "next_load_id.sql")).fetchall()[0][0])
        for i, (table, change) in enumerate(changes.items()):
            _step(progress, f"writing {table}", 0.9 + 0.1 * i / max(len(changes), 1))
            if change.changed:
                store.write_changes(con, table, change, load_id)
        _write_coverage(con, cover_rows, load_id)
        summary = {
            t: {"inserted": c.inserted, "updated": c.updated, "deleted": c.deleted}
            for t, c in changes.items()
            if c.changed
        }
        note = "; ".join(coverage.replacement_notes(loaded_cover, covers))
        _log_load(con, load_id, started, staged.files, summary, log, note)
        if before_commit is not None:
            before_commit(con, _changed_las(staged, covers, changes))
        con.commit()
    except Exception as exc:  # the transaction is undone whatever went wrong
        con.rollback()
        log.add(ERROR, "LOAD_FAILED", "", f"the load was undone: {type(exc).__name__}: {exc}")
        return refused("not loaded: database error")
    _step(progress, "done", 1.0)
    return LoadResult(True, load_id, log.items, rows, staged.files, summary, note=note, coverage=covers)


def validate_paths(
    paths: Sequence[Path],
    la_code: str | None = None,
    progress: Progress | None = None,
    as_at: date | None = None,
    local_specs: Path | None = None,
) -> LoadResult:
    """The same checks as :func:`load_paths` (stitching included); nothing is written anywhere."""
    con = db.connect(None)
    try:
        result = load_paths(con, paths, la_code, progress, as_at=as_at, local_specs=local_specs)
    finally:
        con.close()
    result.load_id = None
    result.note = "validated only: nothing written" if result.ok else result.note
    return result


def _plan_all(
    con: duckdb.DuckDBPyConnection,
    staged: returns.Staged,
    covers: list[coverage.Coverage],
    log: ProblemLog,
    progress: Progress | None,
) -> dict[str, store.TableChange]:
    """Each table's change, per LA: the tables the load has rows for, and the tables of every return it
    covers (an in-year extract with no protection plans this time still replaces the year's plans)."""
    tables = set(staged.tables) | {t for c in covers for t in coverage.tables_of(c.source)}
    unreplaced = local.unreplaced_tables()  # reference files: rows merged by key only, whatever their LA
    changes: dict[str, store.TableChange] = {}
    for i, table in enumerate(sorted(tables)):
        _step(progress, f"merging {table}", 0.8 + 0.1 * i / max(len(tables), 1))
        new = staged.frame(table) if table in staged.tables else _no_rows(con, table)
        key = staged.keys.get(table) or []
        if table in unreplaced:
            changes[table] = store.plan_changes(con, table, None, new, key, log)
            continue
        las = set(new["la_code"].dropna().astype(str).unique())  # unique first: 400,000 rows, a few LAs
        las |= {c.la_code for c in covers if table in coverage.tables_of(c.source)}
        for la in sorted(las):
            part = new[new["la_code"] == la]
            replace = coverage.replaced_rows(table, la, covers)
            years = None
            if table in STITCHED:
                years = store.years_in_table(con, table, la) | set(part["collection_year"].astype(int))
            if not key and part.empty and replace is None:
                continue
            change = store.plan_changes(
                con, table, la, part, key or _table_key(table), log, stitch_years=years, replace=replace
            )
            changes[table] = _combine(changes.get(table), change)
    return changes


def _changed_las(
    staged: returns.Staged, covers: list[coverage.Coverage], changes: dict[str, store.TableChange]
) -> set[str] | None:
    """The LAs whose rows a load changed: those of its rows and of the returns it covers (the only LAs
    :func:`_plan_all` plans changes for). None when it changed a reference source's table, whose rows
    are merged by key whatever their LA, so any LA's figures may move."""
    if any(changes[t].changed for t in local.unreplaced_tables() & set(changes)):
        return None
    las = {c.la_code for c in covers}
    for frames in staged.tables.values():
        for frame in frames:
            if "la_code" in frame.columns:
                las |= set(frame["la_code"].dropna().astype(str).unique())
    return las


def _no_rows(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """An empty frame with a raw table's columns (a return that brings none of that table's rows)."""
    columns = [c for c in con.table(table).columns if c not in store.BOOKKEEPING]
    return pd.DataFrame({c: pd.Series(dtype="object") for c in [*columns, "row_ref"]})


def _table_key(table: str) -> list[str]:
    """A table's natural key from its return's specification (when the load brought none of its rows)."""
    return ["la_code", *returns.table_key(table)]


def _coverage_changed(before: pd.DataFrame, after: pd.DataFrame) -> bool:
    """True when the load changes what the database says its returns cover."""
    if after.empty:
        return False
    columns = ["la_code", "source", "collection_year", "period_start", "period_end", "kind"]
    pairs = after[["la_code", "source"]].drop_duplicates()
    old = before.merge(pairs, on=["la_code", "source"]) if not before.empty else before
    if len(old) != len(after):
        return True

    def canon(df: pd.DataFrame) -> list[tuple]:
        df = df[columns].copy()
        for column in ("period_start", "period_end"):
            df[column] = pd.to_datetime(df[column]).dt.strftime("%Y-%m-%d")
        df["collection_year"] = pd.to_numeric(df["collection_year"]).astype("Int64")
        return sorted(tuple(str(v) for v in row) for row in df.astype("string").itertuples(index=False))

    return canon(old) != canon(after)


def _write_coverage(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, load_id: int) -> None:
    """Replace the coverage rows of the (LA, source) pairs this load brings (sql/replace_coverage.sql)."""
    if rows.empty:
        return
    con.register("coverage_rows", rows.assign(load_id=load_id))
    try:
        con.execute(db.read_sql(SQL_DIR / "replace_coverage.sql"))
    finally:
        con.unregister("coverage_rows")


def _combine(a: store.TableChange | None, b: store.TableChange) -> store.TableChange:
    if a is None:
        return b
    return store.TableChange(
        a.inserted + b.inserted,
        a.updated + b.updated,
        a.deleted + b.deleted,
        pd.concat([a.staged, b.staged], ignore_index=True),
        pd.concat([a.doomed, b.doomed], ignore_index=True),
    )


def _log_load(
    con: duckdb.DuckDBPyConnection,
    load_id: int,
    started: datetime,
    files: list[dict],
    summary: dict,
    log: ProblemLog,
    note: str = "",
) -> None:
    """The ``loads`` row (with what it replaced in ``note``) and the warnings, by sql/insert_load.sql."""
    load_row = pd.DataFrame(
        [
            {
                "load_id": load_id,
                "started_at": started,
                "finished_at": datetime.now(),
                "outcome": "loaded",
                "files_json": json.dumps(
                    [{k: f[k] for k in ("file", "sha256", "layout", "rows")} for f in files]
                ),
                "rows_json": json.dumps(summary),
                "n_errors": 0,
                "n_warnings": len(log.warnings),
                "note": note,
            }
        ]
    )
    problem_rows = problems_frame(log.warnings).assign(load_id=load_id)
    con.register("load_row", load_row)
    con.register("load_problem_rows", problem_rows)
    con.execute(db.read_sql(SQL_DIR / "insert_load.sql"))
    con.unregister("load_row")
    con.unregister("load_problem_rows")
