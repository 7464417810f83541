"""Which child each referral and contact is about: a child already known, or a new one.

This is the one step that must walk through time month by month: whether a referral is a
re-referral, or a CP plan a repeat plan, depends on what happened to the child earlier. Everything
inside a month is vectorised. The targets are calibration.md's re-referral rate (16%) and second or
subsequent CP plans (25%).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DAY = np.timedelta64(1, "D")
YEAR = 365.25
#: Age at referral of children new to CSC, in years (calibration.md section 4, with unborn
#: referrals drawn separately and re-referred children, who are older, taken out).
NEW_AGE_BANDS = [
    (0.0, 1.0, 0.085),
    (1.0, 5.0, 0.22),
    (5.0, 10.0, 0.25),
    (10.0, 16.0, 0.33),
    (16.0, 17.9, 0.115),
]
#: Age at entry to care of children who are not UASC, in years: calibration.md section 4 (under 1
#: 20%, 1-4 15%, 5-9 15%, 10-15 30%, 16-17 20%, UASC all 14-17) with the UASC (about a fifth of
#: starts, mostly 16-17) taken out, and unborn referrals (placed at birth) taken out of the under-1s.
CARE_ENTRY_AGE_BANDS = [
    (0.0, 1.0, 0.20),
    (1.0, 5.0, 0.20),
    (5.0, 10.0, 0.20),
    (10.0, 16.0, 0.32),
    (16.0, 17.5, 0.08),
]
#: Share of referrals (not re-referrals within 12 months) that are about a child referred longer ago.
OLDER_REPEAT_SHARE = 0.10
#: Share of contacts that do not become referrals that are about a child already known.
KNOWN_CONTACT_SHARE = 0.30


@dataclass
class ChildState:
    """What the simulation remembers about each child, as growing numpy arrays (days since 1970)."""

    dob: np.ndarray
    last_ref: np.ndarray
    last_close: np.ndarray
    last_act: np.ndarray
    n_cpp: np.ndarray
    ever_care: np.ndarray
    kind: np.ndarray  # 'contact', 'normal', 'unborn', 'uasc', 'short_breaks' at first appearance
    n: int = 0

    @classmethod
    def empty(cls, capacity: int) -> ChildState:
        never = np.full(capacity, -(10**7), dtype=np.int64)
        return cls(
            dob=np.zeros(capacity, dtype=np.int64),
            last_ref=never.copy(),
            last_close=never.copy(),
            last_act=never.copy(),
            n_cpp=np.zeros(capacity, dtype=np.int64),
            ever_care=np.zeros(capacity, dtype=bool),
            kind=np.full(capacity, "", dtype=object),
        )

    def add(self, dob: np.ndarray, kind: np.ndarray | str) -> np.ndarray:
        """Create children with these birth dates; returns their numbers."""
        ids = np.arange(self.n, self.n + len(dob))
        self.dob[ids] = dob
        self.kind[ids] = kind
        self.n += len(dob)
        return ids


def draw_new_ages(
    rng: np.random.Generator, n: int, bands: list[tuple[float, float, float]] = NEW_AGE_BANDS
) -> np.ndarray:
    """Age in days drawn from bands (low, high, weight); by default at referral of children new to CSC."""
    lo = np.array([b[0] for b in bands])
    hi = np.array([b[1] for b in bands])
    w = np.array([b[2] for b in bands])
    pick = rng.choice(len(w), size=n, p=w / w.sum())
    return ((lo[pick] + rng.random(n) * (hi[pick] - lo[pick])) * YEAR).astype(np.int64)


def _take(rng: np.random.Generator, pool: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(pool))
    return rng.choice(pool, size=k, replace=False) if k > 0 else np.zeros(0, dtype=np.int64)


def assign_referral_children(
    rng: np.random.Generator,
    state: ChildState,
    month_start: int,
    rows: dict[str, np.ndarray],
    p_rereferral: float,
    p_repeat_cpp: float,
) -> np.ndarray:
    """Children for one month's referral rows; updates ``state``.

    ``rows`` holds per-row arrays: ref (days), kind, cpp (bool), n_cpp (plans in the episode),
    closure (days, large when open), care (bool), entry (days into care, care rows only), dob_hint
    (days, unborn only), uasc_age and sb_age (days, for UASC and short-break rows).

    Rows whose pathway leads into care get the child's age from the age mix at entry to care
    (``CARE_ENTRY_AGE_BANDS``) rather than at referral, so they are children new to CSC (or, for
    older children, a repeat CP plan); the re-referral rate is made up by the other rows.
    """
    n = len(rows["ref"])
    child = np.full(n, -1, dtype=np.int64)
    k = state.n
    age = month_start - state.dob[:k]
    free = (state.last_close[:k] < month_start) & ~state.ever_care[:k]
    taken = np.zeros(k, dtype=bool)
    normal = np.isin(rows["kind"], ["normal", "strat"])
    care = normal & rows["care"]
    ref_age = draw_new_ages(rng, n, CARE_ENTRY_AGE_BANDS) - (rows["entry"] - rows["ref"])
    baby = care & (ref_age < 365)

    # (a) repeat CP plans: children who had a plan before
    want = np.flatnonzero(normal & ~baby & rows["cpp"] & (rng.random(n) < p_repeat_cpp))
    pool = np.flatnonzero(free & (state.n_cpp[:k] > 0) & (age > 0) & (age < 16.5 * YEAR))
    got = _take(rng, pool, len(want))
    child[want[: len(got)]] = got
    taken[got] = True

    # (b) re-referrals within 12 months
    recent = state.last_ref[:k] >= month_start - 350
    already = int(recent[got].sum())
    target = int(rng.binomial(int(normal.sum()), p_rereferral)) - already
    open_rows = np.flatnonzero(normal & ~care & (child < 0))
    rng.shuffle(open_rows)
    pool = np.flatnonzero(free & recent & ~taken & (age > 0) & (age < 17.5 * YEAR))
    got = _take(rng, pool, max(target, 0))
    child[open_rows[: len(got)]] = got
    taken[got] = True

    # (c) children referred more than a year ago
    open_rows = np.flatnonzero(normal & ~care & (child < 0))
    n_old = int(rng.binomial(len(open_rows), OLDER_REPEAT_SHARE))
    pool = np.flatnonzero(
        free & ~recent & (state.last_ref[:k] > -(10**6)) & ~taken & (age > 365) & (age < 17 * YEAR)
    )
    got = _take(rng, pool, n_old)
    child[open_rows[: len(got)]] = got

    # (d) everyone else is new to CSC
    new_rows = np.flatnonzero(child < 0)
    kinds = rows["kind"][new_rows]
    ages = draw_new_ages(rng, len(new_rows))
    # children whose pathway leads into care: their age at entry follows the entry mix (a child due
    # to enter younger than the time the pathway takes is a newborn at referral)
    newborn = rng.integers(0, 30, len(new_rows))
    ages = np.where(care[new_rows], np.maximum(ref_age[new_rows], newborn), ages)
    dob = rows["ref"][new_rows] - ages
    dob = np.where(kinds == "unborn", rows["dob_hint"][new_rows], dob)
    dob = np.where(kinds == "uasc", rows["ref"][new_rows] - rows["uasc_age"][new_rows], dob)
    dob = np.where(kinds == "short_breaks", rows["ref"][new_rows] - rows["sb_age"][new_rows], dob)
    child[new_rows] = state.add(dob, np.where(kinds == "strat", "normal", kinds))

    # update what we remember
    state.last_ref[child] = rows["ref"]
    state.last_act[child] = rows["ref"]
    state.last_close[child] = rows["closure"]
    np.add.at(state.n_cpp, child, rows["n_cpp"])
    state.ever_care[child] |= rows["care"]
    return child


def assign_contact_children(
    rng: np.random.Generator, state: ChildState, month_start: int, contact_days: np.ndarray
) -> np.ndarray:
    """Children for one month's contacts that did not become referrals (known children or new ones)."""
    n = len(contact_days)
    k = state.n
    age = month_start - state.dob[:k]
    pool = np.flatnonzero((state.last_act[:k] >= month_start - 3 * 365) & (age > 0) & (age < 17.8 * YEAR))
    known = rng.random(n) < KNOWN_CONTACT_SHARE
    if len(pool) == 0:
        known[:] = False
    child = np.full(n, -1, dtype=np.int64)
    child[known] = rng.choice(pool, size=int(known.sum())) if known.any() else child[known]
    new = ~known
    ages = draw_new_ages(rng, int(new.sum()))
    child[new] = state.add(contact_days[new] - ages, "contact")
    state.last_act[child] = np.maximum(state.last_act[child], contact_days)
    return child
