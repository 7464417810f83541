"""The council's path without a browser: ``python -m cscdash load`` as a process on the hand-made returns
(tests/council/README.md has every figure worked by hand), then what the database holds.

Covers the one load path (reference tables, benchmarks, targets, views all there), the period each return
covers, the monthly in-year refresh, loading while someone reads, two loads at once, the app store and
backups.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from cscdash import app_store, db, pipeline, targets
from cscdash.catalogue import load_catalogue
from tests.council.conftest import DORSET, LA, OCTOBER, SEPTEMBER, cli

CONTACT_HEADINGS = (
    "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source"
)


def _value(path: Path, view: str, month: str) -> tuple:
    """(numerator, denominator, value, value_note) of a view's whole-LA row at a month end."""
    con = db.connect(path, read_only=True)
    try:
        rows = (
            con.table(view)
            .filter(
                (duckdb.ColumnExpression("breakdown") == duckdb.ConstantExpression("all"))
                & (
                    duckdb.ColumnExpression("period_end")
                    == duckdb.ConstantExpression(date.fromisoformat(month))
                )
            )
            .select("numerator", "denominator", "value", "value_note")
            .fetchall()
        )
    finally:
        con.close()
    return rows[0] if rows else ()


def _identity(path: Path) -> tuple[int, int, int]:
    """What says a file was not touched: inode, modification time and size."""
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _load(*args: str) -> None:
    done = cli("load", *args)
    assert done.returncode == 0, done.stdout + done.stderr


def test_load_leaves_a_database_the_app_can_open(tmp_path):
    path = tmp_path / "mycouncil.duckdb"
    done = cli("load", str(DORSET), "--la", LA, "--db", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No problems found" in done.stdout
    assert "Database ready for the app" in done.stderr
    con = db.connect(path, read_only=True)
    try:
        relations = db.relation_kinds(con)
        # every indicator view, and the reference tables the views need, from the same command
        assert set(load_catalogue().ids()) <= set(relations)
        for table in ("ref_bank_holidays", "ref_la", "ref_population", "ref_postcode_sectors", "targets"):
            assert con.table(table).aggregate("count(*)").fetchall()[0][0] > 0, table
        assert "ref_benchmark_comparators" in relations
        assert pipeline.is_current(con)
    finally:
        con.close()
    # the hand-worked figures (tests/council/README.md)
    assert _value(path, "cla_count", "2024-03-31")[:3] == (7, None, 7.0)
    assert _value(path, "cla_count", "2023-03-31")[:3] == (8, None, 8.0)
    assert _value(path, "referrals_count", "2024-03-31")[:3] == (10, None, 10.0)
    assert _value(path, "wf_vacancy_rate_pct", "2023-09-30")[:3] == (6.0, 24.0, 25.0)
    numerator, denominator, rate, _ = _value(path, "cla_rate_per_10k", "2024-03-31")
    assert (numerator, denominator) == (7, 66436) and rate == pytest.approx(70000 / 66436)
    # the command line reads the same database without building anything
    listed = cli("indicators", "--db", str(path), "--period-end", "2024-03-31", "--la", LA)
    assert listed.returncode == 0 and "cla_count,E06000059,2024-03-31,7,,7.0" in listed.stdout


def test_ssda903_alone_runs_to_the_end_of_the_year_its_returns_cover(tmp_path):
    # The 2023-24 return's last event is 01/08/2023; a full return still covers to 31 March 2024.
    path = tmp_path / "903.duckdb"
    _load(str(DORSET / "ssda903"), "--la", LA, "--db", str(path))
    assert _value(path, "cla_count", "2024-03-31")[:3] == (7, None, 7.0)
    con = db.connect(path, read_only=True)
    try:
        last = con.table("cla_count").aggregate("max(period_end)").fetchall()[0][0]
        assert last == date(2024, 3, 31)
        assert con.table("referrals_count").aggregate("count(*)").fetchall()[0][0] == 0  # no CIN, no rows
    finally:
        con.close()


def test_cin_alone_gives_the_front_door_and_no_care_figures(tmp_path):
    path = tmp_path / "cin.duckdb"
    _load(str(DORSET / "cin"), "--db", str(path))  # the XML names its LA (838): no --la needed
    assert _value(path, "referrals_count", "2024-03-31")[:3] == (10, None, 10.0)
    con = db.connect(path, read_only=True)
    try:
        assert con.table("cla_count").aggregate("count(*)").fetchall()[0][0] == 0
        assert con.table("referrals_count").aggregate("max(period_end)").fetchall()[0][0] == date(2024, 3, 31)
    finally:
        con.close()


def test_an_in_year_extract_replaces_its_year_and_only_its_year(tmp_path):
    path = tmp_path / "cin.duckdb"
    _load(str(DORSET / "cin"), str(SEPTEMBER), "--db", str(path))
    # 12 months to 30 Sep 2024: C11, C12, C13, C14 from 2023-24 + six referrals of 2024-25 so far
    assert _value(path, "referrals_count", "2024-09-30")[:3] == (10, None, 10.0)
    assert _value(path, "referrals_count", "2024-10-31") == ()  # the extract covers to 30 September

    done = cli("load", str(OCTOBER), "--db", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "in-year extract 2024-25 to 31/10/2024 (file name)" in done.stdout
    # C17's referral, deleted in the case management system, is gone; C21 has arrived
    assert _value(path, "referrals_count", "2024-09-30")[:3] == (9, None, 9.0)
    assert _value(path, "referrals_count", "2024-10-31")[:3] == (9, None, 9.0)
    con = db.connect(path, read_only=True)
    try:
        children = {r[0] for r in con.table("cin_details").select("LAchildID").fetchall()}
        assert "C17" not in children and "C21" in children
        assert {"C02", "C04"} <= children  # 2022-23 rows are untouched by a 2024-25 extract
        note = con.table("loads").order("load_id desc").select("note").fetchall()[0][0]
        replaced = "cin_census 2024-25 for E06000059: the extract as at 30/09/2024 replaced by the one as at "
        assert replaced + "31/10/2024" in note
    finally:
        con.close()

    before = _identity(path)
    again = cli("load", str(OCTOBER), "--db", str(path))
    assert again.returncode == 0 and "nothing to change" in again.stdout
    assert _identity(path) == before  # the same files twice change nothing, not even the file

    older = cli("load", str(SEPTEMBER), "--db", str(path))
    assert older.returncode == 1
    assert "OLDER_EXTRACT" in older.stdout and "--allow-older" in older.stdout
    assert _identity(path) == before
    assert cli("load", str(SEPTEMBER), "--db", str(path), "--allow-older").returncode == 0
    assert _value(path, "referrals_count", "2024-09-30")[:3] == (10, None, 10.0)


def _contacts(path: Path, dates: list[str]) -> Path:
    """An Annex A list 1 CSV with one contact per date (Police, a 9-year-old girl)."""
    rows = [f"K{n:03d},Female,a) WBRI,01/02/2015,9,{day},q) 6: Police" for n, day in enumerate(dates)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONTACT_HEADINGS + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_month_no_return_covers_is_null_with_its_reason_never_zero(tmp_path):
    # The CIN census covers to 31 March 2024; Annex A list 1 runs on to 30 June 2024 (an in-year list
    # as at that date). The calendar runs to June for the contacts, and the CIN figures of April-June say
    # that no CIN census covers them, instead of falling towards zero.
    folder = tmp_path / "exports"
    shutil.copytree(DORSET / "cin", folder / "cin")
    year = [
        f"{d:02d}/{m:02d}/{y}"
        for y, m in [(2023, m) for m in range(4, 13)] + [(2024, m) for m in (1, 2, 3)]
        for d in (5, 20)
    ]
    _contacts(folder / "annex_a" / "annex_a_list1_contacts_2023-24.csv", year)
    _contacts(
        folder / "annex_a" / "in_year_2024-06-30" / "annex_a_list1_contacts_2024-25.csv",
        ["03/04/2024", "15/05/2024", "10/06/2024"],
    )
    path = tmp_path / "c.duckdb"
    _load(str(folder), "--la", LA, "--db", str(path))
    assert _value(path, "referrals_count", "2024-06-30") == (
        None,
        None,
        None,
        "no CIN census return covers this month",
    )
    assert _value(path, "referrals_count", "2024-03-31")[:3] == (10, None, 10.0)
    # contacts, 12 months to 30 June 2024: Jul 2023 - Mar 2024 (9 months x 2) + 3 in 2024-25 = 21
    assert _value(path, "contacts_count", "2024-06-30")[:3] == (21, None, 21.0)


def test_a_refused_load_leaves_the_live_file_untouched(tmp_path):
    path = tmp_path / "mycouncil.duckdb"
    _load(str(DORSET), "--la", LA, "--db", str(path))
    before = _identity(path)
    bad = tmp_path / "bad" / "2024-25"
    bad.mkdir(parents=True)
    (bad / "header.csv").write_text(
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n=cmd|calc!A1,1,01/05/2009,WBRI,UN1,,\n"
    )
    done = cli("load", str(bad.parent), "--la", LA, "--db", str(path))
    assert done.returncode == 1
    assert "header.csv, row 1, CHILD" in done.stdout
    assert _identity(path) == before
    assert not pipeline.work_path(path).exists()


def test_a_second_load_at_once_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "mycouncil.duckdb"
    _load(str(DORSET / "cin"), "--db", str(path))
    before = _identity(path)
    with pipeline.load_lock(path):  # a load is running (this process holds the lock)
        done = cli("load", str(SEPTEMBER), "--db", str(path))
    assert done.returncode == 2
    assert "Another load into" in done.stderr and f"process {os.getpid()}" in done.stderr
    assert _identity(path) == before
    assert cli("load", str(SEPTEMBER), "--db", str(path)).returncode == 0  # and afterwards it can


def test_a_reader_never_blocks_a_load_and_sees_the_new_file_when_it_looks_again(tmp_path):
    path = tmp_path / "mycouncil.duckdb"
    _load(str(DORSET / "cin"), str(SEPTEMBER), "--db", str(path))
    reader = db.connect(path, read_only=True)  # what the app holds while it serves pages
    try:
        done = cli("load", str(OCTOBER), "--db", str(path))  # another process, while the reader is open
        assert done.returncode == 0, done.stdout + done.stderr
        # the open connection still reads the file it opened, whole: never half a load
        old = reader.table("referrals_count").aggregate("max(period_end)").fetchall()[0][0]
        assert old == date(2024, 9, 30)
    finally:
        reader.close()
    assert _value(path, "referrals_count", "2024-10-31")[:3] == (9, None, 9.0)


def test_target_edits_live_in_the_app_store_and_survive_every_load(tmp_path):
    path = tmp_path / "mycouncil.duckdb"
    _load(str(DORSET / "cin"), "--db", str(path))
    store = tmp_path / "mycouncil.store.sqlite"  # beside the database, as the app keeps it
    con = db.connect(path, read_only=True)
    seeds = targets.seed_targets(con)
    con.close()
    targets.edit_target(store, seeds, "rereferrals_12m_pct", date(2024, 4, 1), 17, 22, changed_by="analyst")
    store_before = store.read_bytes()
    _load(str(SEPTEMBER), "--db", str(path))
    con = db.connect(path, read_only=True)
    in_force = targets.targets_in_force(targets.seed_targets(con), app_store.target_edits(store))
    con.close()
    assert targets.target_for(in_force, "rereferrals_12m_pct", date(2024, 9, 30)).target == 17
    assert store.read_bytes() == store_before  # the load never wrote the store


def test_edits_kept_in_the_database_by_earlier_versions_move_to_the_store(tmp_path):
    path = tmp_path / "old.duckdb"
    _load(str(DORSET / "cin"), "--db", str(path))
    con = db.connect(path)
    con.execute((Path(__file__).parent / "legacy_target_changes.sql").read_text())
    con.close()
    _load(str(SEPTEMBER), "--db", str(path))
    edits = app_store.target_edits(tmp_path / "old.store.sqlite")
    assert list(edits["indicator_id"]) == ["cpp_rate_per_10k"]
    assert (edits["target"].iloc[0], edits["old_target"].iloc[0], edits["edited_by"].iloc[0]) == (
        40,
        45,
        "Jo Analyst",
    )
    con = db.connect(path, read_only=True)
    assert "target_changes" not in db.table_names(con)
    con.close()


def test_backup_copies_the_database_and_the_app_store(tmp_path):
    path = tmp_path / "mycouncil.duckdb"
    _load(str(DORSET / "cin"), "--db", str(path))
    con = db.connect(path, read_only=True)
    seeds = targets.seed_targets(con)
    con.close()
    targets.edit_target(
        tmp_path / "mycouncil.store.sqlite", seeds, "cpp_rate_per_10k", date(2024, 4, 1), 40, 45
    )
    done = cli("backup", "--db", str(path), "--out", str(tmp_path / "backups"))
    assert done.returncode == 0, done.stderr
    copies = sorted((tmp_path / "backups").iterdir())
    assert [p.suffix for p in copies] == [".duckdb", ".sqlite"]
    assert len(app_store.target_edits(copies[1])) == 1
    con = db.connect(copies[0], read_only=True)
    assert con.table("cin_details").aggregate("count(*)").fetchall()[0][0] > 0
    con.close()


def _rows(path: Path, view: str) -> pd.DataFrame:
    """Every row of a view, in one order (for comparing two databases' views as multisets)."""
    con = db.connect(path, read_only=True)
    try:
        frame = con.table(view).select(*COMPARED).df()
    finally:
        con.close()
    return frame.sort_values(list(COMPARED), na_position="first").reset_index(drop=True)


#: The indicator contract columns compared between two databases.
COMPARED = (
    "la_code",
    "period_end",
    "breakdown",
    "breakdown_value",
    "numerator",
    "denominator",
    "value",
    "value_note",
)


@pytest.mark.slow
def test_the_demos_files_through_the_cli_give_the_apps_first_run_figures(demo_env, tmp_path):
    """The database the app builds on first run and `python -m cscdash load` of the same demo files agree
    on every indicator's rows at every month end: the same multiset of rows (what EXCEPT ALL both ways
    giving 0 rows means), compared after sorting."""
    extracts = Path(demo_env["CSCDASH_DEMO_DIR"]) / "E06999999" / "extracts"
    path = tmp_path / "cli.duckdb"
    _load(str(extracts), "--la", "E06999999", "--as-at", "2026-10-31", "--db", str(path))
    differing = []
    for indicator_id in load_catalogue().ids():
        app_rows, cli_rows = _rows(Path(demo_env["CSCDASH_DB"]), indicator_id), _rows(path, indicator_id)
        if not app_rows.equals(cli_rows):
            differing.append(indicator_id)
    assert differing == []
