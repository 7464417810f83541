"""The app store: what people write in the app, in a file of its own that no load touches.

Why SQLite and not the indicator database: the indicator database is replaced whole by every load (see
:mod:`cscdash.pipeline`) and is read-only to the app, and DuckDB lets only one process write a file at a
time. What people write (target edits and their audit log, commentary and its versions) must survive
every load and be written by any app process at any moment, a few rows at a time: SQLite in WAL mode
does exactly that, with short transactions, several readers and one writer across processes, from
Python's standard library.

The store sits next to the database (``data/mycouncil.duckdb`` -> ``data/mycouncil.store.sqlite``) unless
the ``store_path`` setting says otherwise. The indicator database can be rebuilt from the extracts; the
store cannot, so it is what a backup must keep (``python -m cscdash backup``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from cscdash import db
from cscdash.formatting import as_number

SQL_DIR = Path(__file__).resolve().parent / "app_store_sql"
#: Columns of a target edit, as the audit log shows them.
EDIT_COLUMNS = (
    "edit_id",
    "edited_at",
    "edited_by",
    "indicator_id",
    "from_date",
    "target",
    "intervention",
    "target_upper",
    "intervention_upper",
    "old_target",
    "old_intervention",
    "old_target_upper",
    "old_intervention_upper",
    "reason",
    "source",
)


def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@contextmanager
def connect(path: str | Path) -> Iterator[sqlite3.Connection]:
    """A short-lived connection to the store (created with its schema if new), closed afterwards.

    WAL mode lets readers carry on while one writer commits; ``timeout`` makes a writer wait for another
    rather than fail at once.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=15)
    try:
        con.executescript(_sql("schema"))
        yield con
    finally:
        con.close()


def content_stamp(path: str | Path) -> tuple[int, ...]:
    """The latest id of each table a board pack reads (commentary, approvals, running orders, target
    edits): it changes exactly when what people wrote for the pack does (content_stamp.sql says why the
    audit log of child lists is not part of it)."""
    with connect(path) as con:
        return tuple(int(n) for n in con.execute(_sql("content_stamp")).fetchone())


def add_target_edit(path: str | Path, edit: dict) -> int:
    """Append one target edit (one short transaction); returns its edit_id."""
    with connect(path) as con, con:
        cursor = con.execute(_sql("insert_target_edit"), {**edit, **_text_dates(edit)})
        return int(cursor.lastrowid or 0)


def _text_dates(edit: dict) -> dict:
    """SQLite keeps dates as ISO text."""
    return {k: str(edit[k]) for k in ("edited_at", "from_date") if edit.get(k) is not None}


def target_edits(path: str | Path) -> pd.DataFrame:
    """Every target edit, oldest first (empty, with the columns, for a store that does not exist yet)."""
    if not Path(path).exists():
        return pd.DataFrame(columns=list(EDIT_COLUMNS))
    with connect(path) as con:
        frame = pd.read_sql_query(_sql("target_edits"), con)
    frame["from_date"] = pd.to_datetime(frame["from_date"]).dt.date
    frame["edited_at"] = pd.to_datetime(frame["edited_at"])
    return frame


def import_legacy_target_edits(path: str | Path, database: str | Path) -> int:
    """Move target edits kept in an indicator database by earlier versions into the store, once.

    Earlier versions kept analysts' edits in the indicator database (``target_changes``), where a load
    could lose them. When the store has no edit yet and the database has some, they are copied across
    (oldest first) and the count returned; otherwise nothing happens.
    """
    con = db.connect(database)
    try:
        if "target_changes" not in db.table_names(con):
            return 0
        legacy = con.table("target_changes").order("change_id").df()
    finally:
        con.close()
    if legacy.empty:
        return 0
    with connect(path) as store:
        if store.execute(_sql("count_target_edits")).fetchone()[0]:
            return 0
        with store:
            for row in legacy.to_dict("records"):
                edit = {
                    "edited_at": row["changed_at"],
                    "edited_by": row["changed_by"],
                    "indicator_id": row["indicator_id"],
                    "from_date": pd.Timestamp(row["from_date"]).date(),
                    "reason": row["reason"],
                    "source": "edited in the app",
                }
                for field in ("target", "intervention", "target_upper", "intervention_upper"):
                    edit[field] = as_number(row.get(f"new_{field}"))
                    edit[f"old_{field}"] = as_number(row.get(f"old_{field}"))
                store.execute(_sql("insert_target_edit"), {**edit, **_text_dates(edit)})
    return len(legacy)


#: Columns of a commentary version (cscdash.commentary).
COMMENTARY_COLUMNS = (
    "version_id",
    "indicator_id",
    "la_code",
    "period_end",
    "going_well",
    "worried_about",
    "doing_about",
    "author",
    "written_at",
)


def add_commentary(path: str | Path, entry: dict) -> int:
    """Append one version of an indicator's commentary (one short transaction); returns its version_id."""
    row = {**entry, "period_end": str(entry["period_end"]), "written_at": str(entry["written_at"])}
    with connect(path) as con, con:
        cursor = con.execute(_sql("insert_commentary"), row)
        return int(cursor.lastrowid or 0)


def commentary_versions(
    path: str | Path, indicator_id: str, la_code: str, period_end: object
) -> pd.DataFrame:
    """Every version of one indicator's commentary for month ends up to ``period_end``, newest month and
    newest version first (empty, with the columns, for a store that does not exist yet)."""
    if not Path(path).exists():
        return pd.DataFrame(columns=list(COMMENTARY_COLUMNS))
    params = {"indicator_id": indicator_id, "la_code": la_code, "period_end": str(period_end)}
    with connect(path) as con:
        frame = pd.read_sql_query(_sql("commentary_versions"), con, params=params)
    frame["period_end"] = pd.to_datetime(frame["period_end"]).dt.date
    frame["written_at"] = pd.to_datetime(frame["written_at"])
    return frame


def add_exception_approval(path: str | Path, approval: dict) -> int:
    """Append one approval of an exception report; returns its approval_id."""
    with connect(path) as con, con:
        cursor = con.execute(_sql("insert_exception_approval"), approval)
        return int(cursor.lastrowid or 0)


def exception_approvals(path: str | Path) -> pd.DataFrame:
    """Every approval of an exception report, oldest first (empty, with the columns, without a store)."""
    columns = [
        "approval_id",
        "indicator_id",
        "la_code",
        "quarter_end",
        "approved_by",
        "approved_on",
        "recorded_at",
    ]
    if not Path(path).exists():
        return pd.DataFrame(columns=columns)
    with connect(path) as con:
        return pd.read_sql_query(_sql("exception_approvals"), con)


#: Columns of the child-list audit log (who opened or downloaded which list of children).
AUDIT_COLUMNS = (
    "audit_id",
    "at",
    "who",
    "role",
    "action",
    "list_id",
    "la_code",
    "period_end",
    "breakdown",
    "breakdown_value",
    "teams",
    "row_count",
)


def add_list_audit(path: str | Path, record: dict) -> int:
    """Append one opening or download of a child list (``record`` has every audit column but the id,
    with ``None`` for what does not apply); returns its audit_id."""
    values = {c: record.get(c) for c in AUDIT_COLUMNS[1:]}
    values = {k: (str(v) if k in ("at", "period_end") and v is not None else v) for k, v in values.items()}
    with connect(path) as con, con:
        return int(con.execute(_sql("insert_list_audit"), values).lastrowid or 0)


def list_audit(path: str | Path) -> pd.DataFrame:
    """Every opening and download of a child list, newest first (empty, with the columns, without a
    store)."""
    if not Path(path).exists():
        return pd.DataFrame(columns=list(AUDIT_COLUMNS))
    with connect(path) as con:
        return pd.read_sql_query(_sql("list_audit"), con)


def add_board_set(path: str | Path, board_set: dict) -> int:
    """Append one saved running order; returns its set_id."""
    with connect(path) as con, con:
        return int(con.execute(_sql("insert_board_set"), board_set).lastrowid or 0)


def board_sets(path: str | Path) -> pd.DataFrame:
    """Every saved running order, oldest first (empty, with the columns, without a store)."""
    if not Path(path).exists():
        return pd.DataFrame(columns=["set_id", "name", "indicator_ids", "saved_by", "saved_at"])
    with connect(path) as con:
        return pd.read_sql_query(_sql("board_sets"), con)


def backup(path: str | Path, destination: str | Path) -> Path:
    """A consistent copy of the store (SQLite's online backup: safe while the app writes to it)."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with connect(path) as source:
        target = sqlite3.connect(destination)
        try:
            source.backup(target)
        finally:
            target.close()
    return destination
