"""The app on a council's own database (AppTest): its name, its months, the Data quality page's coverage
table, and an upload through that page, which loads the way ``python -m cscdash load`` does."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cscdash import db
from cscdash.navigation import PAGES
from tests.app.pages import app_for
from tests.council.conftest import DORSET, LA, SEPTEMBER, cli


@pytest.fixture
def council_db(tmp_path, monkeypatch) -> Path:
    """Dorset's CIN returns loaded with the CLI, and the app's settings pointed at them."""
    path = tmp_path / "mycouncil.duckdb"
    done = cli("load", str(DORSET / "cin"), "--db", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    monkeypatch.setenv("CSCDASH_DB", str(path))
    monkeypatch.setenv("CSCDASH_LA", LA)
    return path


def _page(key: str) -> AppTest:
    """A page of the navigation by its key (a catalogue page has no file of its own)."""
    spec = next(p for p in PAGES if p.key == key)
    return app_for(spec, timeout=300).run()


def test_pages_name_the_authority_and_open_on_its_latest_month(council_db):
    at = _page("front_door")
    assert not at.exception, at.exception
    header = at.caption[0].value
    assert header.startswith("Dorset · data to 31 Mar 2024"), header
    assert at.selectbox(key="period").value == "2024-03-31"
    # the filter never offers a month after the data (the old fallback offered today's date)
    assert at.selectbox(key="period").options[0] == "31 Mar 2024"  # newest first
    assert "SYNTHETIC" not in " ".join(w.value for w in at.warning)


def test_data_quality_page_says_what_the_returns_cover(council_db):
    at = _page("data_quality")
    assert not at.exception, at.exception
    coverage = at.dataframe[0].value
    row = coverage[coverage["source"] == "CIN census"].iloc[0]
    assert row["returns"] == 2
    covers = (pd.Timestamp(row["covers_from"]).date(), pd.Timestamp(row["covers_to"]).date())
    assert covers == (date(2022, 4, 1), date(2024, 3, 31))
    assert row["latest_kind"] == "full return"


def test_an_upload_loads_like_the_command_line_and_the_page_shows_it(council_db):
    at = _page("data_quality")
    xml = (SEPTEMBER / "cin_census_2024-25.xml").read_bytes()
    at.file_uploader(key="extract-upload").set_value(("cin_census_2024-25.xml", xml, "text/xml"))
    at.run()
    # an in-year extract uploaded on its own has no folder name to date it: the page asks
    at.date_input(key="upload-as-at").set_value(date(2024, 9, 30))
    at.run()
    at.button[1].click().run()  # "Load files"
    assert not at.exception, at.exception
    assert any("Loaded 1 file(s)" in s.value for s in at.success), [s.value for s in at.success]
    con = db.connect(council_db, read_only=True)
    try:
        covered = con.table("load_coverage").filter("source = 'cin_census'").aggregate("max(period_end)")
        assert covered.fetchall()[0][0] == date(2024, 9, 30)
    finally:
        con.close()
    again = _page("front_door")  # a new session sees the new file
    assert again.caption[0].value.startswith("Dorset · data to 30 Sep 2024")
    assert again.selectbox(key="period").value == "2024-09-30"
