"""Loading extract files into DuckDB, all or nothing.

:func:`load_paths` reads and checks every file (:mod:`cscdash.extracts.returns`); if any problem is an
error it stops there and writes nothing. Otherwise it merges each raw table with what is already
loaded (latest return wins, episodes stitched, Annex A snapshots replaced) and writes the changes, the
``loads`` row and the warnings in ONE transaction: on any failure the database is exactly as it was,
load log included.
A load that would change no row writes nothing at all (not even a ``loads`` row), so loading the same
files again changes nothing. :func:`validate_paths` runs the same checks, stitching included, against
a throw-away in-memory database.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from cscdash import db
from cscdash.extracts import returns, store
from cscdash.extracts.problems import ERROR, Problem, ProblemLog, problems_frame
from cscdash.extracts.returns import Progress

SQL_DIR = Path(__file__).resolve().parent / "sql"
#: Raw tables whose rows are stitched across returns rather than simply replaced by the latest.
STITCHED = {"ssda903_episodes"}
#: Snapshot tables: a load replaces every row of each (LA, snapshot date) it brings.
SNAPSHOT_COLUMN = {"annexa_cla": "snapshot_date", "annexa_care_leavers": "snapshot_date"}


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
) -> LoadResult:
    """Load files and folders (searched recursively) as one load in one transaction.

    On any error-severity problem nothing is written and the result lists the problems (``ok`` False).
    ``la_code`` names the LA for files that do not carry it (SSDA903 CSV, Annex A, CSWW CSV, local files);
    a file whose own LA disagrees with it is an error.
    """
    started = datetime.now()
    log = ProblemLog()
    staged = returns.read_all(list(paths), la_code, log, progress)
    rows = {t: sum(len(f) for f in frames) for t, frames in staged.tables.items()}
    if log.errors:
        return LoadResult(False, None, log.items, rows, staged.files, note="not loaded: errors found")
    con.begin()
    try:
        db.ensure_schema(con)
        changes = _plan_all(con, staged, log, progress)
        if not any(c.changed for c in changes.values()):
            con.rollback()
            return LoadResult(
                True,
                None,
                log.items,
                rows,
                staged.files,
                note="nothing to change: every row was already loaded",
            )
        load_id = int(con.execute(db.read_sql(SQL_DIR / "next_load_id.sql")).fetchall()[0][0])
        for i, (table, change) in enumerate(changes.items()):
            _step(progress, f"writing {table}", 0.9 + 0.1 * i / max(len(changes), 1))
            if change.changed:
                store.write_changes(con, table, change, load_id)
        summary = {
            t: {"inserted": c.inserted, "updated": c.updated, "deleted": c.deleted}
            for t, c in changes.items()
        }
        _log_load(con, load_id, started, staged.files, summary, log)
        con.commit()
    except Exception as exc:  # the transaction is undone whatever went wrong
        con.rollback()
        log.add(ERROR, "LOAD_FAILED", "", f"the load was undone: {type(exc).__name__}: {exc}")
        return LoadResult(False, None, log.items, rows, staged.files, note="not loaded: database error")
    _step(progress, "done", 1.0)
    return LoadResult(True, load_id, log.items, rows, staged.files, summary)


def validate_paths(
    paths: Sequence[Path], la_code: str | None = None, progress: Progress | None = None
) -> LoadResult:
    """The same checks as :func:`load_paths` (stitching included); nothing is written anywhere."""
    con = db.connect(None)
    try:
        result = load_paths(con, paths, la_code, progress)
    finally:
        con.close()
    result.load_id = None
    result.note = "validated only: nothing written" if result.ok else result.note
    return result


def _plan_all(
    con: duckdb.DuckDBPyConnection, staged: returns.Staged, log: ProblemLog, progress: Progress | None
) -> dict[str, store.TableChange]:
    changes: dict[str, store.TableChange] = {}
    for i, table in enumerate(sorted(staged.tables)):
        _step(progress, f"merging {table}", 0.8 + 0.1 * i / max(len(staged.tables), 1))
        new = staged.frame(table)
        key = staged.keys[table]
        if table == "ref_population":
            changes[table] = store.plan_changes(con, table, None, new, key, log)
            continue
        for la, part in new.groupby("la_code", sort=True):
            years = None
            if table in STITCHED:
                years = store.years_in_table(con, table, str(la)) | set(part["collection_year"].astype(int))
            change = store.plan_changes(
                con, table, str(la), part, key, log, stitch_years=years, replace_by=SNAPSHOT_COLUMN.get(table)
            )
            changes[table] = _combine(changes.get(table), change)
    return changes


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
) -> None:
    """The ``loads`` row and the warnings, written by sql/insert_load.sql."""
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
                "note": "",
            }
        ]
    )
    problem_rows = problems_frame(log.warnings).assign(load_id=load_id)
    con.register("load_row", load_row)
    con.register("load_problem_rows", problem_rows)
    con.execute(db.read_sql(SQL_DIR / "insert_load.sql"))
    con.unregister("load_row")
    con.unregister("load_problem_rows")
