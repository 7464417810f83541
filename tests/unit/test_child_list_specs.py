"""The child lists' YAML is read strictly (errors name the file and entry), a manager's teams come from the
role mapping or the setting, and an older database gains a local column its specification added."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from cscdash import child_lists, exception_lists
from cscdash.extracts import local
from cscdash.roles import permissions, teams_for
from cscdash.settings import Settings, from_mapping

GOOD = """
macro: children_demo
record: event
indicators:
  some_pct:
    numerator: n_in
    denominator: n_all
    columns: [start_date]
    why_in: started on {start_date}
    why_out: not yet
"""


def _write(tmp_path: Path, text: str, name: str = "demo.yml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_good_file_reads_into_entries(tmp_path: Path) -> None:
    entry = child_lists.entries(_write(tmp_path, GOOD))["some_pct"]
    assert (entry.macro, entry.counted, entry.columns) == ("children_demo", "n_all", ("start_date",))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("macro: children_demo", "macro: children_other"), "demo.yml: macro must be children_demo"),
        (("record: event", "record: stuff"), "demo.yml: record must be one of"),
        (("    numerator: n_in\n", "    numerator: n in; drop\n"), "demo.yml: some_pct: numerator must be"),
        (("    why_out: not yet\n", ""), "demo.yml: some_pct: why_out must say"),
        (("    why_in: started on {start_date}\n", ""), "demo.yml: some_pct: why_in must say"),
        (
            ("    columns: [start_date]\n", "    colums: [start_date]\n"),
            "demo.yml: some_pct: unknown key 'colums'",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_file_and_entry(tmp_path: Path, change, message: str) -> None:
    with pytest.raises(child_lists.ChildListError, match=message.replace("(", r"\(")):
        child_lists.entries(_write(tmp_path, GOOD.replace(*change)))


def test_an_indicator_listed_twice_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    _write(tmp_path, GOOD.replace("children_demo", "children_zz"), "zz.yml")
    with pytest.raises(child_lists.ChildListError, match="zz.yml: some_pct is also listed by demo.yml"):
        child_lists.entries(tmp_path)


def test_why_text_says_dates_and_numbers_in_words() -> None:
    import pandas as pd

    row = {"d": pd.Timestamp("2025-03-31"), "n": 45.0, "blank": None}
    assert (
        child_lists.why_text("on {d}, day {n}, adviser {blank}", row) == "on 2025-03-31, day 45, adviser none"
    )
    with pytest.raises(child_lists.ChildListError, match="names a column the list has not got"):
        child_lists.why_text("{missing}", row)


def test_every_exception_list_names_a_shipped_macro_and_flag() -> None:
    shipped = {p.stem for p in Path("queries/children").glob("*.sql")}
    for spec in exception_lists.lists().values():
        assert spec.macro in shipped, spec.list_id
        text = (Path("queries/children") / f"{spec.macro}.sql").read_text(encoding="utf-8")
        assert f"as {spec.flag}" in text, f"{spec.list_id}: {spec.macro} has no {spec.flag}"


def test_only_managers_and_up_see_children_and_only_analysts_and_up_every_child() -> None:
    assert [permissions(r).sees_children for r in ("board", "manager", "analyst", "admin")] == [0, 1, 1, 1]
    assert [permissions(r).sees_every_child for r in ("board", "manager", "analyst", "admin")] == [0, 0, 1, 1]
    assert [permissions(r).sees_audit for r in ("board", "manager", "analyst", "admin")] == [0, 0, 0, 1]


def test_a_managers_teams_come_from_their_email_and_groups() -> None:
    mapping = {
        "group_claim": "roles",
        "teams": {"Head@Council.example": ["North", "South"], "East-Managers": "East", "other@x": ["West"]},
    }
    user = {"email": "head@council.example", "roles": ["East-Managers", "Staff"]}
    assert teams_for(user, mapping) == ("North", "South", "East")
    assert teams_for({"email": "nobody@x"}, mapping) == ()


def test_the_teams_setting_is_a_comma_separated_list() -> None:
    assert from_mapping(Settings(), {"teams": " North , South,,"}).teams == ("North", "South")
    assert from_mapping(Settings(), {"teams": ["North"]}).teams == ("North",)


def test_an_older_database_gains_the_worker_column(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    # the child attributes table as it was made before the Worker column existed
    con.execute(
        "create table local_child_attributes (la_code varchar, child_id varchar not null, locality varchar)"
    )
    con.execute("insert into local_child_attributes values ('E1', 'C1', 'North')")
    local.create_tables(con)
    columns = [r[0] for r in con.execute("describe local_child_attributes").fetchall()]
    assert "worker" in columns and "team" in columns
    assert con.execute("select locality, worker from local_child_attributes").fetchall() == [("North", None)]


def test_every_child_list_macro_takes_list_month_end() -> None:
    """Named period_end, a macro fails to build over unmaterialised views with a period_end column (DuckDB
    binds the parameter's name inside them): cscdash/db.py."""
    import re

    for path in sorted(Path("queries/children").glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        assert re.search(rf"create or replace macro {path.stem}\(list_month_end\) as table", text), path.name
