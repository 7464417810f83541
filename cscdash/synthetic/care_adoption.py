"""Adoption records: decisions that a child should be placed for adoption, matches and adopters (AD1).

Children on the adoption track (care_periods) have a decision, a placement order (legal status E1),
a match and a move to adopters before the adoption order ends their period (calibration: entry to
placed ~500 days, ~20 adopted a year). Some young children who stay in care or leave by special
guardianship had a decision that was later reversed, which is what ``DATE_PLACED_CEASED`` records.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic.care_dates import as_days, days, lognormal_days
from cscdash.synthetic.care_params import CareParams
from cscdash.synthetic.care_periods import NAT, draw_codes
from cscdash.synthetic.context import Context

#: adopters (SEX_ADOPTR, NB_ADOPTR, LS_ADOPTR choices) in England-like proportions [A]
ADOPTERS = {"MF": 0.66, "FF": 0.07, "MM": 0.08, "F1": 0.16, "M1": 0.03}
COUPLE_STATUS = {
    "MF": (["L11", "L3"], [0.78, 0.22]),
    "FF": (["L12", "L2", "L4"], [0.5, 0.3, 0.2]),
    "MM": (["L12", "L2", "L4"], [0.5, 0.3, 0.2]),
}


def adoption_records(ctx: Context, periods: pd.DataFrame, params: CareParams) -> pd.DataFrame:
    """One row per decision: child_id, period_id, date_placed, date_placed_ceased, reason_placed_ceased,
    date_match, adopted (date of the adoption order or NaT), foster_care, nb_adoptr, sex_adoptr, ls_adoptr.
    """
    rng = ctx.rng("care.adoption")
    cut = as_days([ctx.end_month])[0]
    track = periods["track"].to_numpy(dtype=object)
    n = len(periods)
    start = periods["period_start"].to_numpy(dtype="datetime64[D]")
    end = periods["natural_end"].to_numpy(dtype="datetime64[D]")
    adopt = track == "adopt"

    young = np.isin(track, ["to18", "sgo"]) & (periods["age_at_entry"].to_numpy() < 5)
    reversed_ = young & (rng.random(n) < params.adopt_decision_reversed_pct)
    decision = start + days(lognormal_days(rng, *params.adopt_decision_days, n))
    ceased = np.minimum(decision + days(rng.integers(120, 500, n)), end - days(1))
    reversed_ &= ceased > decision
    rows = adopt | reversed_
    out = pd.DataFrame(
        {
            "child_id": periods["child_id"].to_numpy()[rows],
            "period_id": periods["period_id"].to_numpy()[rows],
            "date_placed": np.where(adopt, periods["decision"].to_numpy(dtype="datetime64[D]"), decision)[
                rows
            ],
            "date_placed_ceased": np.where(reversed_, ceased, NAT)[rows],
            "reason_placed_ceased": np.where(
                reversed_, draw_codes(rng, ["RD1", "RD2", "RD3", "RD4"], [0.25, 0.2, 0.4, 0.15], n), None
            )[rows],
            "date_match": np.where(adopt, periods["match"].to_numpy(dtype="datetime64[D]"), NAT)[rows],
            "adopted": np.where(
                adopt & np.isin(periods["rec"].to_numpy(dtype=object), ["E11", "E12"]),
                periods["period_end"].to_numpy(dtype="datetime64[D]"),
                NAT,
            )[rows],
            "foster_care": periods["ffa"].to_numpy(dtype=int)[rows],
        }
    )
    m = len(out)
    sex = draw_codes(rng, list(ADOPTERS), list(ADOPTERS.values()), m)
    status = np.full(m, "L0", dtype=object)
    for kind, (codes, probs) in COUPLE_STATUS.items():
        status[sex == kind] = draw_codes(rng, codes, probs, int((sex == kind).sum()))
    out["sex_adoptr"] = sex
    out["nb_adoptr"] = np.where(np.isin(sex, ["F1", "M1"]), 1, 2)
    out["ls_adoptr"] = status
    for col in ("date_placed", "date_placed_ceased", "date_match", "adopted"):
        values = out[col].to_numpy(dtype="datetime64[D]")
        out[col] = pd.to_datetime(np.where(values <= cut, values, NAT))
    out = out[out["date_placed"].notna()]
    return out.sort_values(["child_id", "date_placed"], kind="stable").reset_index(drop=True)
