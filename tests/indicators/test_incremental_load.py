"""A load that changes one authority refreshes only that authority's stored rows (cscdash.refresh), and
must leave exactly what the full rebuild of every stored intermediate leaves.

The database has three authorities: the synthetic demo (E06999999), a copy of its raw rows under another
code (E06999001, made by hand: generating a second authority takes a minute), and the hand-made council
files of tests/council (E06000059, CIN census to 30 September 2024). The reload is the council's later
in-year CIN file (31 October): once by the incremental path, once by the full rebuild.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from cscdash import db, pipeline, refresh
from cscdash.catalogue import load_catalogue
from tests.council.conftest import DORSET, LA, OCTOBER, SEPTEMBER

DEMO_LA = "E06999999"
CLONE_LA = "E06999001"


def _clone_authority(path: Path) -> None:
    """Copy every raw row of the demo authority under CLONE_LA (every table with la_code but the stored
    intermediates, which the rebuild that follows makes)."""
    con = db.connect(path)
    try:
        stored = {f.name for f in db.query_files() if f.materialisable}
        for table in db.table_names(con):
            rel = con.table(table)
            if table in stored or "la_code" not in rel.columns:
                continue
            rows = rel.filter(duckdb.ColumnExpression("la_code") == duckdb.ConstantExpression(DEMO_LA))
            columns = [
                duckdb.ConstantExpression(CLONE_LA).alias("la_code")
                if c == "la_code"
                else duckdb.ColumnExpression(c)
                for c in rel.columns
            ]
            rows.select(*columns).insert_into(table)
    finally:
        con.close()


@pytest.fixture(scope="module")
def reloaded(demo_env, tmp_path_factory) -> dict[str, Path]:
    """The three-authority database before the reload, and after it by each path."""
    root = tmp_path_factory.mktemp("incremental")
    base = root / "base.duckdb"
    shutil.copyfile(demo_env["CSCDASH_DB"], base)
    _clone_authority(base)
    pipeline.rebuild(base)
    first = pipeline.load(base, [DORSET / "cin", SEPTEMBER], full_build=True)
    assert first.ok, first.problems
    paths = {"before": base}
    for name, full in (("incremental", False), ("full", True)):
        paths[name] = root / f"{name}.duckdb"
        shutil.copyfile(base, paths[name])
        result = pipeline.load(paths[name], [OCTOBER], full_build=full)
        assert result.ok and result.load_id is not None, result.problems
        # the incremental path timed each stored table; the full one rebuilt them with build_views
        assert bool(result.table_seconds) is not full
    return paths


def _stored_tables() -> list[str]:
    return [f.name for f in db.query_files() if f.materialisable]


def _differing(a: Path, b: Path, names: list[str], la_filter=None) -> dict[str, tuple[int, int]]:
    """Rows only in a and rows only in b (EXCEPT ALL) of each relation that differs (of the rows
    ``la_filter`` keeps, when the relation has an la_code column)."""
    out = {}
    left, right, scratch = db.connect_reader(a), db.connect_reader(b), duckdb.connect()
    try:
        for name in names:
            old, new = left.table(name), right.table(name)
            if la_filter is not None and "la_code" in old.columns:  # else compared whole
                old, new = old.filter(la_filter), new.filter(la_filter)
            x = scratch.from_arrow(old.to_arrow_table())
            y = scratch.from_arrow(new.select(*old.columns).to_arrow_table())
            only_x = x.except_(y).aggregate("count(*)").fetchall()[0][0]
            only_y = y.except_(x).aggregate("count(*)").fetchall()[0][0]
            if only_x or only_y:
                out[name] = (only_x, only_y)
    finally:
        left.close(), right.close(), scratch.close()
    return out


def test_incremental_reload_equals_the_full_rebuild(reloaded):
    names = [*load_catalogue().ids(), *_stored_tables()]
    assert _differing(reloaded["full"], reloaded["incremental"], names) == {}


def test_the_reload_moves_that_authority_only(reloaded):
    names = [*load_catalogue().ids(), *_stored_tables()]
    this_la = duckdb.ColumnExpression("la_code") == duckdb.ConstantExpression(LA)
    moved = _differing(reloaded["before"], reloaded["incremental"], names, this_la)
    assert "int_cin__referrals" in moved and "int_calendar__month_ends" in moved
    assert any(name in moved for name in load_catalogue().ids())
    others = duckdb.ColumnExpression("la_code") != duckdb.ConstantExpression(LA)
    assert _differing(reloaded["before"], reloaded["incremental"], names, others) == {}


def test_every_stored_table_but_the_calendar_of_days_is_refreshed_per_authority(reloaded):
    con = db.connect(reloaded["incremental"], read_only=True)
    try:
        plan = refresh.plan(con)
    finally:
        con.close()
    assert plan is not None
    assert set(plan.whole) == {"int_dates__working_days"}
    assert len(plan.per_la()) == len(_stored_tables()) - 1


def test_a_database_built_by_other_sql_gets_the_full_build(reloaded, tmp_path):
    path = tmp_path / "old.duckdb"
    shutil.copyfile(reloaded["before"], path)
    con = db.connect(path)
    con.execute(
        db.read_sql(pipeline.BUILD_SQL / "record_build.sql"), {"built_at": None, "code": "x", "version": "0"}
    )
    con.close()
    result = pipeline.load(path, [OCTOBER], full_build=False)
    assert result.ok and not result.table_seconds
    con = db.connect(path, read_only=True)
    try:
        assert pipeline.is_current(con)
    finally:
        con.close()


def _query_file(folder: Path, layer: str, name: str, header: str, body: str) -> None:
    (folder / layer).mkdir(parents=True, exist_ok=True)
    comment = "".join(f"-- {line}\n" for line in header.splitlines())
    (folder / layer / f"{name}.sql").write_text(f"{comment}{body}\n", encoding="utf-8")


def test_a_file_marked_refresh_whole_is_rebuilt_whole_with_all_it_feeds(tmp_path):
    queries = tmp_path / "queries"
    (queries / "macros").mkdir(parents=True)
    rows = "select * from (values ('A', 1), ('B', 2)) as t(la_code, n)"
    _query_file(queries, "staging", "stg_rows", "Rows.", rows)
    _query_file(queries, "intermediate", "int_own", "Per LA.\nMaterialise: table.", "select * from stg_rows")
    ranked = "select la_code, rank() over (order by n) as r from stg_rows"
    _query_file(queries, "intermediate", "int_ranked", "Across LAs.\nRefresh: whole.", ranked)
    fed = "select la_code, r from int_ranked"
    _query_file(queries, "intermediate", "int_fed", "Reads a ranking.\nMaterialise: table.", fed)
    con = db.connect(None)
    try:
        db.build_views(con, queries, materialise=True)
        plan = refresh.plan(con, queries)
    finally:
        con.close()
    assert plan is not None
    assert plan.per_la() == ["int_own"]
    assert "int_ranked" in plan.whole["int_fed"]
