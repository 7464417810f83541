"""Small hand-worked checks of the front door's building blocks (fast; no full demo)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from cscdash.synthetic.context import Context
from cscdash.synthetic.front_door import close_for_care
from cscdash.synthetic.population import population_table, upn_check_letter
from cscdash.synthetic.protection import previous_plans
from cscdash.synthetic.working_days import add_working_days, working_days_between


def d(text: str) -> np.datetime64:
    return np.datetime64(text, "D")


def test_working_days_skip_christmas_2022_bank_holidays() -> None:
    # Fri 23 Dec 2022; Mon 26 (Boxing Day) and Tue 27 (Christmas substitute) are bank holidays,
    # so the next working day is Wed 28 Dec: day 1 (rule R3: the start day is day 0).
    assert add_working_days(d("2022-12-23"), 1) == d("2022-12-28")
    assert working_days_between(d("2022-12-23"), d("2022-12-28")) == 1
    # 15 working days from Mon 4 Apr 2022: Good Friday 15 Apr and Easter Monday 18 Apr are skipped.
    # Working days 5-8 Apr (4), 11-14 Apr (4), 19-22 Apr (4), 25-27 Apr (3) = 15 -> Wed 27 Apr.
    assert add_working_days(d("2022-04-04"), 15) == d("2022-04-27")


def test_a_weekend_start_counts_from_the_next_working_day() -> None:
    # Sat 5 Nov 2022 + 1 working day = Mon 7 Nov; 0 working days = the Saturday itself.
    assert add_working_days(d("2022-11-05"), 1) == d("2022-11-07")
    assert add_working_days(d("2022-11-05"), 0) == d("2022-11-05")
    assert working_days_between(d("2022-11-05"), d("2022-11-07")) == 1


def test_upn_check_letter() -> None:
    # body 999200024001: 9*2+9*3+9*4+2*5+0*6+0*7+0*8+2*9+4*10+0*11+0*12+1*13 = 162; 162 mod 23 = 1 -> 'B'
    assert upn_check_letter("999200024001") == "B"
    # body 000000000000: sum 0 -> 'A'
    assert upn_check_letter("000000000000") == "A"


def test_population_drifts_from_70000_in_2024() -> None:
    pop = population_table(Context(end_month=date(2026, 10, 31))).set_index("year")["age_0_17"]
    assert pop[2024] == 70_000
    assert pop[2025] == 69_790  # 70,000 x 0.997 = 69,790
    assert pop[2023] == 70_211  # 70,000 / 0.997 = 70,210.6
    assert pop.index.min() == 2012 and pop.index.max() == 2025  # mid-2026 is not published by Oct 2026


def test_previous_plans_count_the_childs_own_earlier_plans() -> None:
    plans = pd.DataFrame(
        {
            "child_no": [7, 7, 3, 7],
            "cpp_id": [0, 1, 2, 3],
            "cpp_start": pd.to_datetime(["2020-01-01", "2018-05-01", "2021-01-01", "2023-02-01"]),
        }
    )
    # child 7: 2018 plan is the first (0), 2020 second (1), 2023 third (2); child 3 has one plan (0)
    assert previous_plans(plans).tolist() == [1, 0, 0, 2]


def test_close_for_care_uses_the_care_exit() -> None:
    from cscdash.synthetic.front_door import FrontDoor

    empty = pd.DataFrame()
    children = pd.DataFrame({"child_no": [0, 1], "child_id": ["WV0000001", "WV0000002"]})
    referrals = pd.DataFrame(
        {
            "child_no": [0, 1],
            "route": ["cp", "cp"],
            "closure": pd.to_datetime([pd.NaT, pd.NaT]),
            "reason": ["", ""],
            "last_activity": pd.to_datetime(["2020-01-10", "2020-01-10"]),
        }
    )
    fd = FrontDoor(
        children=children,
        contacts=empty,
        referrals=referrals,
        assessments=empty,
        cin_plans=empty,
        s47=empty,
        cpp=empty,
        cpp_reviews=empty,
        visits=empty,
        care_entries=empty,
    )
    periods = pd.DataFrame(
        {
            "child_id": ["WV0000001", "WV0000002"],
            "period_start": pd.to_datetime(["2020-02-01", "2020-02-01"]),
            "period_end": pd.to_datetime(["2022-06-30", pd.NaT]),
            "rec": ["E11", None],
        }
    )
    out = close_for_care(Context(), fd, periods).referrals
    # adopted (E11) -> closed on the day care ended with RC1; still looked after -> stays open
    assert out.loc[0, "closure"] == pd.Timestamp("2022-06-30") and out.loc[0, "reason"] == "RC1"
    assert pd.isna(out.loc[1, "closure"]) and out.loc[1, "reason"] == ""


def test_improving_profile_runs_through_the_same_code() -> None:
    from cscdash.synthetic.front_door import simulate_front_door

    ctx = Context(profile="improving", size_factor=0.5, la_code="E06999001", child_id_prefix="S001")
    fd = simulate_front_door(ctx)
    day = fd.contacts["contact_time"].to_numpy().astype("datetime64[D]")
    in_year = (day >= np.datetime64("2024-04-01")) & (day <= np.datetime64("2025-03-31"))
    # improving: 12,000 contacts a year at 70,000 children, x0.5 for size = 6,000, x about 1.05 for the
    # referral trend in 2024-25 (1.25 in April 2022 falling to 1.0 by March 2025) = about 6,300
    assert 5_200 <= in_year.sum() <= 7_400
    assert fd.children["child_id"].str.startswith("S001").all()
