"""The care part of the synthetic generator: children in care and care leavers (SSDA903).

``simulate_care`` takes the front door's entries into care (burn-in years included) and the workforce
part's social workers, and decides everything after entry: legal statuses, placements and moves,
exits, reviews, visits, missing episodes, health outcomes, adoption, social-worker changes and care
leavers' outcomes. ``write_ssda903`` writes each collection year's return from the result. The work
is split by subject into ``care_*.py`` modules; this module holds the interface the orchestrator uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from cscdash.synthetic.care_adoption import adoption_records
from cscdash.synthetic.care_dates import add_years, as_days, days
from cscdash.synthetic.care_episodes import build_episodes
from cscdash.synthetic.care_health import care_events, health_outcomes, missing_episodes
from cscdash.synthetic.care_leavers import care_leaver_outcomes, personal_adviser_contacts
from cscdash.synthetic.care_params import params_for
from cscdash.synthetic.care_periods import NAT, draw_codes, draw_periods, legal_status_events
from cscdash.synthetic.care_placements import plan_placements
from cscdash.synthetic.care_reviews import cla_visits, reviews
from cscdash.synthetic.care_social_workers import social_worker_episodes
from cscdash.synthetic.context import Context
from cscdash.synthetic.ssda903_csv import write_returns


@dataclass
class CareHistory:
    """Everything the care part simulated for one authority, up to the context's end month.

    ``periods`` and ``visits`` are the interface other parts read (gen_common); the other frames feed
    ``write_ssda903``. Dates are pandas datetimes; NaT means "not yet" at end_month.
    """

    periods: pd.DataFrame  # child_id, period_id, period_start, period_end, rec, short_breaks, track, uasc
    episodes: pd.DataFrame  # SSDA903 episode columns + period_id, temporary
    children: pd.DataFrame  # child_id, dob, sex, ethnic, upn, uasc, duc, mc_dob (first child)
    reviews: pd.DataFrame  # child_id, review_date, review_code
    visits: pd.DataFrame  # child_id, visit_date, visit_type ('CLA'/'PA'), child_seen, seen_alone
    missing: pd.DataFrame  # child_id, missing ('M'/'A'), mis_start, mis_end
    oc2: pd.DataFrame  # child_id, collection_year, OC2 columns
    oc3: pd.DataFrame  # child_id, collection_year, in_touch, activ, accom
    adoption: pd.DataFrame  # child_id, period_id, date_placed (decision), ceased, reason, ad1 columns
    prev_perm: pd.DataFrame  # child_id, period_start, prev_perm, la_perm, date_perm
    sw_episodes: pd.DataFrame  # child_id, sw_id, sw_decom, sw_dec, sw_reason
    events: pd.DataFrame  # special-cause events the care part injected (id, series, start, end, effect)


def simulate_care(ctx: Context, entries: pd.DataFrame, workers: pd.DataFrame) -> CareHistory:
    """Simulate every period of care that starts with one of ``entries`` (see gen_common for columns)."""
    params = params_for(ctx.profile)
    periods = draw_periods(ctx, entries, params)
    ls_events = legal_status_events(ctx, periods)
    periods, moves = plan_placements(ctx, periods, ls_events, params)
    episodes = build_episodes(periods, ls_events, moves, ctx.end_month)
    periods = _public_periods(ctx, periods)
    children = _children(ctx, entries, periods)
    adoption = adoption_records(ctx, periods, params)
    oc3, leavers = care_leaver_outcomes(ctx, periods, children, params)
    visits = pd.concat(
        [cla_visits(ctx, periods, params), personal_adviser_contacts(ctx, leavers)], ignore_index=True
    ).sort_values(["child_id", "visit_date"], kind="stable")
    return CareHistory(
        periods=periods,
        episodes=episodes,
        children=children,
        reviews=reviews(ctx, periods, params),
        visits=visits.reset_index(drop=True),
        missing=missing_episodes(ctx, periods, params),
        oc2=health_outcomes(ctx, periods, children, params),
        oc3=oc3,
        adoption=adoption,
        prev_perm=_previous_permanence(ctx, periods),
        sw_episodes=social_worker_episodes(ctx, periods, workers, params),
        events=care_events(ctx),
    )


def write_ssda903(ctx: Context, history: CareHistory, la_dir: Path) -> list[Path]:
    """Write ``<la_dir>/extracts/ssda903/<YYYY-YY>/*_SYNTHETIC.csv``; returns the files.

    ``la_dir`` is the authority's folder (``<out>/<la_code>``), like the other parts' writers.
    """
    return write_returns(ctx, history, la_dir)


def _public_periods(ctx: Context, periods: pd.DataFrame) -> pd.DataFrame:
    """Periods as other parts see them: cut at end_month (period_end NaT and rec None while still open).

    ``natural_end`` keeps the simulated end for the care part's own use (e.g. OC2 continuity).
    """
    cut = as_days([ctx.end_month])[0]
    periods = periods[periods["start"].to_numpy(dtype="datetime64[D]") <= cut].copy()
    end = periods["end"].to_numpy(dtype="datetime64[D]")
    closed = end <= cut
    periods["period_start"] = pd.to_datetime(periods["start"])
    periods["natural_end"] = pd.to_datetime(periods["end"])
    periods["period_end"] = pd.to_datetime(np.where(closed, end, NAT))
    periods["rec"] = np.where(closed, periods["rec"], None)
    periods["short_breaks"] = periods["track"] == "short_breaks"
    lead = ["child_id", "period_id", "period_start", "period_end", "rec", "short_breaks", "track", "uasc"]
    rest = [c for c in periods.columns if c not in lead and c not in ("start", "end")]
    return periods[lead + rest].reset_index(drop=True)


def _children(ctx: Context, entries: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """One row per child with a period: header facts, UASC status end (DUC) and motherhood."""
    rng = ctx.rng("care.children")
    first = entries.drop_duplicates("child_id").set_index("child_id")
    ids = periods["child_id"].unique()
    kids = first.loc[ids, ["dob", "sex", "ethnic", "upn", "uasc"]].reset_index()
    kids["uasc"] = periods.groupby("child_id")["uasc"].any().loc[ids].to_numpy()
    dob = as_days(kids["dob"])
    eighteen = add_years(dob, 18)
    last = periods.sort_values("period_start").groupby("child_id").last().loc[ids]
    assessed_adult = (last["rec"] == "E15").to_numpy()
    duc = np.where(assessed_adult, last["natural_end"].to_numpy(dtype="datetime64[D]"), eighteen)
    kids["duc"] = pd.to_datetime(np.where(kids["uasc"], duc, NAT))
    # a few older girls in care become mothers (MOTHER / MC_DOB in the header)
    n = len(kids)
    lo = np.maximum(add_years(dob, 15), last["period_start"].to_numpy(dtype="datetime64[D]"))
    hi = np.minimum(eighteen, last["natural_end"].to_numpy(dtype="datetime64[D]"))
    mother = (kids["sex"].to_numpy() == "F") & (hi - lo > np.timedelta64(60, "D")) & (rng.random(n) < 0.06)
    when = lo + days((rng.random(n) * np.maximum((hi - lo) / np.timedelta64(1, "D"), 1)).astype(int))
    kids["mc_dob"] = pd.to_datetime(np.where(mother, when, NAT))
    kids["dob"] = pd.to_datetime(kids["dob"])
    return kids


def _previous_permanence(ctx: Context, periods: pd.DataFrame) -> pd.DataFrame:
    """PREV_PERM for each period start (not short breaks): mostly none (Z1), a few after an order."""
    rng = ctx.rng("care.prev_perm")
    care = periods[~periods["short_breaks"]]
    n = len(care)
    code = draw_codes(rng, ["Z1", "P4", "P2", "P3", "P1"], [0.8, 0.08, 0.05, 0.04, 0.03], n)
    years_before = rng.integers(1, 8, n)
    start_year = care["period_start"].dt.year.to_numpy()
    month = rng.integers(1, 13, n)
    perm_year = np.maximum(start_year - years_before, care["dob"].map(lambda d: d.year).to_numpy())
    partial = np.where(
        rng.random(n) < 0.5,
        [f"zz/{m:02d}/{y}" for m, y in zip(month, perm_year, strict=True)],
        [f"zz/zz/{y}" for y in perm_year],
    )
    has_order = np.isin(code, ["P1", "P2", "P3"])
    return pd.DataFrame(
        {
            "child_id": care["child_id"].to_numpy(),
            "period_start": care["period_start"].to_numpy(),
            "prev_perm": code,
            "la_perm": np.where(has_order & (rng.random(n) < 0.5), ctx.la_number, None),
            "date_perm": np.where(has_order, partial, None),
        }
    )
