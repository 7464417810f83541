"""Snapshot dates and "as at" look-ups for the Annex A list 8 and list 9 snapshots.

A snapshot shows each child as the case system would on one date, so every column is "the latest
dated record on or before the snapshot date" (the last review, the last visit, the current placement)
or "records in the 12 months to the date". These look-ups work on a frame of (child_id, snapshot)
rows at once, so one call serves all 36 snapshots.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

#: Annex A snapshots written for the last 36 month ends (the contract of issue 6)
SNAPSHOT_MONTHS = 36


def snapshot_dates(end_month: date, months: int = SNAPSHOT_MONTHS) -> list[date]:
    """The last ``months`` month ends up to and including ``end_month``, oldest first."""
    ends = pd.date_range(end=pd.Timestamp(end_month), periods=months, freq="ME")
    return [d.date() for d in ends]


#: more days than any date in the data, so (child, day) pairs packed as child * SPAN + day sort by child
SPAN = 1 << 20


def _packed(keys: pd.DataFrame, key_dates: object, events: pd.DataFrame, event_dates: object):
    """(keys' packed child-day numbers, events' packed numbers), children coded the same way."""
    codes, _ = pd.factorize(
        pd.concat([keys["child_id"].astype(object), events["child_id"].astype(object)], ignore_index=True)
    )
    codes = codes.astype(np.int64)
    key_day = (
        pd.to_datetime(pd.Series(np.asarray(key_dates))).to_numpy(dtype="datetime64[D]").astype(np.int64)
    )
    ev_day = pd.to_datetime(pd.Series(np.asarray(event_dates))).to_numpy(dtype="datetime64[D]")
    return codes[: len(keys)] * SPAN + key_day, codes[len(keys) :] * SPAN + ev_day.astype(np.int64)


def latest_on_or_before(
    keys: pd.DataFrame, events: pd.DataFrame, date_col: str, value_cols: list[str] | None = None
) -> pd.DataFrame:
    """For each ``keys`` row (child_id, snapshot), the latest ``events`` row of that child dated on or
    before the snapshot: returns ``date_col`` and ``value_cols`` aligned with ``keys`` (NaT/NaN if none).
    """
    cols = [date_col, *(value_cols or [])]
    events = events.dropna(subset=[date_col])
    if not len(events):
        return pd.DataFrame({c: pd.Series([None] * len(keys), dtype=object) for c in cols})
    key, ev = _packed(keys, keys["snapshot"], events, events[date_col])
    order = np.argsort(ev, kind="stable")
    at = np.maximum(np.searchsorted(ev[order], key, side="right") - 1, 0)
    found = (ev[order][at] <= key) & (ev[order][at] // SPAN == key // SPAN)
    picked = events[cols].iloc[order[at]].reset_index(drop=True)
    return picked.where(pd.Series(found), None)


def count_in_window(keys: pd.DataFrame, events: pd.DataFrame, date_col: str, days: int = 365) -> np.ndarray:
    """For each ``keys`` row, how many ``events`` of that child are dated in (snapshot - days, snapshot]."""
    events = events.dropna(subset=[date_col])
    key, ev = _packed(keys, keys["snapshot"], events, events[date_col])
    ev = np.sort(ev)
    return np.searchsorted(ev, key, side="right") - np.searchsorted(ev, key - days, side="right")
