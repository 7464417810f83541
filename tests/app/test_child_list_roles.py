"""Who sees the children behind a number, tried as each role on the demo under AppTest.

A board member must never reach a child-level row: not through a card's button, the Children tab, a
session or URL value naming the tab, the "My teams" page, the audit log or any download. A manager sees
only their own teams' children; an analyst every child; an administrator also the audit log of who
opened which list. Downloads are caught where Streamlit stores them (its media file storage), so what a
browser would save is what is checked.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from streamlit.runtime import media_file_manager, memory_media_file_storage
from streamlit.testing.v1 import AppTest

from cscdash import app_store
from cscdash.navigation import PAGES
from tests.app.pages import app_for
from tests.conftest import PROJECT_ROOT

PAGE = next(p for p in PAGES if p.key == "children_in_care")
#: A demo child's id (cscdash.synthetic.context.Context.child_id): WV and seven digits.
CHILD_ID = re.compile(rb"WV\d{7}")
NORTH = "Children in Care North"


@pytest.fixture
def downloads(monkeypatch) -> list[bytes]:
    """Every payload a download button hands to Streamlit during the test, those made on the click
    included (made at once here)."""
    caught: list[bytes] = []
    original = memory_media_file_storage.MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, (bytes, str)):
            caught.append(path_or_data.encode() if isinstance(path_or_data, str) else path_or_data)
        return original(self, path_or_data, mimetype, kind, filename)

    def made_now(self, data_callable, *args, **kwargs):
        # a file made when its button is clicked (chart CSVs, the scorecard): made here, as a click would
        data = data_callable()
        caught.append(data.encode() if isinstance(data, str) else bytes(data))
        return original_deferred(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(memory_media_file_storage.MemoryMediaFileStorage, "load_and_get_id", keep)
    original_deferred = media_file_manager.MediaFileManager.add_deferred
    monkeypatch.setattr(media_file_manager.MediaFileManager, "add_deferred", made_now)
    return caught


def _as(role: str, monkeypatch, tmp_path, teams: str | None = None) -> str:
    monkeypatch.setenv("CSCDASH_ROLE", role)
    monkeypatch.setenv("CSCDASH_STORE", str(tmp_path / "store.sqlite"))
    if teams:
        monkeypatch.setenv("CSCDASH_TEAMS", teams)
    return str(tmp_path / "store.sqlite")


def _child_tables(at: AppTest) -> list:
    return [d.value for d in at.dataframe if "child_id" in d.value.columns]


def _open_first_list(at: AppTest) -> AppTest:
    button = next(b for b in at.button if (b.key or "").startswith("children-of-"))
    button.click()
    return at.run()


def test_the_board_never_reaches_a_child(use_demo_db, monkeypatch, tmp_path, downloads) -> None:
    _as("board", monkeypatch, tmp_path)
    at = app_for(PAGE)
    # as if a URL or a stale session named the Children tab of a listed indicator
    at.session_state["explore-children_in_care"] = "cla_count"
    at.session_state["tabs-children_in_care"] = "Children"
    at.query_params["tab"] = "Children"
    at.run()
    assert not at.exception, at.exception
    assert not [b for b in at.button if (b.key or "").startswith("children-of-")]
    assert _child_tables(at) == []
    assert downloads, "the page offers its chart downloads"
    assert not [d for d in downloads if CHILD_ID.search(d) or b"child_id" in d]

    teams = AppTest.from_file(str(PROJECT_ROOT / "pages/my_teams.py"), default_timeout=300).run()
    assert not teams.exception, teams.exception
    assert _child_tables(teams) == [] and teams.error, "My teams refuses a board member"

    quality = AppTest.from_file(str(PROJECT_ROOT / "pages/data_quality.py"), default_timeout=300).run()
    assert not [d for d in quality.dataframe if "who" in d.value.columns], "no audit log for the board"


def test_the_board_is_refused_where_rows_are_read(use_demo_db, monkeypatch, tmp_path) -> None:
    """The read itself refuses (the cache key includes the role, so nothing cached is handed over)."""
    from datetime import date

    from cscdash import cache
    from cscdash.settings import load_settings

    key = cache.database(load_settings())
    with pytest.raises(PermissionError):
        cache.child_rows(key, "board", (), "cla_count", date(2026, 3, 31), "E06999999")
    rows = cache.child_rows(key, "analyst", (), "cla_count", date(2026, 3, 31), "E06999999")
    assert len(rows) > 0


def _navigation_keys() -> None:
    import streamlit as st

    from cscdash.components import visible_pages

    st.write(",".join(p.key for p in visible_pages()))


@pytest.mark.parametrize("role", ["board", "manager", "analyst", "admin"])
def test_my_teams_is_in_the_navigation_of_roles_that_see_children(use_demo_db, monkeypatch, tmp_path, role):
    _as(role, monkeypatch, tmp_path)
    at = AppTest.from_function(_navigation_keys, default_timeout=120).run()
    keys = at.markdown[0].value.split(",")
    assert ("my_teams" in keys) == (role != "board")
    assert "overview" in keys and "children_in_care" in keys


def test_an_analyst_opens_the_children_behind_a_card(use_demo_db, monkeypatch, tmp_path, downloads) -> None:
    store = _as("analyst", monkeypatch, tmp_path)
    at = app_for(PAGE).run()
    at = _open_first_list(at)
    assert not at.exception, at.exception
    tables = _child_tables(at)
    assert len(tables) == 1 and len(tables[0]) > 0
    rows = tables[0]
    assert {"in_numerator", "why", "team", "worker"} <= set(rows.columns)
    assert rows["team"].nunique() > 1, "an analyst sees every team"
    assert any(CHILD_ID.search(d) for d in downloads), "the CSV and Excel offer the children"
    log = app_store.list_audit(store)
    assert list(log["action"]) == ["opened"] and int(log["row_count"].iloc[0]) == len(rows)


def test_a_manager_sees_only_their_own_teams(use_demo_db, monkeypatch, tmp_path, downloads) -> None:
    store = _as("manager", monkeypatch, tmp_path, teams=NORTH)
    at = _open_first_list(app_for(PAGE).run())
    assert not at.exception, at.exception
    rows = _child_tables(at)[0]
    assert len(rows) > 0 and set(rows["team"]) == {NORTH}
    assert any(f"Only your teams: {NORTH}" in c.value for c in at.caption)
    assert app_store.list_audit(store)["teams"].iloc[0] == NORTH

    teams = AppTest.from_file(str(PROJECT_ROOT / "pages/my_teams.py"), default_timeout=300).run()
    assert not teams.exception, teams.exception
    offered = teams.selectbox(key="my-teams-team").options
    assert set(offered) <= {"Every team", NORTH}, "the team filter names only the manager's team"
    summary = teams.dataframe[0].value
    assert set(summary["Teams"]) <= {0, 1}
    for table in _child_tables(teams):
        assert set(table["team"]) <= {NORTH}


def test_an_administrator_reads_the_audit_log(use_demo_db, monkeypatch, tmp_path) -> None:
    store = _as("admin", monkeypatch, tmp_path)
    app_store.add_list_audit(
        store,
        {
            "at": "2026-11-02T09:15:00",
            "who": "a.manager@council.example",
            "role": "manager",
            "action": "downloaded csv",
            "list_id": "cla_count",
            "la_code": "E06999999",
            "period_end": "2026-10-31",
            "teams": NORTH,
            "row_count": 12,
        },
    )
    at = AppTest.from_file(str(PROJECT_ROOT / "pages/data_quality.py"), default_timeout=300).run()
    assert not at.exception, at.exception
    audit = [d.value for d in at.dataframe if "who" in d.value.columns]
    assert len(audit) == 1 and audit[0]["who"].tolist() == ["a.manager@council.example"]
    assert audit[0]["list"].tolist() == ["Children in care"], "the list is named as the card names it"


def _downloads_of_a_hostile_list() -> None:
    from datetime import date

    import pandas as pd

    from cscdash import cache
    from cscdash.components.child_list import table_and_downloads

    rows = pd.DataFrame(
        {
            "la_code": ["E06999999"],
            "child_id": ['=HYPERLINK("http://x.example","click")'],
            "team": ["@team"],
            "why": ["+1 working days over"],
        }
    )
    table_and_downloads(cache.settings(), rows, "cla_count", date(2026, 10, 31), "hostile")


def test_list_downloads_write_formula_looking_text_as_text(use_demo_db, monkeypatch, tmp_path, downloads):
    _as("analyst", monkeypatch, tmp_path)
    at = AppTest.from_function(_downloads_of_a_hostile_list, default_timeout=120).run()
    assert not at.exception, at.exception
    csv = next(d for d in downloads if d.startswith(b"la_code"))
    assert b"'=HYPERLINK" in csv and b"'@team" in csv and b"'+1 working" in csv
    xlsx = next(d for d in downloads if d.startswith(b"PK"))
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml")
        strings = book.read("xl/sharedStrings.xml")
    assert b"<f>" not in sheet, "no cell of the workbook is a formula"
    assert b'<t>=HYPERLINK("http://x.example","click")</t>' in strings, "stored as text, as it was"


def _click_then_page(point: dict, bar: bool) -> None:
    """An AppTest script: a chart's click (its selection state, as Plotly reports it) handled the way the
    trend and breakdown charts hand it on, then the Children in care page."""
    import streamlit as st

    from cscdash.components import explore, panels

    if "clicked" not in st.session_state:
        st.session_state["clicked"] = True
        st.session_state["chart-fake"] = {"selection": {"points": [point]}}
        if bar:
            handler = lambda p: explore.open_children("children_in_care", "cla_count", None, "sex", p["y"])  # noqa: E731
        else:
            handler = lambda p: explore.open_children("children_in_care", "cla_count", explore._month_of(p))  # noqa: E731
        panels._clicked("chart-fake", handler)
    explore.service_page("children_in_care")


def _figure(db: str, breakdown: str, value: str, period_end: str) -> int:
    import duckdb

    with duckdb.connect(db, read_only=True) as con:
        return con.execute(
            "select numerator from cla_count where breakdown = ? and breakdown_value = ? and period_end = ?",
            [breakdown, value, period_end],
        ).fetchall()[0][0]


def test_a_click_on_a_trend_point_lists_that_months_children(use_demo_db, monkeypatch, tmp_path) -> None:
    from datetime import date

    _as("analyst", monkeypatch, tmp_path)
    point = {"x": "2025-03-31", "y": 1, "curve_number": 0}
    at = AppTest.from_function(_click_then_page, args=(point, False), default_timeout=300).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="children-month-cla_count").value == date(2025, 3, 31)
    rows = _child_tables(at)[0]
    assert len(rows) == _figure(use_demo_db["CSCDASH_DB"], "all", "all", "2025-03-31")


def test_a_click_on_a_breakdown_bar_lists_that_groups_children(use_demo_db, monkeypatch, tmp_path) -> None:
    _as("analyst", monkeypatch, tmp_path)
    point = {"x": 200, "y": "Female", "curve_number": 0}
    at = AppTest.from_function(_click_then_page, args=(point, True), default_timeout=300).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="children-value-cla_count").value == "Female"
    month = at.selectbox(key="children-month-cla_count").value
    rows = _child_tables(at)[0]
    assert len(rows) == _figure(use_demo_db["CSCDASH_DB"], "sex", "Female", month.isoformat())
