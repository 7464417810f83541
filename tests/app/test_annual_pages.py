"""Annual and census indicators on the real demo database, under AppTest.

The expected figures are read straight from the indicator views and written with an independent
rounding; the expected dates are worked out here from the calendar, not by the app's code.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cscdash import db
from cscdash.navigation import PAGES
from tests.app.pages import app_for
from tests.conftest import PROJECT_ROOT

LA = "E06999999"


@pytest.fixture(scope="module")
def demo_con(demo_env):
    con = db.connect(
        demo_env["CSCDASH_DB"], read_only=True
    )  # as the app opens it (DuckDB: one config per file)
    yield con
    con.close()


def _run(path: str) -> AppTest:
    """Run a page file ("pages/overview.py") or a catalogue page by its key ("workforce")."""
    if path.endswith(".py"):
        return AppTest.from_file(str(PROJECT_ROOT / path), default_timeout=600).run()
    return app_for(next(p for p in PAGES if p.catalogue == path)).run()


def _march_on_or_before(month: date) -> date:
    """31 March of the month's year if the month is March or later, else of the year before."""
    return date(month.year if month.month >= 3 else month.year - 1, 3, 31)


def _view_value(con: duckdb.DuckDBPyConnection, view: str, month: date) -> tuple[float, float, float]:
    col, const = duckdb.ColumnExpression, duckdb.ConstantExpression
    rel = con.table(view).filter(
        (col("la_code") == const(LA))
        & (col("breakdown") == const("all"))
        & (col("period_end") == const(month))
    )
    return rel.select("numerator", "denominator", "value").fetchall()[0]


def test_overview_health_assessment_tile_has_the_latest_year_at_the_latest_month(use_demo_db, demo_con):
    at = _run("pages/overview.py")
    assert not at.exception, at.exception
    latest = date.fromisoformat(at.selectbox(key="period").value)
    assert latest.month != 3  # the demo runs to a month end other than March, the case that failed
    year_end = _march_on_or_before(latest)
    numerator, denominator, value = _view_value(demo_con, "cla_health_assessment_pct", year_end)
    # decimals 0 for this SSDA903 percentage; e.g. 309 / 355 = 87.04% -> '87%'
    expected = f"{int(value + 0.5)}%"
    cards = {m.label: m.value for m in at.metric}
    assert cards["Annual health assessments"] == expected
    captions = [c.value for c in at.caption]
    label = f"{int(numerator):,} of {int(denominator):,} · year to 31 Mar {year_end.year}"
    assert label in captions
    assert not any("not available: no data for this month" in c for c in captions)


def test_workforce_asye_card_is_dated_by_its_census(use_demo_db, demo_con):
    at = _run("workforce")
    assert not at.exception, at.exception
    latest = date.fromisoformat(at.selectbox(key="period").value)
    col, const = duckdb.ColumnExpression, duckdb.ConstantExpression
    numerator, denominator, census = (
        demo_con.table("wf_asye_pct")
        .filter((col("la_code") == const(LA)) & (col("period_end") == const(latest)))
        .select("numerator", "denominator", "census_date")
        .fetchall()[0]
    )
    assert census != latest  # the census (30 Sep) is carried to a later month end
    # e.g. '12 of 246 · at 30 Sep 2026 (census)', not '... · at 31 Oct 2026'
    expected = f"{int(numerator)} of {int(denominator)} · at {census.day} {census:%b %Y} (census)"
    census_captions = [c.value for c in at.caption if "(census)" in c.value]
    assert census_captions == [expected]


def _cards_script(indicator_ids: tuple[str, ...], month: str) -> None:
    """An AppTest script: just the cards of these indicators for one month."""
    from datetime import date

    from cscdash import cache, components

    current = cache.settings()
    items = cache.card_facts(cache.database(current), indicator_ids, date.fromisoformat(month), current)
    for f in items:
        components.indicator_card(f)


def _icon_labels(at: AppTest) -> list[str]:
    """The alt texts of the SVG icons on the cards ('Common cause variation' ...)."""
    labels = []
    for element in at.get("html"):
        body = element.proto.body
        for part in body.split('alt="')[1:]:
            labels.append(part.split('"')[0])
    return labels


def test_no_spc_icon_for_an_indicator_without_spc(use_demo_db):
    # wf_asye_pct lists charts [trend, table]: no SPC icon; the vacancy rate lists spc: it has one
    at = AppTest.from_function(
        _cards_script, args=(("wf_asye_pct",), "2026-10-31"), default_timeout=600
    ).run()
    assert not at.exception, at.exception
    assert [m.label for m in at.metric] == ["Newly qualified social workers (ASYE)"]
    assert not any("variation" in label.lower() for label in _icon_labels(at))
    other = AppTest.from_function(
        _cards_script, args=(("wf_vacancy_rate_pct",), "2026-10-31"), default_timeout=600
    ).run()
    assert not other.exception, other.exception
    assert any("variation" in label.lower() for label in _icon_labels(other))


@pytest.mark.parametrize(
    ("page", "indicator_id", "has_spc"),
    [
        ("workforce", "wf_asye_pct", False),
        ("children_in_care", "cla_health_assessment_pct", False),
        ("workforce", "wf_vacancy_rate_pct", True),
    ],
)
def test_the_explorer_has_an_spc_tab_only_where_the_catalogue_lists_spc(
    use_demo_db, page, indicator_id, has_spc
):
    at = _run(page)
    assert not at.exception, at.exception
    key = f"explore-{page}"
    at.selectbox(key=key).select(indicator_id).run()
    assert not at.exception, at.exception
    labels = [t.label for t in at.tabs]
    assert "Trend" in labels and "Definition" in labels
    assert ("SPC" in labels) is has_spc
