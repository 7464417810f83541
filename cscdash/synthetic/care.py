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

import pandas as pd

from cscdash.synthetic.care_adoption import adoption_records
from cscdash.synthetic.care_episodes import build_episodes
from cscdash.synthetic.care_health import health_outcomes, missing_episodes
from cscdash.synthetic.care_leavers import care_leaver_outcomes, personal_adviser_contacts
from cscdash.synthetic.care_params import params_for
from cscdash.synthetic.care_periods import draw_periods, legal_status_events
from cscdash.synthetic.care_placements import plan_placements
from cscdash.synthetic.care_reviews import cla_visits, reviews
from cscdash.synthetic.care_social_workers import social_worker_episodes
from cscdash.synthetic.context import Context


@dataclass
class CareHistory:
    """Everything the care part simulated for one authority, up to the context's end month.

    ``periods`` and ``visits`` are the interface other parts read (gen_common); the other frames feed
    ``write_ssda903``. Dates are pandas datetimes; NaT means "not yet" at end_month.
    """

    periods: pd.DataFrame  # child_id, period_id, period_start, period_end, rec, short_breaks, track, uasc
    episodes: pd.DataFrame  # SSDA903 episode columns + period_id, temporary
    children: pd.DataFrame  # child_id, dob, sex, ethnic, upn, uasc, duc, mother, mc_dob
    reviews: pd.DataFrame  # child_id, review_date, review_code
    visits: pd.DataFrame  # child_id, visit_date, visit_type ('CLA'/'PA'), child_seen, seen_alone
    missing: pd.DataFrame  # child_id, missing ('M'/'A'), mis_start, mis_end
    oc2: pd.DataFrame  # child_id, collection_year, OC2 columns
    oc3: pd.DataFrame  # child_id, collection_year, in_touch, activ, accom
    adoption: pd.DataFrame  # child_id, period_id, date_placed (decision), ceased, reason, ad1 columns
    prev_perm: pd.DataFrame  # child_id, period_start, prev_perm, la_perm, date_perm
    sw_episodes: pd.DataFrame  # child_id, sw_id, sw_decom, sw_dec, sw_reason


def simulate_care(ctx: Context, entries: pd.DataFrame, workers: pd.DataFrame) -> CareHistory:
    """Simulate every period of care that starts with one of ``entries`` (see gen_common for columns)."""
    params = params_for(ctx.profile)
    periods = draw_periods(ctx, entries, params)
    ls_events = legal_status_events(ctx, periods)
    periods, moves = plan_placements(ctx, periods, ls_events, params)
    episodes = build_episodes(periods, ls_events, moves, ctx.end_month)
    periods = _public_periods(ctx, periods)
    children = _children(ctx, entries, periods)
    adoption = adoption_records(ctx, periods, episodes)
    oc3 = care_leaver_outcomes(ctx, periods, episodes, children, params)
    visits = pd.concat([cla_visits(ctx, periods, params), personal_adviser_contacts(ctx, oc3, children)],
                       ignore_index=True).sort_values(["child_id", "visit_date"], kind="stable")
    return CareHistory(
        periods=periods,
        episodes=episodes,
        children=children,
        reviews=reviews(ctx, periods, children, params),
        visits=visits.reset_index(drop=True),
        missing=missing_episodes(ctx, periods, episodes, params),
        oc2=health_outcomes(ctx, periods, children, params),
        oc3=oc3,
        adoption=adoption,
        prev_perm=_previous_permanence(ctx, periods),
        sw_episodes=social_worker_episodes(ctx, periods, workers, params),
    )


def write_ssda903(ctx: Context, history: CareHistory, out_dir: Path) -> list[Path]:
    """Write ``<out_dir>/<la_code>/extracts/ssda903/<YYYY-YY>/*_SYNTHETIC.csv``; returns the files."""
    from cscdash.synthetic.ssda903_csv import write_returns

    return write_returns(ctx, history, out_dir)
