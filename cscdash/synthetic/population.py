"""The children of the demo authority: the 0-17 population table and the characteristics of each child.

Only children who reach children's social care get a record. Their characteristics (sex, ethnicity,
locality, home postcode sector, UPN, disability) are drawn here once, so every return shows the same
child the same way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic.context import Context

#: ONS mid-year estimates are published for 2012 onward in the DfE files the app compares with.
POPULATION_FIRST_YEAR = 2012
#: Drift of the 0-17 population a year (calibration.md section 1).
POPULATION_DRIFT = -0.003

#: Ethnicity of children known to CSC in a Dorset-like shire (calibration.md section 4).
ETHNIC_CODES = np.array(
    [
        "WBRI",
        "WOTH",
        "WIRI",
        "WIRT",
        "WROM",
        "MWBC",
        "MWBA",
        "MWAS",
        "MOTH",
        "AIND",
        "APKN",
        "ABAN",
        "AOTH",
        "BCRB",
        "BAFR",
        "BOTH",
        "CHNE",
        "OOTH",
        "REFU",
        "NOBT",
    ]
)
ETHNIC_SHARES = np.array(
    [
        0.835,
        0.035,
        0.004,
        0.004,
        0.004,
        0.012,
        0.008,
        0.01,
        0.015,
        0.004,
        0.002,
        0.002,
        0.004,
        0.003,
        0.007,
        0.002,
        0.002,
        0.011,
        0.006,
        0.030,
    ]
)
#: UASC (Dorset 2019: 45% Black, 36% Other, 9% Asian, 9% Mixed).
UASC_ETHNIC_CODES = np.array(["BAFR", "BOTH", "OOTH", "AOTH", "MOTH"])
UASC_ETHNIC_SHARES = np.array([0.38, 0.07, 0.37, 0.09, 0.09])

#: Disability codes for children whose need is their disability (N2), and their weights.
DISABILITY_CODES = np.array(
    ["LD", "AUT", "COMM", "BEH", "MOB", "PC", "HEAR", "VIS", "CON", "HAND", "INC", "DDA"]
)
DISABILITY_WEIGHTS = np.array([0.24, 0.22, 0.14, 0.10, 0.07, 0.06, 0.03, 0.03, 0.04, 0.02, 0.02, 0.03])

_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def population_table(ctx: Context) -> pd.DataFrame:
    """ONS-style mid-year estimates of children aged 0-17, 2012 to the latest published before end_month.

    A mid-year estimate for year Y is published about June of Y+1, so the latest is end_month's year
    less one. The level is ``ctx.children_0_17`` at mid-2024, drifting -0.3% a year.
    """
    last = ctx.end_month.year - 1
    years = np.arange(POPULATION_FIRST_YEAR, last + 1)
    values = np.round(ctx.children_0_17 * (1 + POPULATION_DRIFT) ** (years - 2024)).astype(int)
    return pd.DataFrame({"la_code": ctx.la_code, "year": years, "age_0_17": values})


def upn_check_letter(body: str) -> str:
    """The DfE check letter of a UPN whose last 12 characters are ``body`` (weights 2..13, mod 23)."""
    total = sum(int(ch) * weight for ch, weight in zip(body, range(2, 14), strict=True))
    return _UPN_LETTERS[total % 23]


def make_upns(la_number: str, serials: np.ndarray, birth_years: np.ndarray) -> np.ndarray:
    """Valid-looking UPNs: check letter + LA number + a fictional school + year + serial."""
    out = []
    for serial, year in zip(serials.tolist(), birth_years.tolist(), strict=True):
        school = 2000 + serial % 7000
        body = f"{la_number}{school:04d}{(year + 5) % 100:02d}{serial % 1000:03d}"
        out.append(upn_check_letter(body) + body)
    return np.array(out, dtype=object)


def locality_weights(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Locality names and the chance that a child known to CSC lives there (share x deprivation)."""
    names = np.array(list(ctx.localities))
    weights = np.array([spec["child_share"] * spec["activity_weight"] for spec in ctx.localities.values()])
    return names, weights / weights.sum()


def draw_places(ctx: Context, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Locality and a real home postcode sector in it for ``n`` children."""
    names, weights = locality_weights(ctx)
    locality = rng.choice(names, size=n, p=weights)
    sectors = ctx.sectors
    home = np.empty(n, dtype=object)
    for name in names:
        mask = locality == name
        pool = sectors.loc[sectors["locality"] == name, "sector"].to_numpy()
        home[mask] = rng.choice(pool, size=int(mask.sum()))
    return locality, home


def draw_ethnicity(rng: np.random.Generator, n: int, uasc: bool = False) -> np.ndarray:
    """Ethnicity codes, from the UASC mix when ``uasc``."""
    if uasc:
        return rng.choice(UASC_ETHNIC_CODES, size=n, p=UASC_ETHNIC_SHARES)
    return rng.choice(ETHNIC_CODES, size=n, p=ETHNIC_SHARES / ETHNIC_SHARES.sum())


def draw_disabilities(rng: np.random.Generator, disabled: np.ndarray) -> np.ndarray:
    """';'-joined disability codes: one to three for disabled children, 'NONE' otherwise."""
    out = np.full(len(disabled), "NONE", dtype=object)
    idx = np.flatnonzero(disabled)
    counts = rng.choice([1, 2, 3], size=len(idx), p=[0.5, 0.35, 0.15])
    probs = DISABILITY_WEIGHTS / DISABILITY_WEIGHTS.sum()
    for i, k in zip(idx.tolist(), counts.tolist(), strict=True):
        codes = rng.choice(DISABILITY_CODES, size=k, replace=False, p=probs)
        out[i] = ";".join(sorted(codes))
    return out
