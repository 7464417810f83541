"""Who works where, month by month: the social work roster behind the CSWW and the monthly extract.

Each worker holds one post in one team from a start month to a leaving month. The simulation runs a
month at a time from ``BURN_IN_START`` (so tenures and the roster are settled long before 2018):

1. employed workers leave at the month's hazard (turnover / 12), with an accumulator that keeps the
   yearly count close to the expected one (a band test on one year should not hinge on luck);
   E6 adds forced leavers;
2. agency contracts end (mean about 10 months) and new ones are let to track the agency target;
3. recruiters fill vacancies: a proportional controller hires the month's leavers plus a share of the gap
   between the actual and the target vacancies, into teams that have room. A post covered by agency is
   still vacant, as the DfE counts it.

Everything else (who the people are, sickness, cases) is drawn afterwards from this skeleton.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: ``end_m`` of a worker still in post at the end of the simulation.
STILL_IN_POST = 10**6

#: Relative size of each kind of team (posts per team at the average locality).
_TEAM_KIND_WEIGHT = {
    "MASH and Duty": 22.0,
    "Assessment": 13.0,
    "Safeguarding and Support": 17.0,
    "Children in Care": 19.0,
    "Care Leavers": 6.0,
    "Disabled Children": 12.0,
}
_AGENCY_MEAN_MONTHS = 10.0
_HIRE_GAIN = 0.35  # share of the vacancy gap recruiters close each month
_AGENCY_GAIN = 0.6


@dataclass
class Roster:
    """Worker-level skeleton. Month indices count from 0 = the first simulated month end."""

    team: np.ndarray  # index into ctx.teams
    fte: np.ndarray
    agency: np.ndarray  # bool
    start_m: np.ndarray  # month the worker started (negative: before the simulation)
    end_m: np.ndarray  # month the worker left (STILL_IN_POST if not left)
    forced: np.ndarray  # bool: an E6 leaver
    team_establishment: np.ndarray  # (months, teams) funded FTE

    def in_post(self, n_months: int) -> np.ndarray:
        """(workers, months) True where the worker is in post at that month end."""
        months = np.arange(n_months)
        return (self.start_m[:, None] <= months[None, :]) & (self.end_m[:, None] > months[None, :])


def team_shares(teams: list[str], localities: dict[str, dict]) -> np.ndarray:
    """Share of the establishment in each team; locality teams grow with their locality's activity."""
    activity = {name: spec["child_share"] * spec["activity_weight"] for name, spec in localities.items()}
    mean_activity = float(np.mean(list(activity.values()))) if activity else 1.0
    weights = []
    for team in teams:
        kind = next((k for k in _TEAM_KIND_WEIGHT if k in team), None)
        weight = _TEAM_KIND_WEIGHT.get(kind, 10.0) if kind else 10.0
        locality = next((loc for loc in activity if team.startswith(loc)), None)
        if locality is not None:
            weight *= np.sqrt(activity[locality] / mean_activity)
        weights.append(weight)
    w = np.array(weights)
    return w / w.sum()


def draw_fte(rng: np.random.Generator, n: int, full_time_share: float = 0.78) -> np.ndarray:
    """Contracted FTE: mostly 1.0, the rest 0.5-0.9 in tenths."""
    part = rng.choice(np.array([0.5, 0.6, 0.7, 0.8, 0.9]), size=n)
    return np.where(rng.random(n) < full_time_share, 1.0, part)


class _Growing:
    """Column arrays that grow as workers are hired (amortised doubling)."""

    def __init__(self, capacity: int) -> None:
        self.n = 0
        self.cols = {
            "team": np.zeros(capacity, dtype=np.int64),
            "fte": np.zeros(capacity),
            "agency": np.zeros(capacity, dtype=bool),
            "start_m": np.zeros(capacity, dtype=np.int64),
            "end_m": np.full(capacity, STILL_IN_POST, dtype=np.int64),
            "forced": np.zeros(capacity, dtype=bool),
        }

    def add(self, team: np.ndarray, fte: np.ndarray, agency: bool, start_m: np.ndarray) -> None:
        k = len(team)
        if self.n + k > len(self.cols["fte"]):
            extra = max(k, len(self.cols["fte"]))
            for name, col in self.cols.items():
                fill = STILL_IN_POST if name == "end_m" else 0
                self.cols[name] = np.concatenate([col, np.full(extra, fill, dtype=col.dtype)])
        sl = slice(self.n, self.n + k)
        self.cols["team"][sl], self.cols["fte"][sl] = team, fte
        self.cols["agency"][sl], self.cols["start_m"][sl] = agency, start_m
        self.n += k

    def view(self, name: str) -> np.ndarray:
        return self.cols[name][: self.n]


def _team_establishment(total: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """(months, teams) posts: the total split by share, in half posts, never shrinking."""
    est = np.round(np.maximum.accumulate(total)[:, None] * shares[None, :] * 2.0) / 2.0
    return np.maximum.accumulate(est, axis=0)


def _choose_teams(rng: np.random.Generator, room: np.ndarray, ftes: np.ndarray) -> np.ndarray:
    """Place each new worker in a team with room for their FTE (-1 if none), weighted by the room."""
    room = room.copy()
    out = np.full(len(ftes), -1, dtype=np.int64)
    for i, fte in enumerate(ftes):
        ok = np.clip(room - fte + 1e-9, 0.0, None) * (room >= fte - 1e-9)
        if ok.sum() <= 0:
            continue
        team = int(rng.choice(len(room), p=ok / ok.sum()))
        out[i] = team
        room[team] -= fte
    return out


def _headcount(rng: np.random.Generator, fte: float, mean_fte: float) -> int:
    """People to hire for ``fte``: rounded with a little noise (Poisson noise would swamp the events)."""
    return max(0, int(np.floor(fte / mean_fte + rng.normal(0.0, 0.4) + 0.5)))


def simulate_roster(rng: np.random.Generator, targets: pd.DataFrame, shares: np.ndarray) -> Roster:
    """Run the month-by-month roster over ``targets`` (one row per simulated month end)."""
    n_months, n_teams = len(targets), len(shares)
    est = _team_establishment(targets["establishment_fte"].to_numpy(), shares)
    vac_rate = targets["vacancy_rate"].to_numpy()
    hazard = targets["monthly_leave_hazard"].to_numpy()
    forced_fte = targets["e6_forced_leavers_fte"].to_numpy()
    agency_target_rate = targets["agency_rate"].to_numpy()
    agency_factor = targets["agency_factor"].to_numpy()
    agency_extra = targets["agency_extra_fte"].to_numpy()

    w = _Growing(capacity=int(est[-1].sum() * 8) + 64)
    # Initial roster: each team filled to its target vacancy, tenures spread over earlier years.
    for t in range(n_teams):
        filled, ftes = 0.0, []
        while True:
            fte = float(draw_fte(rng, 1)[0])
            if filled + fte > est[0, t] * (1.0 - vac_rate[0]) + 0.25:
                break
            ftes.append(fte)
            filled += fte
        tenure = np.minimum(rng.exponential(90.0, size=len(ftes)).astype(np.int64), 360)
        w.add(np.full(len(ftes), t), np.array(ftes), False, -1 - tenure)
    employed0 = w.view("fte").sum()
    a0 = agency_target_rate[0] / (1 - agency_target_rate[0]) * employed0
    n_a0 = int(round(a0))
    w.add(
        rng.choice(n_teams, size=n_a0, p=shares),
        np.ones(n_a0),
        True,
        -1 - rng.geometric(1 / _AGENCY_MEAN_MONTHS, size=n_a0),
    )

    leave_debt = 0.0
    for m in range(n_months):
        agency, start_m, end_m = w.view("agency"), w.view("start_m"), w.view("end_m")
        fte, team = w.view("fte"), w.view("team")
        active = (start_m <= m - 1) & (end_m > m - 1)
        emp_idx = np.flatnonzero(active & ~agency)

        # 1. employed leavers (normal, then E6's forced ones among full-timers)
        expected = hazard[m] * len(emp_idx)
        n_leave = max(0, int(np.floor(leave_debt + expected + rng.normal(0.0, 0.6) + 0.5)))
        n_leave = min(n_leave, len(emp_idx))
        leave_debt += expected - n_leave
        tenure = m - start_m[emp_idx]
        weight = np.where(tenure < 24, 1.8, 1.0)
        leavers = rng.choice(emp_idx, size=n_leave, replace=False, p=weight / weight.sum())
        end_m[leavers] = m
        normal_leavers_fte = fte[leavers].sum()
        n_forced = int(round(forced_fte[m]))
        if n_forced:
            pool = np.setdiff1d(emp_idx[fte[emp_idx] == 1.0], leavers)
            forced = rng.choice(pool, size=min(n_forced, len(pool)), replace=False)
            end_m[forced] = m
            w.view("forced")[forced] = True

        # 2. agency: contracts end, new ones track the target
        ag_idx = np.flatnonzero(active & agency)
        ends = ag_idx[rng.random(len(ag_idx)) < 1.0 / _AGENCY_MEAN_MONTHS]
        end_m[ends] = m
        staying = (start_m <= m - 1) & (end_m > m)
        employed_fte = fte[staying & ~agency].sum()
        target = (
            agency_target_rate[m] / (1 - agency_target_rate[m]) * employed_fte * agency_factor[m]
            + agency_extra[m]
        )
        gap = target - fte[staying & agency].sum()
        ended_fte = fte[ends].sum()
        n_agency = _headcount(rng, _AGENCY_GAIN * gap + (1 - _AGENCY_GAIN) * ended_fte, 0.95)
        if n_agency:
            vac_by_team = est[m] - np.bincount(team[staying & ~agency], fte[staying & ~agency], n_teams)
            cover = np.bincount(team[staying & agency], fte[staying & agency], n_teams)
            room = np.clip(vac_by_team - cover, 0.0, None) + 0.2
            a_fte = np.where(rng.random(n_agency) < 0.9, 1.0, 0.5)
            w.add(rng.choice(n_teams, size=n_agency, p=room / room.sum()), a_fte, True, np.full(n_agency, m))

        # 3. employed starters fill vacancies towards the target
        agency, start_m, end_m = w.view("agency"), w.view("start_m"), w.view("end_m")
        fte, team = w.view("fte"), w.view("team")
        emp_now = (start_m <= m) & (end_m > m) & ~agency
        room = est[m] - np.bincount(team[emp_now], fte[emp_now], n_teams)
        gap = room.sum() - vac_rate[m] * est[m].sum()
        hire_fte = _HIRE_GAIN * gap + (1 - _HIRE_GAIN) * normal_leavers_fte
        n_hire = _headcount(rng, hire_fte, 0.93)
        if n_hire:
            new_fte = draw_fte(rng, n_hire)
            teams = _choose_teams(rng, room, new_fte)
            keep = teams >= 0
            w.add(teams[keep], new_fte[keep], False, np.full(int(keep.sum()), m))

    return Roster(
        team=w.view("team").copy(),
        fte=w.view("fte").copy(),
        agency=w.view("agency").copy(),
        start_m=w.view("start_m").copy(),
        end_m=w.view("end_m").copy(),
        forced=w.view("forced").copy(),
        team_establishment=est,
    )
