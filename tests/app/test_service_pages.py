"""The service pages, the overview and the definitions under AppTest against the real demo database.

For every page with a catalogue: every catalogue indicator has a card, and the figure on the card is
the indicator view's value for the chosen month (several months, not only the latest), read here
straight from the view and written with an independent rounding (half away from zero, as DfE tables
do), never through the app's own formatting code.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cscdash import db
from cscdash.catalogue import load_catalogue
from cscdash.navigation import PAGES
from tests.app.pages import app_for, switch_to
from tests.conftest import PROJECT_ROOT

SERVICE_PAGES = [p for p in PAGES if p.catalogue]
SUFFIX = {"percent": "%", "days": " days", "fte": " FTE"}
#: Months checked on every page besides the latest: a DfE year end and an ordinary month.
MONTHS = (date(2025, 3, 31), date(2024, 6, 30))


def _run(path: str) -> AppTest:
    return AppTest.from_file(str(PROJECT_ROOT / path), default_timeout=600).run()


def _expected_text(value: float | None, unit: str, decimals: int) -> str:
    """The card text for a raw view value: 'x' when null, else rounded half up with the unit."""
    if value is None:
        return "x"
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}{SUFFIX.get(unit, '')}"


def _view_row(con: duckdb.DuckDBPyConnection, view: str, la_code: str, month: date) -> tuple | None:
    col, const = duckdb.ColumnExpression, duckdb.ConstantExpression
    rel = con.table(view).filter(
        (col("la_code") == const(la_code))
        & (col("breakdown") == const("all"))
        & (col("period_end") == const(month))
    )
    rows = rel.select("numerator", "denominator", "value").fetchall()
    return rows[0] if rows else None


def _figure_month(period_type: str, month: date) -> date:
    """The view row a card shows for the chosen month: its own month, or for an annual OC2 measure (31
    March rows only) the latest 31 March on or before it: 31 Mar 2024 for 30 Jun 2024."""
    if period_type == "annual_31_mar":
        return date(month.year if month.month >= 3 else month.year - 1, 3, 31)
    return month


def _cards(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.fixture
def internal_mode(use_demo_db, monkeypatch):
    """Internal mode shows every figure (no suppression), so each card can equal its view."""
    monkeypatch.setenv("CSCDASH_MODE", "internal")
    return use_demo_db


@pytest.fixture(scope="module")
def demo_con(demo_env):
    # the same configuration as the app's own connection (read-only): DuckDB shares one database
    # instance per file and process, and refuses a second connection with different settings
    con = db.connect(demo_env["CSCDASH_DB"], read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("spec", SERVICE_PAGES, ids=[p.url_path for p in SERVICE_PAGES])
def test_every_indicator_card_equals_its_view_for_several_months(internal_mode, demo_con, spec):
    catalogue = load_catalogue()
    indicators = catalogue.page(spec.catalogue).indicators
    at = app_for(spec).run()
    assert not at.exception, at.exception
    assert at.title[0].value == spec.title
    latest = date.fromisoformat(at.selectbox(key="period").value)
    for month in (latest, *MONTHS):
        if month != latest:
            at.selectbox(key="period").select(month.isoformat()).run()
            assert not at.exception, at.exception
        cards = _cards(at)
        for ind in indicators:
            assert ind.title in cards, f"{spec.title}: no card for {ind.id}"
            row = _view_row(demo_con, ind.id, "E06999999", _figure_month(ind.period_type, month))
            value = None if row is None else row[2]
            shown = cards[ind.title]
            assert shown == _expected_text(value, ind.unit, ind.decimals), f"{ind.id} at {month}"


def test_board_mode_shows_the_view_value_or_c_for_small_numbers(use_demo_db, demo_con):
    spec = next(p for p in SERVICE_PAGES if p.catalogue == "child_protection")
    at = app_for(spec).run()
    assert not at.exception, at.exception
    month = date.fromisoformat(at.selectbox(key="period").value)
    cards = _cards(at)
    for ind in load_catalogue().page("child_protection").indicators:
        row = _view_row(demo_con, ind.id, "E06999999", month)
        if row is None or row[2] is None:
            continue
        numerator, denominator, value = row
        if cards[ind.title] == "c":
            # disclosure.md S2/S3: a count of 1-5, or a percentage whose n or N-n is 1-5 or N < 10
            small = [n for n in (numerator, None if denominator is None else denominator - numerator) if n]
            assert any(1 <= n <= 5 for n in small) or (denominator is not None and denominator < 10), ind.id
        else:
            assert cards[ind.title] == _expected_text(value, ind.unit, ind.decimals), ind.id


def test_overview_shows_every_headline_indicator_and_the_distance_travelled(use_demo_db):
    at = _run("pages/overview.py")
    assert not at.exception, at.exception
    assert at.title[0].value == "Overview"
    headlines = load_catalogue().headlines()
    cards = _cards(at)
    assert {i.title for i in headlines} <= set(cards)
    subheaders = [s.value for s in at.subheader]
    assert subheaders[0] == "Needs attention"
    assert "Distance travelled" in subheaders
    table = at.dataframe[-1].value
    assert list(table["Indicator"]) == [i.title for i in headlines]


def test_the_period_filter_is_kept_when_switching_pages(use_demo_db):
    at = _run("app.py")
    assert not at.exception, at.exception
    at.selectbox(key="period").select(MONTHS[0].isoformat()).run()
    switch_to(at, next(p for p in PAGES if p.catalogue == "child_protection")).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Child protection"
    assert at.selectbox(key="period").value == MONTHS[0].isoformat()


def test_definitions_lists_every_indicator_and_searches(use_demo_db):
    at = _run("pages/definitions.py")
    assert not at.exception, at.exception
    catalogue = load_catalogue()
    labels = [e.label for e in at.expander]
    assert labels == [f"{i.title} ({i.id})" for page in _nav_order(catalogue) for i in page.indicators]
    at.text_input(key="definition-search").input("re-referral").run()
    found = [e.label for e in at.expander]
    assert "Re-referrals within 12 months (rereferrals_12m_pct)" in found
    assert 0 < len(found) < len(labels)


def _nav_order(catalogue):
    order = {p.catalogue: n for n, p in enumerate(PAGES) if p.catalogue}
    return sorted(catalogue.pages, key=lambda p: (order.get(p.key, len(order)), p.key))


def _draw_every_panel(indicator_id: str, month: str) -> None:
    """An AppTest script: every 'look closer' panel of one indicator (the tabs AppTest cannot click)."""
    from datetime import date

    from cscdash import cache, components, indicator_data, indicator_series

    current = cache.settings()
    ind = cache.catalogue()[indicator_id]
    selection = components.Selection(date.fromisoformat(month), "all")
    frame = cache.indicator_frame(cache.database(current), ind.id, current.la_code)
    shown = indicator_series.shown_series(ind, indicator_data.series(frame, ind.id), current)
    stored = cache.stored_targets(cache.database(current), str(current.app_store))
    components.trend_panel(ind, shown, current)
    components.spc_panel(ind, shown, selection, stored)
    components.breakdown_panel(ind, frame, selection, current)
    components.benchmark_panel(ind, frame, selection, current)
    components.definition_panel(ind, current)
    components.target_editor(ind, current, selection)


@pytest.mark.parametrize(
    "indicator_id", ["rereferrals_12m_pct", "cpp_count", "wf_vacancy_rate_pct", "cla_health_assessment_pct"]
)
def test_every_look_closer_panel_draws(use_demo_db, indicator_id):
    at = AppTest.from_function(
        _draw_every_panel, args=(indicator_id, "2025-03-31"), default_timeout=600
    ).run()
    assert not at.exception, at.exception
    # trend, SPC (where the catalogue lists it), breakdown (where the indicator has one) and benchmark
    # (where DfE publishes one); the annual health assessments list no SPC and have no breakdown
    ind = load_catalogue()[indicator_id]
    expected = 1 + ("spc" in ind.charts) + bool(ind.breakdowns) + bool(ind.benchmark_measure)
    assert len(at.get("plotly_chart")) == expected
    # every chart has its table and CSV download
    assert len(at.get("download_button")) == expected
    # the definition panel shows the SQL view's header
    assert any(indicator_id in c.value for c in at.code)


@pytest.mark.parametrize("spec", SERVICE_PAGES, ids=[p.url_path for p in SERVICE_PAGES])
def test_cards_sit_in_their_catalogue_sections_with_a_summary_and_a_trend_line(use_demo_db, spec):
    at = app_for(spec).run()
    assert not at.exception, at.exception
    page = load_catalogue().page(spec.catalogue)
    subheaders = [s.value for s in at.subheader]
    assert subheaders[: len(page.sections)] == [s.title for s in page.sections]
    summaries = [c.value for c in at.caption if "special-cause signal" in c.value]
    assert len(summaries) == len(page.sections)
    # most cards carry a trend line of their last 24 months (those with two or more shown points): a static
    # SVG named for what it shows, not st.metric's own (Vega-Lite) chart
    with_trend = [h for h in at.get("html") if 'alt="Trend of the last ' in h.proto.body]
    assert len(with_trend) >= len(at.metric) // 2, (len(with_trend), len(at.metric))
    assert not [m for m in at.metric if list(m.proto.chart_data)]
