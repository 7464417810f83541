"""Health and wellbeing of children in care: OC2 outcomes and missing / away episodes.

OC2 covers children looked after continuously for 12 months at 31 March (not short breaks). Rates come
from CareParams (calibration.md section 3), with Covid's dip in dental checks (event E1: about 40% in
2020-21, recovering by 2022-23) and an SDQ score that belongs to the child, so it persists across years.
Missing episodes come from a minority of children aged 11+ with a heavy-tailed yearly rate, a summer
peak (June-August x1.2, event E9) and, each summer, one child with 12 episodes in one month.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic.care_dates import DAY, add_years, age_years, as_days, days
from cscdash.synthetic.care_params import CareParams
from cscdash.synthetic.care_periods import draw_codes
from cscdash.synthetic.context import HISTORY_START, Context

#: calibration.md section 5.1 "Missing episodes" row, January to December
MISSING_SEASON = np.array([0.85, 0.85, 0.95, 0.95, 1.05, 1.15, 1.20, 1.20, 1.00, 1.00, 0.95, 0.85])
#: event E1: dental checks in the Covid years (collection year -> rate)
DENTAL_COVID = {2021: 0.40, 2022: 0.62}


def _oc2_years(ctx: Context) -> list[int]:
    """Collection years with a 31 March inside the written history."""
    return [y for y in ctx.collection_years if np.datetime64(f"{y}-03-31") <= as_days([ctx.end_month])[0]]


def health_outcomes(
    ctx: Context, periods: pd.DataFrame, children: pd.DataFrame, params: CareParams
) -> pd.DataFrame:
    """OC2 rows: child_id, collection_year and the OC2 columns (blank where a rule says not applicable)."""
    rng = ctx.rng("care.health")
    care = periods[~periods["short_breaks"]]
    latent = pd.Series(rng.standard_normal(len(children)), index=children["child_id"].to_numpy())
    frames = []
    for year in _oc2_years(ctx):
        snap = np.datetime64(f"{year}-03-31")
        start = care["period_start"].to_numpy(dtype="datetime64[D]")
        end = care["natural_end"].to_numpy(dtype="datetime64[D]")
        rows = care[(start <= snap - days(365)) & (end > snap)]
        if rows.empty:
            continue
        n = len(rows)
        age = age_years(rows["dob_d"].to_numpy(), snap)
        score = np.clip(
            np.round(
                params.sdq_mean
                + params.sdq_sd
                * (0.8 * latent.loc[rows["child_id"]].to_numpy() + 0.6 * rng.standard_normal(n))
            ),
            0,
            40,
        )
        sdq_age = (age >= 4) & (age <= 16)
        returned = sdq_age & (rng.random(n) < params.sdq_returned_pct)
        misuse = np.where(age >= 12, (rng.random(n) < 0.04).astype(int), 0)
        received = np.where(misuse == 1, (rng.random(n) < 0.6).astype(float), np.nan)
        offered = np.where(received == 0, (rng.random(n) < 0.7).astype(float), np.nan)
        dental = DENTAL_COVID.get(year, params.dental_pct)
        frames.append(
            pd.DataFrame(
                {
                    "child_id": rows["child_id"].to_numpy(),
                    "collection_year": year,
                    "SDQ_SCORE": np.where(returned, score, np.nan),
                    "SDQ_REASON": np.where(
                        sdq_age,
                        np.where(
                            returned,
                            None,
                            draw_codes(rng, ["SDQ2", "SDQ4", "SDQ5", "SDQ3"], [0.25, 0.45, 0.2, 0.1], n),
                        ),
                        "SDQ1",
                    ),
                    "CONVICTED": np.where(age >= 10, (rng.random(n) < 0.03).astype(float), np.nan),
                    "HEALTH_CHECK": np.where(age < 5, (rng.random(n) < 0.88).astype(float), np.nan),
                    "IMMUNISATIONS": (rng.random(n) < params.immunisations_pct).astype(int),
                    "TEETH_CHECK": (rng.random(n) < dental).astype(int),
                    "HEALTH_ASSESSMENT": (rng.random(n) < params.health_assessment_pct).astype(int),
                    "SUBSTANCE_MISUSE": misuse,
                    "INTERVENTION_RECEIVED": received,
                    "INTERVENTION_OFFERED": offered,
                }
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def missing_episodes(ctx: Context, periods: pd.DataFrame, params: CareParams) -> pd.DataFrame:
    """Missing / away episodes: child_id, missing ('M'/'A'), mis_start, mis_end (NaT if still missing)."""
    rng = ctx.rng("care.missing")
    cut = as_days([ctx.end_month])[0]
    care = periods[~periods["short_breaks"]].reset_index(drop=True)
    n = len(care)
    lo = np.maximum(
        care["period_start"].to_numpy(dtype="datetime64[D]"), add_years(care["dob_d"].to_numpy(), 11)
    )
    lo = np.maximum(lo, np.datetime64(HISTORY_START) - days(365))
    hi = np.minimum(care["natural_end"].to_numpy(dtype="datetime64[D]"), cut)
    span = np.maximum((hi - lo) / DAY, 0)
    prone = (rng.random(n) < params.missing_child_share) & (span > 0)
    rate = rng.gamma(params.missing_rate_shape, params.missing_rate_mean / params.missing_rate_shape, n)
    count = rng.poisson(np.where(prone, rate * span / 365.25 * MISSING_SEASON.max(), 0))
    idx = np.repeat(np.arange(n), count)
    start = lo[idx] + days((rng.random(len(idx)) * span[idx]).astype(int))
    month = pd.DatetimeIndex(start).month.to_numpy() - 1
    keep = rng.random(len(idx)) < MISSING_SEASON[month] / MISSING_SEASON.max()
    idx, start = idx[keep], start[keep]
    spree = _summer_sprees(ctx, rng, care, lo, hi, prone)
    for row, first in zip(spree[0][::12], spree[1][::12], strict=True):  # the spree replaces that month
        clash = (idx == row) & (start >= first - days(20)) & (start <= first + days(31))
        idx, start = idx[~clash], start[~clash]
    idx = np.concatenate([idx, spree[0]])
    start = np.concatenate([start, spree[1]])
    length = np.select(
        [rng.random(len(idx)) < 0.77, rng.random(len(idx)) < 0.74],
        [rng.integers(0, 2, len(idx)), rng.integers(1, 4, len(idx))],
        rng.integers(4, 15, len(idx)),
    )
    length[len(idx) - len(spree[0]) :] = 0
    out = pd.DataFrame({"row": idx, "mis_start": start, "mis_end": start + days(length)})
    out = out.sort_values(["row", "mis_start"], kind="stable").drop_duplicates(["row", "mis_start"])
    reach = out.groupby("row")["mis_end"].cummax().groupby(out["row"]).shift(1)
    out = out[reach.isna() | (out["mis_start"] > reach)]  # no overlaps (rule 574)
    period_last = hi[out["row"].to_numpy()]
    out = out[out["mis_start"].to_numpy(dtype="datetime64[D]") < period_last]
    natural_end = care["natural_end"].to_numpy(dtype="datetime64[D]")[out["row"].to_numpy()]
    mis_end = np.minimum(out["mis_end"].to_numpy(dtype="datetime64[D]"), natural_end)
    out["mis_end"] = pd.to_datetime(np.where(mis_end <= cut, mis_end, np.datetime64("NaT")))
    out["child_id"] = care["child_id"].to_numpy()[out["row"].to_numpy()]
    out["missing"] = np.where(rng.random(len(out)) < params.away_pct, "A", "M")
    out["mis_start"] = pd.to_datetime(out["mis_start"])
    return out[["child_id", "missing", "mis_start", "mis_end"]].reset_index(drop=True)


def _summer_sprees(
    ctx: Context,
    rng: np.random.Generator,
    care: pd.DataFrame,
    lo: np.ndarray,
    hi: np.ndarray,
    prone: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Event E9: each July one missing-prone child goes missing 12 times (every 2-3 days)."""
    rows, starts = [], []
    for year in range(HISTORY_START.year + 1, ctx.end_month.year + 1):
        first, last = np.datetime64(f"{year}-07-01"), np.datetime64(f"{year}-07-31")
        if last > as_days([ctx.end_month])[0]:
            break
        able = np.flatnonzero(prone & (lo <= first) & (hi > last))
        if len(able) == 0:
            continue
        pick = able[rng.integers(0, len(able))]
        rows.extend([pick] * 12)
        starts.extend(first + days(np.arange(12) * 2 + rng.integers(0, 2)))
    return np.asarray(rows, dtype=int), np.asarray(starts, dtype="datetime64[D]")


def care_events(ctx: Context) -> pd.DataFrame:
    """The special-cause events the care part injects, for the orchestrator's ``events.csv``."""
    rows = [
        (
            "E1c",
            "cla_dental_check_pct",
            "2020-04-01",
            "2021-03-31",
            "Covid: dental checks of children in care about 40% in 2020-21, 62% in 2021-22 (care part)",
        ),
        (
            "E3c",
            "cla_visits_6wk_pct",
            "2022-11-01",
            "2022-12-15",
            "case-system migration: 40% of November 2022 CLA visits recorded in early December (care part)",
        ),
        (
            "E9",
            "cla_missing_count",
            f"{HISTORY_START.year + 1}-06-01",
            f"{ctx.end_month.year}-08-31",
            "summer missing peak each June-August x1.2; each July one child missing 12 times (care part)",
        ),
    ]
    frame = pd.DataFrame(rows, columns=["id", "series", "start", "end", "effect"])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    return frame[frame["start"] <= pd.Timestamp(ctx.end_month)].reset_index(drop=True)
