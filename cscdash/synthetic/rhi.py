"""Return home interviews (RHI) after missing episodes (local rhi.csv, data_layouts.md section 3).

Every child who returns from a missing episode (``MISSING`` = 'M') should be offered an independent
return home interview, to be held within 72 hours. The 'good' profile lands near calibration.md
section 3 and the shared contract of issue 6: an RHI offered after about 92% of episodes, accepted by
about 79% of those offered, and completed within 72 hours of ``MIS_END`` after about 69% of episodes
(completed implies accepted, so 92% x 79% = 73% is the ceiling for completion; 75% accepted and 70%
within 72 hours cannot both hold, and we keep completion nearer its target). A few accepted
interviews are never completed. Episodes with no offer mostly have no row; a quarter have a row that
records "not offered" (blank dates, accepted N). Away episodes ('A') and episodes still open at the end
month get no row; dates after the end month have not happened yet and stay blank.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from cscdash.synthetic.annex_a_labels import dmy
from cscdash.synthetic.care_dates import days
from cscdash.synthetic.context import HISTORY_START, Context

#: (offered, accepted of offered, completed of accepted, within 72 hours of completed) by profile
RHI_RATES = {"good": (0.92, 0.79, 0.985, 0.985), "improving": (0.90, 0.75, 0.97, 0.95)}
NOT_OFFERED_ROW = 0.25  # of episodes with no offer, the share with a "not offered" row
HEADINGS = ["Child Unique ID", "MIS_START", "RHI Offered Date", "RHI Completed Date", "RHI Accepted"]


def rhi_records(ctx: Context, missing: pd.DataFrame) -> pd.DataFrame:
    """One row per missing episode with RHI data.

    Columns: child_id, mis_start, mis_end, offered, completed (NaT when none), accepted (bool).
    """
    rng = ctx.rng("local.rhi")
    cut = np.datetime64(ctx.end_month)
    ms = missing[(missing["missing"] == "M") & missing["mis_end"].notna()]
    ms = ms[ms["mis_end"] >= pd.Timestamp(HISTORY_START)].drop_duplicates(["child_id", "mis_start"])
    ms = ms.sort_values(["child_id", "mis_start"], kind="stable").reset_index(drop=True)
    n = len(ms)
    p_offer, p_accept, p_complete, p_72h = RHI_RATES[ctx.profile]
    mis_end = ms["mis_end"].to_numpy(dtype="datetime64[D]")
    offered = rng.random(n) < p_offer
    offer_lag = np.where(rng.random(n) < 0.98, rng.choice([0, 1, 2, 3], n, p=[0.4, 0.35, 0.17, 0.08]), 5)
    offer_date = mis_end + days(offer_lag)
    accepted = offered & (rng.random(n) < p_accept)
    completed = accepted & (rng.random(n) < p_complete)
    in_time = rng.random(n) < p_72h
    # never completed before it was offered (RHI_ORDER): a late offer (day 5) makes even a "late"
    # completion on day 4 impossible, so it moves to the offer's day
    complete_date = np.maximum(
        offer_date,
        np.where(in_time, mis_end + days(rng.integers(0, 4, n)), mis_end + days(rng.integers(4, 15, n))),
    )
    keep = offered | (rng.random(n) < NOT_OFFERED_ROW)
    offered_now = offered & (offer_date <= cut)  # an offer after the end month has not happened yet
    keep &= offered_now | ~offered
    done = completed & (complete_date <= cut)
    nat = np.datetime64("NaT")
    out = pd.DataFrame(
        {
            "child_id": ms["child_id"].to_numpy(dtype=object),
            "mis_start": ms["mis_start"].to_numpy(),
            "mis_end": ms["mis_end"].to_numpy(),
            "offered": pd.to_datetime(np.where(offered_now, offer_date, nat)),
            "completed": pd.to_datetime(np.where(done, complete_date, nat)),
            "accepted": accepted & offered_now,
        }
    )
    return out[keep].reset_index(drop=True)


def write_rhi(records: pd.DataFrame, path: Path) -> Path:
    """rhi_SYNTHETIC.csv: Child Unique ID, MIS_START, RHI Offered Date, RHI Completed Date, RHI Accepted."""
    table = pd.DataFrame(
        {
            HEADINGS[0]: records["child_id"].to_numpy(dtype=object),
            HEADINGS[1]: dmy(records["mis_start"]),
            HEADINGS[2]: dmy(records["offered"]),
            HEADINGS[3]: dmy(records["completed"]),
            HEADINGS[4]: np.where(records["accepted"].to_numpy(dtype=bool), "Y", "N"),
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n")
    return path
