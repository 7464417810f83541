"""Several years at once: one history from overlapping annual returns.

Each SSDA903 return repeats the episodes still open on 1 April, so a child in care for three years
appears in three returns. The rules, applied to all of an LA's episodes (already loaded and new):

1. Same episode (CHILD, DECOM) in several returns: the latest return wins (the closed version of an
   episode open at 31 March comes from the next return).
2. Superseded: an episode open at the end of its return whose start date falls inside an episode of a
   later return was replaced by the later return (a corrected start date, a deleted episode): dropped.
3. Open, then a later episode from a later return: the open one ended when the next began (its DEC is
   set to the next DECOM; REC becomes X1 when the next episode continues the period of care, else it is
   left blank because the reason cannot be known).
4. What cannot be resolved is reported, not guessed: overlaps between returns, a gap after an X1
   ending, an episode left open at the end of Y whose child is absent from return Y+1.

Every change is reported as a warning naming the return and row it came from. Other tables use rule 1
only (:func:`latest_wins`).
"""

from __future__ import annotations

import pandas as pd

from cscdash.extracts.integrity import report
from cscdash.extracts.problems import WARNING, ProblemLog


def latest_wins(df: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """One row per key: the latest collection year; between equal years the newly loaded row."""
    order = [*key, "collection_year", "_is_new"]
    return df.sort_values(order, kind="stable").drop_duplicates(subset=key, keep="last")


def _flag(mask: pd.Series) -> pd.Series:
    """A plain boolean mask: comparisons with missing values count as False."""
    return mask.fillna(False).astype(bool)


def _year_end(year: pd.Series) -> pd.Series:
    return pd.to_datetime(dict(year=year, month=3, day=31))


def stitch_episodes(df: pd.DataFrame, years_loaded: set[int], log: ProblemLog) -> pd.DataFrame:
    """Apply the four rules to one LA's episodes (loaded and new); returns the stitched history."""
    who = ["la_code", "CHILD"]
    df = latest_wins(df, [*who, "DECOM"]).copy()
    df = _drop_superseded(df, log)
    df = df.sort_values([*who, "DECOM"], kind="stable")
    nxt = df.groupby(who, sort=False)[["DECOM", "RNE", "collection_year"]].shift(-1)

    close = _flag(df["DEC"].isna() & nxt["DECOM"].notna() & (nxt["collection_year"] > df["collection_year"]))
    if close.any():
        report(
            log,
            WARNING,
            "STITCH_CLOSED",
            "episode open in its return is followed by a later return's episode: closed on the next DECOM",
            df[close],
            "DEC",
            "DECOM",
        )
        df.loc[close, "DEC"] = nxt.loc[close, "DECOM"]
        continues = close & _flag(nxt["RNE"] != "S")
        df.loc[continues, "REC"] = "X1"

    across = _flag(nxt["collection_year"].notna() & (nxt["collection_year"] != df["collection_year"]))
    clash = across & _flag(nxt["DECOM"] < df["DEC"])
    report(
        log,
        WARNING,
        "STITCH_CLASH",
        "episode overlaps the next episode, which comes from another year's return: not resolved",
        df[clash],
        "DEC",
        "DEC",
    )
    gap = across & _flag((df["REC"] == "X1") & (nxt["DECOM"] != df["DEC"]))
    report(
        log,
        WARNING,
        "STITCH_GAP",
        "episode ends X1 (care continues) but the next episode, from another return, starts on another day",
        df[gap],
        "DEC",
        "DEC",
    )

    still_open = _flag(
        df["DEC"].isna() & nxt["DECOM"].isna() & (df["collection_year"] + 1).isin(years_loaded)
    )
    report(
        log,
        WARNING,
        "STITCH_OPEN",
        "episode open at the end of its return, but the child is not in the next year's return: left open",
        df[still_open],
        "DEC",
        "DECOM",
    )
    return df


def _drop_superseded(df: pd.DataFrame, log: ProblemLog) -> pd.DataFrame:
    """Rule 2: an episode open at the end of its return whose start a later return's episode covers."""
    year = df["collection_year"]
    open_at_end = _flag(df["DEC"].isna() | (df["DEC"] > _year_end(year)))
    if not open_at_end.any():
        return df
    cand = df[open_at_end][["la_code", "CHILD", "DECOM", "collection_year"]].reset_index()
    later = df[["la_code", "CHILD", "DECOM", "DEC", "collection_year"]]
    pairs = cand.merge(later, on=["la_code", "CHILD"], suffixes=("", "_later"))
    covers = _flag(
        (pairs["collection_year_later"] > pairs["collection_year"])
        & (pairs["DECOM_later"] <= pairs["DECOM"])
        & (pairs["DEC"].isna() | (pairs["DEC"] > pairs["DECOM"]))
    )
    drop = df.index.isin(pairs.loc[covers, "index"])
    if drop.any():
        report(
            log,
            WARNING,
            "STITCH_SUPERSEDED",
            "episode open at the end of its return falls inside an episode of a later return, "
            "which wins: dropped",
            df[drop],
            "DECOM",
            "DECOM",
        )
    return df[~drop]
