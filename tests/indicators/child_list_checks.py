"""The list-equals-figure check the child lists' hand-worked tests share: at one month end, at every
breakdown value, a list's counted rows add up to its view's numerator and denominator (for a median,
whose numerator is null, the denominator). tests/indicators/test_child_lists.py makes the same check on
the demo."""

from __future__ import annotations

from datetime import date

import duckdb

from cscdash import child_lists


def assert_adds_up(con: duckdb.DuckDBPyConnection, indicator_id: str, period_end: str) -> int:
    """Check every figure of ``indicator_id`` at ``period_end``; returns how many were checked."""
    entry = child_lists.entry_for(indicator_id)
    assert entry is not None, f"{indicator_id} has no child list"
    rows = child_lists.counted_rows(con, entry, date.fromisoformat(period_end))
    shown = "numerator" if entry.numerator else "denominator"
    figures = con.execute(
        f"select breakdown, breakdown_value, numerator, denominator from {indicator_id} "
        f"where period_end = cast($p as date) and {shown} is not null",
        {"p": period_end},
    ).fetchall()
    assert figures, f"{indicator_id} has no figure at {period_end}"
    for breakdown, value, numerator, denominator in figures:
        if entry.numerator and entry.denominator and denominator == 0 and numerator:
            continue  # something over nothing: contact_to_referral_pct's fallback in a group without contacts
        mine = rows if breakdown == "all" else rows[rows[f"by_{breakdown}"] == value]
        where = (indicator_id, period_end, breakdown, value)
        if entry.numerator:
            assert mine[entry.numerator].sum() == numerator, where
        if entry.denominator:
            assert mine[entry.denominator].sum() == denominator, where
    return len(figures)


def assert_family_adds_up(con: duckdb.DuckDBPyConnection, family: str, period_end: str) -> int:
    """:func:`assert_adds_up` for every indicator of ``family``; returns how many figures were checked."""
    ids = [i for i, e in child_lists.entries().items() if e.family == family]
    assert ids, f"no child list family {family!r}"
    return sum(assert_adds_up(con, i, period_end) for i in ids)
