"""SSDA903 episodes: legal-status changes and placement changes merged into one chain per period.

An episode is a stretch with one legal status and one placement (data_layouts 1.2): a new one starts
whenever either changes, and RNE says which (S start, L legal status only, P new carer, T same carer,
B legal status and new carer, U legal status and same carer). The chain is cut at end_month: anything
later has not happened yet, so a period still running then has an open last episode.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic.care_dates import as_days

PLACEMENT_COLUMNS = ["PLACE", "PLACE_PROVIDER", "URN", "PL_POST", "PL_DISTANCE", "PL_LOCATION", "PL_LA"]


def build_episodes(
    periods: pd.DataFrame, ls_events: pd.DataFrame, moves: pd.DataFrame, end_month: object
) -> pd.DataFrame:
    """One row per episode (CHILD, DECOM, RNE, LS, CIN, PLACE, ..., DEC, REC, REASON_PLACE_CHANGE, ...)."""
    period_end = ls_events["period_id"].map(periods.set_index("period_id")["end"])
    ls_events = ls_events[ls_events["date"] < period_end]  # placements may have ended the period sooner
    ls = ls_events.assign(ls_change=True).sort_values("date", kind="stable")
    pl = moves.assign(pl_change=True).sort_values("date", kind="stable")
    dates = pd.concat([ls[["period_id", "date"]], pl[["period_id", "date"]]]).drop_duplicates()
    dates = dates.sort_values("date", kind="stable")
    eps = pd.merge_asof(
        dates,
        ls[["period_id", "date", "ls", "ls_change"]].rename(columns={"ls": "LS"}),
        on="date",
        by="period_id",
        direction="backward",
    )
    pl_cols = ["period_id", "date", *PLACEMENT_COLUMNS, "same_carer", "temporary", "reason_prev", "pl_change"]
    eps = pd.merge_asof(eps, pl[pl_cols], on="date", by="period_id", direction="backward")
    exact_ls = dates.merge(ls[["period_id", "date"]].assign(hit=True), how="left", on=["period_id", "date"])
    exact_pl = dates.merge(pl[["period_id", "date"]].assign(hit=True), how="left", on=["period_id", "date"])
    eps["ls_change"] = exact_ls["hit"].fillna(False).to_numpy(dtype=bool)
    eps["pl_change"] = exact_pl["hit"].fillna(False).to_numpy(dtype=bool)
    eps = eps.sort_values(["period_id", "date"], kind="stable").reset_index(drop=True)

    first = ~eps["period_id"].duplicated()
    same = eps["same_carer"].fillna(False).astype(bool)
    eps["RNE"] = np.select(
        [first, eps["pl_change"] & eps["ls_change"], eps["pl_change"]],
        [np.full(len(eps), "S"), np.where(same, "U", "B"), np.where(same, "T", "P")],
        "L",
    )
    info = periods.set_index("period_id")
    nxt = eps.groupby("period_id")["date"].shift(-1)
    period_end = eps["period_id"].map(info["end"])
    last = nxt.isna()
    eps["DEC"] = nxt.fillna(period_end)
    eps["REC"] = np.where(last, eps["period_id"].map(info["rec"]), "X1")
    next_pl = eps.groupby("period_id")["pl_change"].shift(-1, fill_value=False).astype(bool)
    next_reason = eps.groupby("period_id")["reason_prev"].shift(-1)
    eps["REASON_PLACE_CHANGE"] = np.where(next_pl & ~last & ~eps["temporary"].astype(bool), next_reason, None)
    eps["CHILD"] = eps["period_id"].map(info["child_id"])
    eps["CIN"] = eps["period_id"].map(info["need_code"])
    eps["HOME_POST"] = eps["period_id"].map(info["home_sector"])
    eps = eps.rename(columns={"date": "DECOM"})

    cut = as_days([end_month])[0]
    decom = eps["DECOM"].to_numpy(dtype="datetime64[D]")
    dec = eps["DEC"].to_numpy(dtype="datetime64[D]")
    eps = eps[decom <= cut].copy()
    still_open = eps["DEC"].to_numpy(dtype="datetime64[D]") > cut
    eps.loc[still_open, ["REC", "REASON_PLACE_CHANGE"]] = None
    eps["DEC"] = eps["DEC"].where(~still_open)
    del dec
    cols = [
        "period_id",
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        *PLACEMENT_COLUMNS[:2],
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
        "PL_DISTANCE",
        "PL_LOCATION",
        "PL_LA",
        "temporary",
    ]
    return eps[cols].reset_index(drop=True)
