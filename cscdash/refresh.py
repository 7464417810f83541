"""Refreshing the stored intermediates for only the authorities a load changed (issue 18).

Why: the heavy intermediates (``Materialise: table``) are snapshots, and rebuilding every one for every
authority after each load costs as much as the whole build, so a database of 150 authorities took minutes
to take one council's monthly files. Every intermediate is computed per authority (each join, window and
grouping carries ``la_code``), so an authority's rows depend only on its own extracts and the reference
tables: a load that changed some authorities can delete those authorities' rows of each stored table, in
build order, and insert them again from the table's own select filtered to that ``la_code``, with every
table that has an ``la_code`` shadowed by that LA's rows while it runs (so the work is one LA's, whatever
the number of LAs); the other authorities' rows would come out the same and are left alone.

Exceptions, rebuilt whole (``create or replace table``, as the full build does):

* a table without an ``la_code`` column (the working-day calendar: reference data only);
* a table whose file, or any view or macro it reads, is headed ``Refresh: whole``: the mark says that one
  authority's rows read other authorities' rows (a ranking across LAs, a calendar of every LA), so a load
  into one LA moves the others' rows too, and so does everything built on it. No file needs it today.

:func:`cscdash.pipeline.load` calls :func:`refresh` inside the load's own transaction (all or nothing),
and only when the database was built by this version's SQL (``pipeline.is_current``); a new database, a
changed SQL file, or a load that changed a reference source (any LA's rows may move) gets the full build.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cscdash import db
from cscdash.extracts import templates
from cscdash.settings import QUERIES_DIR

#: A header line saying one authority's rows read other authorities' rows: rebuilt whole, with all it feeds.
REFRESH_WHOLE_MARK = re.compile(r"\brefresh:\s*whole\b", re.IGNORECASE)
#: An LA code as the loader stores it (E06000058, the synthetic E06999001): letters and digits only, so it
#: can be written into the statement as a literal (which DuckDB pushes into the scans; a parameter is not).
_LA_CODE = re.compile(r"^[A-Za-z0-9]{1,16}$")


@dataclass(frozen=True)
class RefreshPlan:
    """Every stored intermediate in build order, which of them are rebuilt whole (and why), and the
    tables shadowed by one LA's rows while the others are refreshed."""

    tables: list[db.QueryFile]
    whole: dict[str, str]  # name -> reason
    shadowed: list[str]

    def per_la(self) -> list[str]:
        """The tables refreshed one authority at a time."""
        return [t.name for t in self.tables if t.name not in self.whole]


def plan(con: duckdb.DuckDBPyConnection, queries_dir: Path = QUERIES_DIR) -> RefreshPlan | None:
    """What :func:`refresh` would do, or None when the database's stored tables are not those a full
    build of ``queries_dir`` makes (a table missing or still a view): then only the full build will do."""
    from cscdash.extracts import local  # here, not at the top: the extracts package imports db

    files = db.build_order(queries_dir)
    stored = [f for f in files if f.layer != db.MACROS and f.materialisable]
    kinds = db.relation_kinds(con)
    if any(kinds.get(f.name) != "table" for f in stored):
        return None
    marked = {f.name for f in files if REFRESH_WHOLE_MARK.search(f.header)}
    whole: dict[str, str] = {}
    for f in stored:
        if "la_code" not in con.table(f.name).columns:
            whole[f.name] = "no la_code column"
            continue
        reads = {g.name for g in db.build_order(queries_dir, only=[f.name])} & marked if marked else set()
        if reads:
            whole[f.name] = f"reads other authorities' rows ({', '.join(sorted(reads))}: Refresh: whole)"
    # every table with an la_code column, but a reference source's (its rows serve any LA)
    shared = local.unreplaced_tables()
    shadowed = [t for t in db.table_names(con) if t not in shared and "la_code" in con.table(t).columns]
    return RefreshPlan(stored, whole, shadowed)


def _la_literal(la_code: str) -> str:
    """An LA code as a quoted SQL literal, refused unless it is letters and digits only."""
    if not isinstance(la_code, str) or not _LA_CODE.match(la_code):
        raise ValueError(f"not an LA code: {la_code!r}")
    return f"'{la_code}'"


@contextmanager
def _one_authority(con: duckdb.DuckDBPyConnection, la: str, tables: list[str]) -> Iterator[None]:
    """Within the block every name in ``tables`` reads only ``la``'s rows (a temp view of the same name:
    sql_templates/shadow_la_rows.sql). Why not just filter the select: DuckDB computes a CTE that is read
    twice once, for every LA, before any outer filter applies; a shadow filters each table as it is read.
    On an error the shadows are left to the caller's rollback (the transaction is aborted by then)."""
    fragments = {"la": la, "catalog": _catalog(con)}
    for name in tables:
        con.execute(templates.fill("shadow_la_rows", identifiers={"name": name}, fragments=fragments))
    yield
    for name in tables:
        con.execute(templates.fill("drop_shadow", identifiers={"name": name}))


def _catalog(con: duckdb.DuckDBPyConnection) -> str:
    """The database's own name as a quoted identifier: past the shadows, ``main.NAME`` in a temp view
    would mean the temp schema's main (the view itself)."""
    catalog = con.execute(templates.fill("current_catalog", identifiers={})).fetchall()[0][0]
    return '"' + catalog.replace('"', '""') + '"'


def refresh(con: duckdb.DuckDBPyConnection, las: set[str], refresh_plan: RefreshPlan) -> dict[str, float]:
    """Recompute the stored intermediates' rows of ``las`` (and the whole tables), in build order, on
    ``con`` (the caller's transaction). Returns the seconds each table took, for the bench.

    Consecutive per-LA tables are done as a run, one LA at a time with the tables shadowed by its rows
    (:func:`_one_authority`); a table rebuilt whole is built between runs, with nothing shadowed."""
    literals = [_la_literal(la) for la in sorted(las)]
    catalog = _catalog(con)
    seconds: dict[str, float] = {}
    runs: list[list[db.QueryFile]] = []
    for qf in refresh_plan.tables:
        if qf.name in refresh_plan.whole:
            runs.append([qf])
        elif runs and runs[-1][0].name not in refresh_plan.whole:
            runs[-1].append(qf)
        else:
            runs.append([qf])
    for run in runs:
        if run[0].name in refresh_plan.whole:
            started = time.perf_counter()
            _execute(con, run[0], db.table_statement(run[0]))
            seconds[run[0].name] = round(time.perf_counter() - started, 3)
            continue
        for la in literals:
            with _one_authority(con, la, refresh_plan.shadowed):
                for qf in run:
                    started = time.perf_counter()
                    fragments = {"la": la, "body": qf.body, "catalog": catalog}
                    for template in ("delete_la_rows", "insert_la_rows"):
                        statement = templates.fill(
                            template, identifiers={"name": qf.name}, fragments=fragments
                        )
                        _execute(con, qf, statement)
                    seconds[qf.name] = round(seconds.get(qf.name, 0.0) + time.perf_counter() - started, 3)
    return seconds


def _execute(con: duckdb.DuckDBPyConnection, qf: db.QueryFile, statement: str) -> None:
    """Run one statement for a stored table; a failure names the table's file."""
    try:
        con.execute(statement)
    except duckdb.Error as exc:
        raise db.ViewBuildError(f"{qf.path}: {exc}") from exc
