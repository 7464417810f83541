"""Every flow indicator's single-month figures on the demo, and the ``spc`` command that reproduces the
SPC chart from them.

A flow view gives, beside its 12-month figure, the figure for the calendar month of period_end alone
(month_numerator, month_denominator, month_value, month_value_note), from the same intermediate. Where
the rule is a plain count of events, the twelve single-month numerators of a window add up to the
window's 12-month numerator; NOT_ADDITIVE lists the flows whose rule does not allow it, and why.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from datetime import date

import numpy as np
import pandas as pd
import pytest

from cscdash import db, indicator_data, spc
from cscdash.catalogue import load_catalogue
from cscdash.cli import main

pytestmark = pytest.mark.slow

LA = "E06999999"
MONTH_ENDS = (date(2024, 3, 31), date(2025, 3, 31), date(2026, 10, 31))
#: Flows whose single-month numerators cannot add up to the 12-month numerator, by their rule.
NOT_ADDITIVE = {
    # distinct children per window: a child counted once in the 12 months can count in two months
    "cla_starts_count": "a child's first start in the window: two starts in a year count once a year",
    "cla_starts_rate_per_10k": "as cla_starts_count",
    "cla_starts_uasc_pct": "as cla_starts_count",
    "cla_ceased_count": "a child's last cessation in the window",
    "cla_ceased_adoption_pct": "as cla_ceased_count",
    "cla_ceased_sgo_pct": "as cla_ceased_count",
    "cla_missing_pct": "children missing at any time in the window, once each",
    "cla_away_pct": "children away at any time in the window, once each",
    "cla_missing_incidents_per_child": "incidents overlapping the window: one episode can span two months",
    # averages and medians have no additive numerator
    "adoptions_count": "distinct children adopted in the window: one adopted twice counts once a year",
    "assessment_median_wd": "a median: no numerator (the month's median is not a share of the year's)",
}


@pytest.fixture(scope="module")
def demo(demo_env):
    con = db.connect_reader(demo_env["CSCDASH_DB"])  # a private, read-only view of the session's demo
    yield con
    con.close()


def _flows() -> list[str]:
    return [i.id for i in load_catalogue() if i.is_flow]


def _series(con, indicator_id: str) -> pd.DataFrame:
    return indicator_data.series(indicator_data.read_indicator(con, indicator_id, LA), indicator_id)


@pytest.mark.parametrize("indicator_id", _flows())
def test_every_flow_gives_its_single_months(demo, indicator_id):
    frame = _series(demo, indicator_id)
    assert indicator_data.has_months(frame), f"{indicator_id}: no month_* columns"
    latest = frame[frame["period_end"] == MONTH_ENDS[-1]].iloc[0]
    # a month's figure exists where the 12-month one does (same history, a shorter window)
    if pd.notna(latest["value"]):
        assert pd.notna(latest["month_value"]) or latest["month_value_note"], indicator_id


@pytest.mark.parametrize("indicator_id", [i for i in _flows() if i not in NOT_ADDITIVE])
def test_twelve_single_months_add_up_to_the_12_month_numerator(demo, indicator_id):
    frame = _series(demo, indicator_id).set_index("period_end")
    for month_end in MONTH_ENDS:
        window = [indicator_data.months_before(month_end, k) for k in range(12)]
        if frame.loc[month_end, "numerator"] is None or pd.isna(frame.loc[month_end, "numerator"]):
            continue
        rows = frame.loc[frame.index.intersection(window)]
        months = rows["month_numerator"]
        # a month with no cases may have a null numerator (an average over no adoptions): it adds nothing
        no_cases = rows["month_denominator"].fillna(-1) == 0
        assert len(months) == 12 and (months.notna() | no_cases).all(), (indicator_id, month_end)
        total = months.fillna(0).sum()
        assert total == pytest.approx(frame.loc[month_end, "numerator"]), (indicator_id, month_end)


def test_a_single_month_percentage_is_its_own_numerator_over_its_denominator(demo):
    frame = _series(demo, "assessments_within_45wd_pct")
    rows = frame[frame["month_denominator"] > 0]
    assert len(rows) > 24
    expected = 100 * rows["month_numerator"] / rows["month_denominator"]
    assert np.allclose(rows["month_value"], expected)


def test_spc_command_prints_the_single_months_the_app_judges(demo, demo_env):
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(
            [
                "spc",
                "--indicator",
                "rereferrals_12m_pct",
                "--db",
                demo_env["CSCDASH_DB"],
                "--la",
                LA,
                "--period-end",
                "2026-10",
                "--format",
                "json",
                "--mode",
                "internal",
            ]
        )
    assert code == 0
    printed = json.loads(out.getvalue())
    assert printed["points"] == "single months"
    rows = pd.DataFrame(printed["rows"])
    assert len(rows) == 36 and rows["period_end"].iloc[-1] == "2026-10-31"
    # the values are the view's own single-month figures, not the 12-month ones
    frame = _series(demo, "rereferrals_12m_pct").set_index("period_end")
    views = [frame.loc[date.fromisoformat(d), "month_value"] for d in rows["period_end"]]
    assert np.allclose(rows["value"], views, atol=1e-5)
    # and the limits are what XmR gives on them, worked again here from the printed values
    result = spc.xmr(pd.DataFrame({"period_end": rows["period_end"], "value": rows["value"]}))
    assert np.allclose(rows["upper_limit"], result.points["upper_limit"], atol=1e-5)
    assert list(rows["shift"]) == list(result.points["shift"])
    assert printed["variation"] in spc.VARIATION_LABELS
