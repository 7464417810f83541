"""Care leavers: who is in each year's OC3 cohort, their outcomes, and personal adviser contacts.

A young person is a care leaver (relevant / former relevant) when they were looked after for at least
13 weeks after their 14th birthday and some of that time on or after their 16th birthday (data_layouts
1.6). OC3 holds them in the year of their 17th-21st birthdays (17- and 18-year-olds only once they have
left care) and, from 2022-23, 22-25-year-olds who asked for support. Outcomes follow calibration.md
sections 3-4: in touch 97/94%, EET 70/58%, suitable accommodation 95/93%, and staying put with former
foster carers for many who left at 18 with E17 from foster care.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic.care_dates import DAY, add_years, as_days, days
from cscdash.synthetic.care_params import CareParams
from cscdash.synthetic.care_periods import draw_codes
from cscdash.synthetic.context import HISTORY_START, Context, collection_year_of

#: exits after which a young person is not reported as a care leaver (rules 1000, 1011; permanence orders)
NOT_LEAVERS = {"E2", "E3", "E11", "E12", "E41", "E45", "E46", "E47", "E48", "E15"}
EET_CODES = (["F1", "F2", "F4", "F5"], {"17-18": [0.03, 0.6, 0.08, 0.29], "19-21": [0.10, 0.24, 0.05, 0.61]})
NEET_CODES = (["G4", "G6", "G5"], [0.26, 0.16, 0.58])  # "0" (not known) only when not in touch (rule 345)
#: accommodation letters and the share of each; suitability digit drawn separately
ACCOM = {
    "17-18": (["D", "U", "B", "E", "T", "K", "C", "Y"], [0.40, 0.12, 0.2, 0.1, 0.06, 0.04, 0.04, 0.04]),
    "19-21": (
        ["U", "D", "B", "E", "T", "K", "S", "X", "Y", "W"],
        [0.47, 0.17, 0.14, 0.05, 0.05, 0.04, 0.02, 0.02, 0.03, 0.01],
    ),
}
UNSUITABLE_ALWAYS = {"S", "W"}


def _leaver_rows(ctx: Context, periods: pd.DataFrame, children: pd.DataFrame) -> pd.DataFrame:
    """Every (care leaver, birthday 17-25) pair up to end_month with the facts OC3 needs."""
    cut = as_days([ctx.end_month])[0]
    care = periods[~periods["short_breaks"]]
    kids = children[children["child_id"].isin(care["child_id"])]
    dob = as_days(kids["dob"])
    frames = []
    for age in range(17, 26):
        frames.append(
            pd.DataFrame(
                {
                    "child_id": kids["child_id"].to_numpy(),
                    "age": age,
                    "birthday": add_years(dob, age),
                    "d14": add_years(dob, 14),
                    "d16": add_years(dob, 16),
                }
            )
        )
    rows = pd.concat(frames, ignore_index=True)
    rows = rows[(rows["birthday"] <= cut) & (rows["birthday"] >= np.datetime64(HISTORY_START))]
    pairs = rows.merge(care[["child_id", "period_start", "natural_end", "rec"]], on="child_id")
    pairs = pairs[pairs["period_start"] < pairs["birthday"]]
    start = pairs["period_start"].to_numpy(dtype="datetime64[D]")
    stop = np.minimum(pairs["natural_end"].to_numpy(dtype="datetime64[D]"), pairs["birthday"].to_numpy())
    d14 = pairs["d14"].to_numpy(dtype="datetime64[D]")
    pairs["after14"] = np.maximum((stop - np.maximum(start, d14)) / DAY, 0)
    pairs["after16"] = stop > pairs["d16"].to_numpy(dtype="datetime64[D]")
    pairs["in_care"] = pairs["natural_end"].to_numpy(dtype="datetime64[D]") > pairs["birthday"].to_numpy()
    pairs = pairs.sort_values(["child_id", "age", "period_start"], kind="stable")
    agg = (
        pairs.groupby(["child_id", "age"], sort=False)
        .agg(
            birthday=("birthday", "first"),
            after14=("after14", "sum"),
            after16=("after16", "any"),
            in_care=("in_care", "any"),
            rec=("rec", "last"),
            left=("natural_end", "last"),
        )
        .reset_index()
    )
    eligible = (agg["after14"] >= 91) & agg["after16"] & ~agg["in_care"] & ~agg["rec"].isin(NOT_LEAVERS)
    return agg[eligible].reset_index(drop=True)


def care_leaver_outcomes(
    ctx: Context, periods: pd.DataFrame, children: pd.DataFrame, params: CareParams
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(oc3, leavers): OC3 rows (child_id, collection_year, age, in_touch, activ, accom) and, per care
    leaver, the date they left care and how long the leaving-care service stays with them."""
    rng = ctx.rng("care.leavers")
    rows = _leaver_rows(ctx, periods, children)
    ids = rows["child_id"].unique()
    asks = pd.Series(rng.random(len(ids)) < params.asks_for_support_pct, index=ids)  # 22-25s asking
    rows = rows[
        (rows["age"] <= 21) | (rows["child_id"].map(asks) & (rows["birthday"] >= np.datetime64("2022-04-01")))
    ].reset_index(drop=True)
    n = len(rows)
    older = rows["age"].to_numpy() >= 19
    group = np.where(older, "19-21", "17-18")
    p_touch = np.where(older, params.in_touch_pct[1], params.in_touch_pct[0])
    p_touch = np.where(rows["age"].to_numpy() >= 22, 1.0, p_touch)
    in_touch = np.where(
        rng.random(n) < p_touch,
        "YES",
        draw_codes(rng, ["NO", "REFU", "NREQ", "RHOM", "DIED"], [0.45, 0.2, 0.2, 0.13, 0.02], n),
    )
    yes = in_touch == "YES"
    eet_p = np.where(
        older, params.eet_pct[1] / params.in_touch_pct[1], params.eet_pct[0] / params.in_touch_pct[0]
    )
    eet = rng.random(n) < eet_p
    activ = np.empty(n, dtype=object)
    for name, probs in EET_CODES[1].items():
        sel = group == name
        activ[sel] = draw_codes(rng, EET_CODES[0], probs, int(sel.sum()))
    part_time = rng.random(n) < 0.25
    activ = np.where(part_time, pd.Series(activ).str.replace("F", "P").to_numpy(dtype=object), activ)
    activ = np.where(eet, activ, draw_codes(rng, *NEET_CODES, n))

    letter = np.empty(n, dtype=object)
    for name, (codes, probs) in ACCOM.items():
        sel = group == name
        letter[sel] = draw_codes(rng, codes, probs, int(sel.sum()))
    stayed = (rows["rec"].to_numpy(dtype=object) == "E17") & (rows["age"].to_numpy() <= 20)
    stay_p = np.select(
        [rows["age"].to_numpy() == 18, rows["age"].to_numpy() == 19],
        [0.85, params.staying_put_to_21_pct],
        params.staying_put_to_21_pct * 0.85,
    )
    letter = np.where(stayed & (rng.random(n) < stay_p), "Z", letter)
    suit_p = np.where(
        older,
        params.suitable_pct[1] / params.in_touch_pct[1],
        params.suitable_pct[0] / params.in_touch_pct[0],
    )
    suitable = (rng.random(n) < suit_p) & ~np.isin(letter, list(UNSUITABLE_ALWAYS))
    accom = letter + np.where(suitable, "1", "2")

    blank = np.isin(in_touch, ["DIED", "RHOM"])
    activ = np.where(yes, activ, np.where(blank, None, "0"))
    accom = np.where(yes, accom, np.where(blank, None, "0"))
    oc3 = pd.DataFrame(
        {
            "child_id": rows["child_id"],
            "collection_year": [collection_year_of(d) for d in pd.to_datetime(rows["birthday"]).dt.date],
            "age": rows["age"],
            "birthday": pd.to_datetime(rows["birthday"]),
            "in_touch": in_touch,
            "activ": activ,
            "accom": accom,
        }
    )
    oc3 = oc3.sort_values(["collection_year", "child_id"], kind="stable").drop_duplicates(
        ["collection_year", "child_id"]
    )
    first = rows.sort_values("age").drop_duplicates("child_id")
    leavers = pd.DataFrame(
        {
            "child_id": first["child_id"].to_numpy(),
            "left": first["left"].to_numpy(),
            "until": np.where(
                first["child_id"].map(asks).to_numpy(dtype=bool),
                add_years(as_days(first["birthday"]), 25 - first["age"].to_numpy()),
                add_years(as_days(first["birthday"]), 21 - first["age"].to_numpy()),
            ),
        }
    )
    return oc3.reset_index(drop=True), leavers


def personal_adviser_contacts(ctx: Context, leavers: pd.DataFrame) -> pd.DataFrame:
    """Personal adviser contacts (visit_type 'PA') about every 8 weeks after leaving care, from April 2018."""
    rng = ctx.rng("care.pa_contacts")
    cut = as_days([ctx.end_month])[0]
    first_day = np.datetime64(HISTORY_START)
    engaged = rng.random(len(leavers)) < 0.93
    who = leavers[engaged].reset_index(drop=True)
    until = np.minimum(who["until"].to_numpy(dtype="datetime64[D]"), cut + DAY)
    date = np.maximum(
        who["left"].to_numpy(dtype="datetime64[D]") + days(rng.integers(3, 30, len(who))),
        first_day + days(rng.integers(0, 56, len(who))),
    )
    rows, dates = [], []
    for _ in range(100):
        alive = date < until
        if not alive.any():
            break
        rows.append(np.flatnonzero(alive))
        dates.append(date[alive])
        date = date + days(rng.integers(28, 84, len(who)))
    if not rows:
        return pd.DataFrame(columns=["child_id", "visit_date", "visit_type", "child_seen", "seen_alone"])
    idx = np.concatenate(rows)
    m = len(idx)
    seen = rng.random(m) < 0.9
    return pd.DataFrame(
        {
            "child_id": who["child_id"].to_numpy()[idx],
            "visit_date": pd.to_datetime(np.concatenate(dates)),
            "visit_type": "PA",
            "child_seen": seen,
            "seen_alone": seen & (rng.random(m) < 0.8),
        }
    )
