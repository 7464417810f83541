"""Stand-ins for the front door's entries and the workforce part's workers, for testing the care part alone.

The care part must work (and be checked against the calibration bands) before the orchestrator joins
the three parts, so these build inputs with the shapes of the interfaces in gen_common: about 155
entries a year from the start of the burn-in with the age mix of calibration.md section 4 (UASC about
18% of starts, all aged 14-17), and a small team of case-holding social workers with some turnover.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from cscdash.synthetic.context import BURN_IN_START, Context

ETHNIC = ["WBRI", "WOTH", "MWBC", "MOTH", "BCRB", "AOTH", "WIRI"]
ETHNIC_P = [0.84, 0.05, 0.03, 0.03, 0.02, 0.02, 0.01]


def sample_entries(ctx: Context, per_year: float = 155.0, short_breaks_per_year: float = 8.0) -> pd.DataFrame:
    """Entries into care from the burn-in start to end_month (columns of the gen_common interface)."""
    rng = np.random.default_rng(ctx.seed + 1000)
    months = pd.date_range(BURN_IN_START, ctx.end_month, freq="MS")
    counts = rng.poisson(per_year / 12, len(months))
    month_start = np.repeat(months.to_numpy(dtype="datetime64[D]"), counts)
    n = len(month_start)
    entry = month_start + rng.integers(0, 28, n).astype("timedelta64[D]")
    uasc = rng.random(n) < 0.18
    band = rng.choice(5, size=n, p=[0.244, 0.183, 0.183, 0.289, 0.101])
    low = np.array([0, 1, 5, 10, 16])[band]
    high = np.array([1, 5, 10, 16, 18])[band]
    age = low + rng.random(n) * (high - low)
    age = np.where(uasc, rng.choice([14, 15, 16, 17], size=n, p=[0.1, 0.25, 0.4, 0.25]) + rng.random(n), age)
    at_birth = (band == 0) & (rng.random(n) < 0.4) & ~uasc
    age = np.where(at_birth, rng.integers(0, 7, n) / 365.25, age)
    dob = entry - np.round(age * 365.25).astype(int).astype("timedelta64[D]")
    route = rng.choice(["emergency", "cp", "cin"], size=n, p=[0.15, 0.55, 0.30]).astype(object)
    route[uasc] = "uasc"
    need = rng.choice(["N1", "N2", "N3", "N4", "N5", "N6", "N8"], size=n,
                      p=[0.6, 0.05, 0.04, 0.08, 0.15, 0.03, 0.05]).astype(object)
    need[uasc] = "N8"

    sb_months = rng.poisson(short_breaks_per_year / 12, len(months))
    sb_entry = np.repeat(months.to_numpy(dtype="datetime64[D]"), sb_months)
    m = len(sb_entry)
    sb_dob = sb_entry - np.round((5 + rng.random(m) * 11) * 365.25).astype(int).astype("timedelta64[D]")

    entry = np.concatenate([entry, sb_entry])
    dob = np.concatenate([dob, sb_dob])
    uasc = np.concatenate([uasc, np.zeros(m, dtype=bool)])
    route = np.concatenate([route, np.full(m, "short_breaks", dtype=object)])
    need = np.concatenate([need, np.full(m, "N2", dtype=object)])
    total = n + m
    sectors = ctx.sectors
    pick = rng.integers(0, len(sectors), total)
    male_p = np.where(uasc, 0.95, 0.53)
    frame = pd.DataFrame({
        "child_id": [ctx.child_id(i + 1) for i in range(total)],
        "upn": [f"A{rng.integers(10**11, 10**12)}" for _ in range(total)],
        "dob": pd.to_datetime(dob).date,
        "sex": np.where(rng.random(total) < male_p, "M", "F"),
        "ethnic": np.where(uasc, rng.choice(["BAFR", "OOTH", "AOTH"], total),
                           rng.choice(ETHNIC, size=total, p=ETHNIC_P)),
        "locality": sectors["locality"].to_numpy()[pick],
        "home_sector": sectors["sector"].to_numpy()[pick],
        "entry_date": pd.to_datetime(entry).date,
        "need_code": need,
        "uasc": uasc,
        "route": route,
    })
    return frame.sort_values("entry_date", kind="stable").reset_index(drop=True)


def sample_workers(ctx: Context, per_team: int = 9) -> pd.DataFrame:
    """Case-holding social workers of every team, each post refilled when its holder leaves (~12%/yr)."""
    rng = np.random.default_rng(ctx.seed + 2000)
    rows = []
    number = 0
    for team in ctx.teams:
        for _post in range(per_team):
            start = date(2015, 1, 1) + pd.Timedelta(days=int(rng.integers(0, 1500)))
            while start <= ctx.end_month:
                number += 1
                stay = pd.Timedelta(days=int(rng.exponential(365 / 0.12)) + 30)
                end = start + stay
                rows.append({"SWENo": f"SW{number:010d}", "team": team, "AgencyWorker": int(rng.random() < 0.12),
                             "OrgRole": 5 if rng.random() < 0.85 else 4, "RoleStartDate": pd.Timestamp(start),
                             "RoleEndDate": pd.Timestamp(end) if end <= ctx.end_month else pd.NaT})
                start = end + pd.Timedelta(days=int(rng.integers(10, 90)))
    return pd.DataFrame(rows)
