"""The engine's building blocks: build_views, working days (R3), bank holidays, population year (R4),
the catalogue loader and the ``indicators`` command."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from contextlib import redirect_stdout
from datetime import date
from pathlib import Path

import holidays
import pytest
from duckdb import ColumnExpression, ConstantExpression

from cscdash import db, reference
from cscdash.catalogue import CatalogueError, load_catalogue, load_page
from cscdash.cli import main
from tests.indicators.case_runner import CASES_DIR, build_case_database, insert_rows, load_case

ROOT = Path(__file__).resolve().parent.parent.parent
BANK_HOLIDAYS = ROOT / "data" / "reference" / "bank_holidays.csv"


@pytest.fixture(scope="module")
def con():
    """An empty database with the reference tables and every view."""
    connection = db.connect()
    reference.load_reference(connection)
    db.build_views(connection)
    yield connection
    connection.close()


def _working_day_number(con, day: date) -> int:
    rel = con.table("int_dates__working_days").filter(ColumnExpression("day") == ConstantExpression(day))
    return rel.select(ColumnExpression("working_day_number")).fetchall()[0][0]


def wd(con, start: date, end: date) -> int:
    """R3 through the view: working days d with start < d <= end."""
    return _working_day_number(con, end) - _working_day_number(con, start)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 6, 3), date(2024, 6, 3), 0),  # same day is day 0
        (date(2024, 6, 3), date(2024, 6, 4), 1),  # Mon -> Tue: the next working day is day 1
        (date(2024, 6, 7), date(2024, 6, 10), 1),  # Fri -> Mon: the weekend does not count
        (date(2024, 6, 8), date(2024, 6, 9), 0),  # Sat -> Sun: no working day
        (date(2024, 6, 8), date(2024, 6, 10), 1),  # Sat -> Mon
        (date(2024, 5, 3), date(2024, 5, 7), 1),  # Fri -> Tue over the 6 May bank holiday
        (date(2024, 12, 24), date(2024, 12, 27), 1),  # Christmas and Boxing Day are not working days
        # 45 working days from Tue 2 Apr 2024 end on Thu 6 Jun (bank holidays 6 and 27 May), 46 on Fri 7 Jun
        (date(2024, 4, 2), date(2024, 6, 6), 45),
        (date(2024, 4, 2), date(2024, 6, 7), 46),
        # 15 working days from Thu 16 May 2024 end on Fri 7 Jun (27 May bank holiday), 16 on Mon 10 Jun
        (date(2024, 5, 16), date(2024, 6, 7), 15),
        (date(2024, 5, 16), date(2024, 6, 10), 16),
    ],
)
def test_working_days_rule_r3(con, start: date, end: date, expected: int) -> None:
    assert wd(con, start, end) == expected


def _csv_dates() -> list[date]:
    with BANK_HOLIDAYS.open(encoding="utf-8") as handle:
        return [date.fromisoformat(row["date"]) for row in csv.DictReader(handle)]


def test_bank_holidays_match_the_holidays_package() -> None:
    """The shipped file = the package's England (and Wales) weekday holidays, 2012-2030."""
    package = holidays.country_holidays("GB", subdiv="ENG", years=range(2012, 2031))
    expected = sorted(d for d in package if d.weekday() < 5)
    assert _csv_dates() == expected


def test_bank_holidays_include_the_published_list() -> None:
    """data_layouts.md 5.3 (typed from the domain reference, not from the package), incl. the specials."""
    published = [
        "2019-01-01",
        "2019-04-19",
        "2019-04-22",
        "2019-05-06",
        "2019-05-27",
        "2019-08-26",
        "2019-12-25",
        "2019-12-26",
        "2020-01-01",
        "2020-04-10",
        "2020-04-13",
        "2020-05-08",
        "2020-05-25",
        "2020-08-31",
        "2020-12-25",
        "2020-12-28",
        "2021-01-01",
        "2021-04-02",
        "2021-04-05",
        "2021-05-03",
        "2021-05-31",
        "2021-08-30",
        "2021-12-27",
        "2021-12-28",
        "2022-01-03",
        "2022-04-15",
        "2022-04-18",
        "2022-05-02",
        "2022-06-02",
        "2022-06-03",
        "2022-08-29",
        "2022-09-19",
        "2022-12-26",
        "2022-12-27",
        "2023-01-02",
        "2023-04-07",
        "2023-04-10",
        "2023-05-01",
        "2023-05-08",
        "2023-05-29",
        "2023-08-28",
        "2023-12-25",
        "2023-12-26",
        "2024-01-01",
        "2024-03-29",
        "2024-04-01",
        "2024-05-06",
        "2024-05-27",
        "2024-08-26",
        "2024-12-25",
        "2024-12-26",
        "2025-01-01",
        "2025-04-18",
        "2025-04-21",
        "2025-05-05",
        "2025-05-26",
        "2025-08-25",
        "2025-12-25",
        "2025-12-26",
        "2026-01-01",
        "2026-04-03",
        "2026-04-06",
        "2026-05-04",
        "2026-05-25",
        "2026-08-31",
        "2026-12-25",
        "2026-12-28",
        "2027-01-01",
        "2027-03-26",
        "2027-03-29",
        "2027-05-03",
        "2027-05-31",
        "2027-08-30",
        "2027-12-27",
        "2027-12-28",
    ]
    shipped = {d for d in _csv_dates() if 2019 <= d.year <= 2027}
    assert shipped == {date.fromisoformat(d) for d in published}


def test_population_year_follows_r4() -> None:
    """31 Mar YYYY uses mid-(YYYY-1); other month ends the latest 30 June at least 9 months before."""
    case = load_case(CASES_DIR / "referral_rate_per_10k.yml")
    con = build_case_database(case)
    rel = con.table("int_calendar__month_ends").select(
        ColumnExpression("period_end"), ColumnExpression("wanted_population_year")
    )
    wanted = dict(rel.fetchall())
    assert wanted[date(2025, 3, 31)] == 2024  # 31 Mar 2025 - 9 months = 30 Jun 2024
    assert wanted[date(2025, 2, 28)] == 2023  # - 9 months = 28 May 2024, before 30 Jun 2024
    assert wanted[date(2024, 6, 30)] == 2023  # - 9 months = 30 Sep 2023
    assert wanted[date(2024, 5, 31)] == 2023  # - 9 months = 31 Aug 2023
    con.close()


def _write(folder: Path, relative: str, text: str) -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_build_views_orders_layers_and_dependencies_and_copies_headers(tmp_path: Path) -> None:
    _write(tmp_path, "staging/stg_a.sql", "-- Grain: one row.\n-- Reads: nothing.\nselect 1 as x\n")
    # int_a reads int_b, which sorts after it: build_views must build int_b first
    _write(tmp_path, "intermediate/int_a.sql", "-- Grain: a.\nselect x + 1 as x from int_b\n")
    _write(tmp_path, "intermediate/int_b.sql", "-- Grain: b.\nselect x from stg_a\n")
    _write(tmp_path, "indicators/page/ind_a.sql", "-- Grain: the indicator.\nselect x from int_a\n")
    con = db.connect()
    built = db.build_views(con, tmp_path)
    assert built.index("int_b") < built.index("int_a") < built.index("ind_a")
    assert con.table("ind_a").fetchall() == [(2,)]
    assert db.view_comments(con)["stg_a"] == "Grain: one row.\nReads: nothing."


def test_build_views_names_the_failing_file(tmp_path: Path) -> None:
    _write(tmp_path, "staging/stg_ok.sql", "-- Grain: ok.\nselect 1 as x\n")
    _write(tmp_path, "intermediate/int_broken.sql", "-- Grain: broken.\nselect nonsense from nowhere\n")
    with pytest.raises(db.ViewBuildError, match=r"int_broken\.sql"):
        db.build_views(db.connect(), tmp_path)


def test_only_builds_the_named_views_and_what_they_read(tmp_path: Path) -> None:
    _write(tmp_path, "staging/stg_a.sql", "-- Grain: a.\nselect 1 as x\n")
    _write(tmp_path, "staging/stg_unrelated.sql", "-- Grain: broken, never built.\nselect nonsense\n")
    _write(tmp_path, "intermediate/int_a.sql", "-- Grain: a.\nselect x from stg_a\n")
    _write(tmp_path, "indicators/p/ind_a.sql", "-- Grain: a.\nselect x from int_a\n")
    assert db.build_views(db.connect(), tmp_path, only=["ind_a"]) == ["stg_a", "int_a", "ind_a"]


def test_materialise_turns_marked_intermediates_into_tables_and_back(tmp_path: Path) -> None:
    _write(tmp_path, "intermediate/int_heavy.sql", "-- Grain: x.\n-- Materialise: table\nselect 1 as x\n")
    con = db.connect()
    db.build_views(con, tmp_path, materialise=True)
    assert db.relation_kinds(con)["int_heavy"] == "table"
    db.build_views(con, tmp_path)
    assert db.relation_kinds(con)["int_heavy"] == "view"


def test_macros_are_created_before_the_views_that_use_them(tmp_path: Path) -> None:
    _write(tmp_path, "macros/to_double.sql", "-- Macro.\ncreate or replace macro to_double(x) as 2 * x\n")
    _write(tmp_path, "staging/stg_a.sql", "-- Grain: a.\nselect to_double(21) as x\n")
    con = db.connect()
    db.build_views(con, tmp_path)
    assert con.table("stg_a").fetchall() == [(42,)]


def _views_read_through_a_table_macro(folder: Path) -> None:
    """int_a reads int_z only through the table macro doubled_z; int_a sorts first and names no view."""
    _write(folder, "staging/stg_a.sql", "-- Grain: a.\nselect 21 as x\n")
    _write(
        folder,
        "macros/doubled_z.sql",
        "-- Macro doubled_z(): int_z's rows, doubled.\ncreate or replace macro doubled_z() as table\n"
        "    select 2 * x as x from int_z\n",
    )
    _write(folder, "intermediate/int_a.sql", "-- Grain: a.\nselect x from doubled_z()\n")
    _write(folder, "intermediate/int_z.sql", "-- Grain: z.\n-- Materialise: table\nselect x from stg_a\n")
    _write(folder, "indicators/p/ind_a.sql", "-- Grain: the indicator.\nselect x from int_a\n")
    _write(folder, "indicators/p/ind_unrelated.sql", "-- Grain: another.\nselect 1 as x\n")


def test_a_view_that_reads_a_view_through_a_macro_is_built_after_it(tmp_path: Path) -> None:
    # DuckDB checks a table macro's tables when it is created: the macro must come after int_z too
    _views_read_through_a_table_macro(tmp_path)
    order = [f.name for f in db.build_order(tmp_path)]
    assert order.index("int_z") < order.index("doubled_z") < order.index("int_a") < order.index("ind_a")
    con = db.connect()
    assert db.build_views(con, tmp_path) == ["stg_a", "int_z", "int_a", "ind_a", "ind_unrelated"]
    assert con.table("ind_a").fetchall() == [(42,)]
    # int_z a table, then a view again: the macro is created again after it each time
    db.build_views(con, tmp_path, materialise=True)
    assert db.relation_kinds(con)["int_z"] == "table"
    db.build_views(con, tmp_path)
    assert con.table("ind_a").fetchall() == [(42,)]
    assert [f.name for f in db.query_files(tmp_path)] == ["stg_a", "int_z", "int_a", "ind_a", "ind_unrelated"]


def test_only_follows_what_a_view_reads_through_a_macro(tmp_path: Path) -> None:
    _views_read_through_a_table_macro(tmp_path)
    con = db.connect()
    assert db.build_views(con, tmp_path, only=["ind_a"]) == ["stg_a", "int_z", "int_a", "ind_a"]
    assert con.table("ind_a").fetchall() == [(42,)]
    # a macro that reads views is created only where it is needed: ind_unrelated does not need int_z
    assert db.build_views(db.connect(), tmp_path, only=["ind_unrelated"]) == ["ind_unrelated"]


def test_a_circular_reference_through_a_macro_names_the_file(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "macros/rows_of_a.sql",
        "-- Macro.\ncreate or replace macro rows_of_a() as table select * from int_a\n",
    )
    _write(tmp_path, "intermediate/int_a.sql", "-- Grain: a.\nselect * from rows_of_a()\n")
    with pytest.raises(db.ViewBuildError, match=r"(int_a|rows_of_a)\.sql: circular reference"):
        db.build_views(db.connect(), tmp_path)


def test_a_macro_file_must_define_the_macro_it_is_named_for(tmp_path: Path) -> None:
    _write(tmp_path, "macros/to_half.sql", "-- Macro.\ncreate or replace macro to_double(x) as 2 * x\n")
    with pytest.raises(db.ViewBuildError, match=r"to_half\.sql"):
        db.build_views(db.connect(), tmp_path)
    _write(tmp_path, "macros/to_half.sql", "-- Macro.\ncreate or replace macro to_half(x) as x / nothing\n")
    _write(tmp_path, "staging/stg_b.sql", "-- Grain: b.\nselect to_half(4) as x\n")
    with pytest.raises(db.ViewBuildError, match=r"(to_half|stg_b)\.sql"):
        db.build_views(db.connect(), tmp_path)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        # R9 age bands on completed years; null (no date of birth) is 'Not known'
        ("to_age_band(0)", "Under 1"),
        ("to_age_band(4)", "1-4"),
        ("to_age_band(15)", "10-15"),
        ("to_age_band(16)", "16 and over"),
        ("to_age_band(null)", "Not known"),
        # ethnicity: refused / not obtained / blank are not known; Chinese is Asian; else the first letter
        ("to_ethnicity_group('REFU')", "Not known"),
        ("to_ethnicity_group('')", "Not known"),
        ("to_ethnicity_group('CHNE')", "Asian"),
        ("to_ethnicity_group(' mwbc')", "Mixed"),
        ("to_ethnicity_group('BAFR')", "Black"),
        ("to_sex_group('f')", "Female"),
        ("to_sex_group('U')", "Unknown"),
        ("to_placement_group('U4')", "Foster"),
        ("to_placement_group('K2')", "Children's homes"),
        ("to_placement_group('Z1')", "Other"),
        ("to_source_group('2A')", "Schools"),
        ("to_source_group('2B')", "Education services"),
        ("to_source_group('6')", "Police"),
    ],
)
def test_shared_group_macros(con, call: str, expected: str) -> None:
    assert con.sql(f"select {call}").fetchall() == [(expected,)]


def test_every_macro_is_used_by_a_view() -> None:
    """Shared macros serve views or child lists (no macro is dead); the child lists of queries/children/
    themselves are read by the app instead."""
    macros = [m for m in db.macro_files() if m.path.parent.name == db.MACROS]
    lists = [m for m in db.macro_files() if m.path.parent.name == db.CHILD_LISTS]
    bodies = " ".join(qf.body for qf in [*db.query_files(), *lists])
    unused = [m.name for m in macros if f"{m.name}(" not in bodies]
    assert unused == []


def test_project_views_build_and_carry_their_headers(con) -> None:
    comments = db.view_comments(con)
    for qf in db.query_files():
        assert comments.get(qf.name) == qf.header, qf.name


def test_catalogue_errors_name_file_entry_and_field(tmp_path: Path) -> None:
    good = load_catalogue().page("front_door").indicators[0]
    path = tmp_path / "front_door.yml"
    path.write_text(
        textwrap.dedent(
            f"""\
            page: front_door
            title: Front door
            indicators:
              - id: {good.id}
                title: t
                unit: furlongs
                decimals: 0
                polarity: neutral
                period_type: rolling_12m
                source_return: s
                definition: d
                numerator: n
                headline: false
                small_number_rule: count
                benchmark_measure: null
                charts: [trend]
                breakdowns: []
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError) as error:
        load_page(path)
    assert "front_door.yml, entry 1 (contacts_count): field 'unit'" in str(error.value)


def test_catalogue_rejects_unknown_fields_and_missing_ones(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("page: p\ntitle: P\nindicators:\n  - id: x_count\n    colour: red\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"p\.yml, entry 1 \(x_count\): unknown field\(s\) colour"):
        load_page(path)


def test_indicators_command_prints_every_catalogue_indicator(tmp_path: Path, capsys) -> None:
    """On a small database (the re-referral case's rows) the command lists every id for the month.

    The command only reads: a database not made by `load` (raw rows inserted by hand here) is refused
    with the command that builds its views (it used to build them itself, without the bank holidays)."""
    path = tmp_path / "small.duckdb"
    con = db.connect(path)
    db.ensure_schema(con)
    case = load_case(CASES_DIR / "rereferrals_12m_pct.yml")
    for table, rows in case.given.items():
        insert_rows(con, table, rows, case.la_code)
    con.close()
    assert main(["indicators", "--db", str(path), "--period-end", "2025-03-31"]) == 1
    assert f"python -m cscdash rebuild --db {path}" in capsys.readouterr().err
    assert main(["rebuild", "--db", str(path)]) == 0
    con = db.connect(path, read_only=True)
    assert con.table("ref_bank_holidays").aggregate("count(*)").fetchall()[0][0] > 50  # reference tables too
    con.close()
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["indicators", "--db", str(path), "--period-end", "2025-03-31", "--format", "json"])
    assert code == 0
    rows = json.loads(out.getvalue())
    ids = {r["indicator_id"] for r in rows}
    catalogue = load_catalogue()
    for page in ("front_door", "child_protection"):  # other pages' views have no CIN-only rows
        assert {i.id for i in catalogue.page(page).indicators} <= ids
    rereferrals = next(r for r in rows if r["indicator_id"] == "rereferrals_12m_pct")
    # the case file's year to 31 Mar 2025: 3 re-referrals of 6 referrals
    assert (rereferrals["numerator"], rereferrals["denominator"], rereferrals["value"]) == (3, 6, 50.0)
    out = io.StringIO()
    with redirect_stdout(out):
        main(["indicators", "--db", str(path), "--period-end", "2025-03", "--la", "E06999999"])
    header, *lines = out.getvalue().splitlines()
    assert header == "indicator_id,la_code,period_end,numerator,denominator,value"
    assert "referrals_count,E06999999,2025-03-31,6,,6.0" in lines
