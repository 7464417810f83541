"""The list and the number can never disagree: for every indicator with a child list, on the demo, the
rows its list gives at three month ends add up to the card's numerator and denominator exactly (the
'all' row), and at the latest month end so does every breakdown value's list.

Also the rule that every figure counted from children has a list: every indicator but the staff ones
(workforce census: posts and FTE, not children) has exactly one entry in ``cscdash/child_lists/``.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from cscdash import child_lists
from cscdash.catalogue import load_catalogue

#: Staff, not children: the workforce figures count posts, FTE and days, so they have no child list.
NOT_CHILDREN_PREFIX = "wf_"


def _listed() -> dict[str, child_lists.ListEntry]:
    return child_lists.entries()


def test_every_indicator_counted_from_children_has_one_list() -> None:
    ids = set(load_catalogue().ids())
    wanted = {i for i in ids if not i.startswith(NOT_CHILDREN_PREFIX)}
    listed = set(_listed())
    assert sorted(wanted - listed) == [], "indicators counted from children without a child list"
    assert sorted(listed - wanted) == [], "child lists for indicators that are not in the catalogue"


@pytest.fixture(scope="module")
def demo(demo_env: dict[str, str]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(demo_env["CSCDASH_DB"], read_only=True)
    yield con
    con.close()


def _figures(con: duckdb.DuckDBPyConnection, indicator_id: str) -> pd.DataFrame:
    return con.sql(
        f"select la_code, period_end, breakdown, breakdown_value, numerator, denominator from {indicator_id}"
    ).df()


def _shown(figures: pd.DataFrame, entry: child_lists.ListEntry) -> pd.Series:
    """Rows with a figure: a numerator, or for a figure without one (a median) a denominator."""
    return figures["numerator" if entry.numerator else "denominator"].notna()


def _month_ends(figures: pd.DataFrame, entry: child_lists.ListEntry) -> list[date]:
    """The latest month end with a figure, and 12 and 24 months before it (or the nearest before those
    that has one): three month ends on which the list must add up."""
    shown = figures[(figures["breakdown"] == "all") & _shown(figures, entry)]
    ends = sorted({pd.Timestamp(d).date() for d in shown["period_end"]})
    assert ends, "the demo has no figure for this indicator"
    picked = []
    for back in (0, 12, 24):
        target = pd.Timestamp(ends[-1]) - pd.DateOffset(months=back)
        earlier = [d for d in ends if pd.Timestamp(d) <= target]
        if earlier:
            picked.append(earlier[-1])
    return sorted(set(picked))


@pytest.fixture(scope="module")
def family_rows(demo: duckdb.DuckDBPyConnection):
    """The rows an entry's figure counts at a month end; each family's macro is run once per month end."""
    seen: dict[tuple[str, date], pd.DataFrame] = {}

    def rows(entry: child_lists.ListEntry, period_end: date) -> pd.DataFrame:
        key = (entry.macro, period_end)
        if key not in seen:
            seen[key] = demo.sql(f"select * from {entry.macro}(date '{period_end.isoformat()}')").df()
        found = seen[key]
        return found[found[entry.counted].fillna(0) > 0]

    return rows


def _sums(rows: pd.DataFrame, entry: child_lists.ListEntry) -> tuple[float | None, float | None]:
    numerator = float(rows[entry.numerator].fillna(0).sum()) if entry.numerator else None
    denominator = float(rows[entry.denominator].fillna(0).sum()) if entry.denominator else None
    return numerator, denominator


def _expected(figure: pd.Series, entry: child_lists.ListEntry) -> tuple[float | None, float | None]:
    numerator = float(figure["numerator"]) if entry.numerator else None
    denominator = float(figure["denominator"]) if entry.denominator else None
    return numerator, denominator


@pytest.mark.parametrize("indicator_id", sorted(child_lists.entries()))
def test_the_list_adds_up_to_the_figure(
    demo: duckdb.DuckDBPyConnection, family_rows, indicator_id: str
) -> None:
    entry = child_lists.entries()[indicator_id]
    figures = _figures(demo, indicator_id)
    ends = _month_ends(figures, entry)
    for period_end in ends:
        rows = family_rows(entry, period_end)
        at = figures[
            (pd.to_datetime(figures["period_end"]).dt.date == period_end) & figures["numerator"].notna()
        ]
        latest = period_end == ends[-1]
        for _, figure in at.iterrows():
            if figure["breakdown"] != "all" and not latest:
                continue
            if entry.numerator and entry.denominator and figure["denominator"] == 0 and figure["numerator"]:
                # no figure to explain: a fraction over nothing shows "no cases" (contact_to_referral_pct
                # falls back to referrals in a group without contacts, e.g. unborn children: 45 over 0)
                continue
            mine = rows[rows["la_code"] == figure["la_code"]]
            if figure["breakdown"] != "all":
                column = f"by_{figure['breakdown']}"
                assert column in mine.columns, f"{entry.macro} has no column {column}"
                mine = mine[mine[column].astype("string") == str(figure["breakdown_value"])]
            group = f"{figure['breakdown']}={figure['breakdown_value']}"
            where = f"{indicator_id} {figure['la_code']} {period_end} {group}"
            assert _sums(mine, entry) == _expected(figure, entry), where


def test_the_presented_list_says_in_or_out_and_why(demo: duckdb.DuckDBPyConnection) -> None:
    """Every presented row has its leading columns and a why in words; a fraction's rows are in or out."""
    for indicator_id, entry in sorted(child_lists.entries().items()):
        figures = _figures(demo, indicator_id)
        period_end = _month_ends(figures, entry)[-1]
        shown = child_lists.child_list(demo, indicator_id, period_end)
        assert list(shown.columns[: len(child_lists.LEADING)]) == list(child_lists.LEADING), indicator_id
        assert shown["why"].str.len().gt(0).all(), indicator_id
        assert not shown["why"].str.contains("{", regex=False).any(), indicator_id
        if entry.numerator and entry.denominator:
            assert shown["in_numerator"].notna().all(), indicator_id
