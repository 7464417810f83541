"""Which social worker holds each child in care, and why it changes (SSDA903 sw_episodes, from 2023-24).

Allocations use the workforce part's case holders (``workers``: SWENo, team, OrgRole, RoleStartDate,
RoleEndDate), so a worker who leaves the council hands over their children (SW_REASON ``LEFTRL``).
A child new to care keeps the locality team's worker for a few months, then transfers to a children in
care team (``TSPROC``); other changes (caseload management, absence, restructure, requests) come at a
yearly rate tuned so ~21% of children in care at 31 March had 3+ distinct workers in the year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic.care_dates import as_days
from cscdash.synthetic.care_params import CareParams
from cscdash.synthetic.context import Context

CHAIN_START = np.datetime64("2021-04-01")
OTHER_REASONS = (
    ["MANAGE", "ABSENC", "ORGRST", "CHCHAN", "PCCHAN", "OTHERS"],
    [0.38, 0.18, 0.1, 0.05, 0.05, 0.24],
)
COLUMNS = ["child_id", "sw_id", "sw_decom", "sw_dec", "sw_reason"]


class _Caseholders:
    """Case-holding workers by team, with their dates in post as day numbers for quick look-ups."""

    def __init__(self, workers: pd.DataFrame) -> None:
        needed = {"SWENo", "team", "OrgRole", "RoleStartDate", "RoleEndDate"}
        holders = workers if needed <= set(workers.columns) else pd.DataFrame(columns=sorted(needed))
        holders = holders[pd.to_numeric(holders["OrgRole"], errors="coerce").isin([4, 5])]
        self.ids = holders["SWENo"].astype(str).to_numpy(dtype=object)
        self.team = holders["team"].astype(str).to_numpy(dtype=object)
        self.start = pd.to_datetime(holders["RoleStartDate"]).to_numpy(dtype="datetime64[D]")
        end = pd.to_datetime(holders["RoleEndDate"]).to_numpy(dtype="datetime64[D]")
        self.end = np.where(np.isnat(end), np.datetime64("2100-01-01"), end)

    def pick(
        self, rng: np.random.Generator, teams: list[str], on: np.datetime64, avoid: str | None
    ) -> tuple[str, np.datetime64] | None:
        """A worker of one of ``teams`` in post on ``on`` (any case holder if the teams have none)."""
        in_post = (self.start <= on) & (self.end > on + np.timedelta64(14, "D")) & (self.ids != avoid)
        for mask in (in_post & np.isin(self.team, teams), in_post):
            found = np.flatnonzero(mask)
            if len(found):
                i = found[rng.integers(0, len(found))]
                return self.ids[i], self.end[i]
        return None


def social_worker_episodes(
    ctx: Context, periods: pd.DataFrame, workers: pd.DataFrame, params: CareParams
) -> pd.DataFrame:
    """Allocations from April 2021 for every period of care: child_id, sw_id, sw_decom, sw_dec, sw_reason."""
    rng = ctx.rng("care.social_workers")
    cut = as_days([ctx.end_month])[0]
    holders = _Caseholders(workers)
    care = periods[~periods["short_breaks"] & (periods["natural_end"] > pd.Timestamp(CHAIN_START))]
    cic_teams = [t for t in ctx.teams if t.startswith("Children in Care")]
    rows = []
    spare = 0
    for child, start, end, locality, need in zip(
        care["child_id"],
        care["period_start"].to_numpy(dtype="datetime64[D]"),
        care["natural_end"].to_numpy(dtype="datetime64[D]"),
        care["locality"],
        care["need_code"],
        strict=True,
    ):
        stop = min(end, cut)
        new_to_care = start >= CHAIN_START
        t = max(start, CHAIN_START)
        home_team = ["Disabled Children"] if need == "N2" else [f"{locality} Safeguarding and Support"]
        transfer = start + np.timedelta64(int(rng.integers(60, 180)), "D") if new_to_care else None
        teams = home_team if new_to_care else (home_team if need == "N2" else cic_teams)
        reason = "FCONTA" if new_to_care else "MANAGE"
        current = None
        while t < stop:
            found = holders.pick(rng, teams, t, current)
            if found is None:
                spare += 1
                found = (f"XX{ctx.la_number}{spare:06d}", np.datetime64("2100-01-01"))
            current, leaves = found
            seg_end = t + np.timedelta64(int(14 + rng.exponential(365.25 / params.sw_changes_per_year)), "D")
            next_reason = str(rng.choice(OTHER_REASONS[0], p=OTHER_REASONS[1]))
            if leaves <= seg_end:
                seg_end, next_reason = leaves, "LEFTRL"
            if transfer is not None and transfer <= seg_end:
                seg_end, next_reason, teams, transfer = transfer, "TSPROC", cic_teams, None
            seg_end = min(seg_end, end)
            rows.append((child, current, t, seg_end if seg_end <= cut else np.datetime64("NaT"), reason))
            t, reason = seg_end, next_reason
    out = pd.DataFrame(rows, columns=COLUMNS)
    out = out[out["sw_decom"] < out["sw_dec"].fillna(pd.Timestamp.max)] if len(out) else out
    for col in ("sw_decom", "sw_dec"):
        out[col] = pd.to_datetime(out[col])
    return out.reset_index(drop=True)
