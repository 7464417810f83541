"""Contacts to the front door: how many arrive each month, in which families, from whom, and what happens.

Contacts are the first flow; referrals are the contacts whose outcome is REFERRAL or STRAT, so the
referral count inherits the contacts' negative-binomial noise thinned by a drifting conversion rate
(calibration.md 5.2). Contacts come in families: siblings are contacted about together.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic import front_door_params as fp

#: Children per contact family (share of 2-4 sibling groups gives about 30% of children in groups).
FAMILY_SIZES = np.array([1, 2, 3, 4])
FAMILY_SIZE_P = np.array([0.85, 0.09, 0.04, 0.02])
#: Outcomes of contacts that do not become referrals, in proportion.
OTHER_OUTCOMES = np.array(["NFA", "ADVICE", "EH", "OTHER"])
OTHER_OUTCOME_P = np.array([0.25, 0.30, 0.35, 0.10])
#: Negative-binomial dispersion of monthly contacts (calibration.md 5.2).
CONTACTS_K = 150.0


def family_sizes(rng: np.random.Generator, n_children: int) -> np.ndarray:
    """Sizes of the families that make up ``n_children`` contacts (the last one is cut to fit)."""
    if n_children <= 0:
        return np.zeros(0, dtype=int)
    sizes = rng.choice(FAMILY_SIZES, size=n_children, p=FAMILY_SIZE_P)
    total = np.cumsum(sizes)
    keep = int(np.searchsorted(total, n_children)) + 1
    sizes = sizes[:keep]
    sizes[-1] -= int(sizes.sum()) - n_children
    return sizes


def day_in_month(rng: np.random.Generator, months: np.ndarray) -> np.ndarray:
    """A date in each month, weekdays five times as likely as weekend days."""
    first = months.astype("datetime64[D]")
    last = (months + 1).astype("datetime64[D]")
    length = (last - first).astype(int)
    # draw 3 candidates, keep the first weekday (most contacts arrive in the working week)
    cand = first[:, None] + (rng.random((len(months), 3)) * length[:, None]).astype(int)
    weekday = np.is_busday(cand)
    pick = np.where(weekday.any(axis=1), weekday.argmax(axis=1), 0)
    return cand[np.arange(len(months)), pick]


def simulate_contact_families(
    rng: np.random.Generator, params: fp.FrontDoorParams, months: np.ndarray
) -> pd.DataFrame:
    """One row per contact family: month, date, minute of day, size, source, outcome, unborn flag.

    ``outcome`` is REFERRAL or STRAT for families that become referrals. The conversion rate and the
    re-referral rate drift month to month; the rest follows calibration.md sections 4-6.
    """
    mu = fp.contact_volume(params, months)
    n_children = rng.negative_binomial(CONTACTS_K, CONTACTS_K / (CONTACTS_K + mu))
    sizes_by_month = [family_sizes(rng, int(n)) for n in n_children]
    counts = np.array([len(s) for s in sizes_by_month])
    fam_month = np.repeat(months, counts)
    sizes = np.concatenate(sizes_by_month)
    n = len(sizes)
    month_idx = np.repeat(np.arange(len(months)), counts)

    conv = fp.drifting(rng, fp.conversion(params, months), sd=0.005, bound=0.025)[month_idx]
    # conversion is per contact (child); families convert together, so use the family's rate
    u = rng.random(n)
    strat = u < params.strat_share
    referral = ~strat & (u < params.strat_share + conv)
    outcome = np.where(
        strat, "STRAT", np.where(referral, "REFERRAL", rng.choice(OTHER_OUTCOMES, size=n, p=OTHER_OUTCOME_P))
    )

    school = fp.school_share(months)[month_idx]
    other_p = fp.SOURCE_SHARES.copy()
    other_p[1] = 0.0
    other_p = other_p / other_p.sum()
    source = np.where(rng.random(n) < school, "2A", rng.choice(fp.SOURCES, size=n, p=other_p))

    dates = day_in_month(rng, fam_month)
    weekday = np.is_busday(dates)
    minute = np.where(weekday, rng.integers(8 * 60, 18 * 60, n), rng.integers(0, 24 * 60, n))
    unborn = (outcome != "NFA") & (sizes == 1) & (rng.random(n) < np.where(referral | strat, 0.03, 0.004))
    return pd.DataFrame(
        {
            "month_idx": month_idx,
            "month": fam_month,
            "date": dates,
            "minute": minute,
            "size": sizes,
            "source": source,
            "outcome": outcome,
            "unborn": unborn,
        }
    )
