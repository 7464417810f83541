"""How does an LA compare? Its published series beside England, its region and its statistical neighbours.

Every function returns a tidy DataFrame for the charts and tables to draw (no Streamlit here).
The synthetic demo authorities have no published figures of their own: they borrow the comparators of
a real LA (Dorset by default, settings.DEMO_COMPARATOR_LA_CODE), and ``comparison_note`` says so.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from cscdash.benchmarks import files
from cscdash.benchmarks.database import comparator_frame
from cscdash.benchmarks.measures import polarity_of
from cscdash.benchmarks.ranking import band_words, rank_table
from cscdash.settings import DEMO_COMPARATOR_LA_CODE

SYNTHETIC_PREFIX = "E06999"


def is_synthetic(la_code: str) -> bool:
    """True for the fictional demo authorities (E06999xxx), which no DfE file contains."""
    return la_code.startswith(SYNTHETIC_PREFIX)


def comparator_for(la_code: str, demo_comparator: str = DEMO_COMPARATOR_LA_CODE) -> str:
    """The real LA whose neighbours and region are used: the LA itself, or Dorset for synthetic data."""
    return demo_comparator if is_synthetic(la_code) else la_code


def comparison_note(la_code: str, demo_comparator: str = DEMO_COMPARATOR_LA_CODE) -> str:
    """The sentence shown under the benchmarks, e.g. "compared with Dorset's statistical neighbours"."""
    real = comparator_for(la_code, demo_comparator)
    name = files.la_record(real)["la_name"]
    if is_synthetic(la_code):
        return (
            f"Synthetic data: compared with {name}'s statistical neighbours, region and England "
            f"(published DfE figures for {name}, not for this fictional authority)."
        )
    return f"Compared with {name}'s statistical neighbours, region and England."


def _one_indicator(indicator_id: str) -> pd.DataFrame:
    frame = comparator_frame()
    frame = frame[frame["indicator_id"] == indicator_id]
    if frame.empty:
        raise KeyError(f"no published benchmark for indicator {indicator_id!r}")
    return frame


def _ranked(rows: pd.DataFrame, polarity: str) -> pd.DataFrame:
    """Band and rank every LA within each year."""
    parts = [rank_table(group, polarity) for _, group in rows.groupby("year", sort=True)]
    return pd.concat(parts, ignore_index=True)


@lru_cache(maxsize=256)
def _ranked_rows(indicator_id: str, sn_model: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One indicator's published rows for an SN model, and every LA ranked within each year.

    Cached: the files do not change while a process runs, and a page (or a board pack) asks for the
    same indicator's comparators for its trend, its comparison and its scorecard line. Callers must not
    change the frames (comparators() copies what it keeps)."""
    rows = _one_indicator(indicator_id)
    rows = rows[rows["sn_model"].isna() | (rows["sn_model"] == sn_model)]
    return rows, _ranked(rows.drop_duplicates(["year", "la_code"]), polarity_of(indicator_id))


def comparators(
    indicator_id: str,
    la_code: str,
    sn_model: str = files.DEFAULT_SN_MODEL,
    demo_comparator: str = DEMO_COMPARATOR_LA_CODE,
) -> pd.DataFrame:
    """One row per published year for the LA (or, for synthetic data, its comparator LA).

    Columns: indicator_id, year, period_end, la_code, la_name, region, value, numerator, denominator,
    status, status_code, status_reason, sn_mean, sn_median, sn_n, sn_total, region_value,
    england_value, rank, n_ranked, band, band_words, quartile, polarity, sn_model.
    ``value`` is null (with its status) where the figure was suppressed or not published.
    """
    real = comparator_for(la_code, demo_comparator)
    files.la_record(real)
    polarity = polarity_of(indicator_id)
    rows, ranked = _ranked_rows(indicator_id, sn_model)
    own = ranked[ranked["la_code"] == real].copy()
    sn_cols = ["year", "sn_mean", "sn_median", "sn_n", "sn_total"]
    sn = rows[(rows["la_code"] == real) & (rows["sn_model"] == sn_model)][sn_cols]
    own = own.drop(columns=sn_cols[1:]).merge(sn, on="year", how="left")
    own["polarity"] = polarity
    own["sn_model"] = sn_model
    own["band_words"] = [band_words(b, polarity) for b in own["band"]]
    columns = [
        "indicator_id",
        "year",
        "period_end",
        "la_code",
        "la_name",
        "region",
        "value",
        "numerator",
        "denominator",
        "status",
        "status_code",
        "status_reason",
        "sn_mean",
        "sn_median",
        "sn_n",
        "sn_total",
        "region_value",
        "england_value",
        "rank",
        "n_ranked",
        "band",
        "band_words",
        "quartile",
        "polarity",
        "sn_model",
    ]
    return own[columns].sort_values("year").reset_index(drop=True)


def la_distribution(
    indicator_id: str,
    year: int,
    la_code: str,
    sn_model: str = files.DEFAULT_SN_MODEL,
    demo_comparator: str = DEMO_COMPARATOR_LA_CODE,
) -> pd.DataFrame:
    """Every LA's value in one year, for the all-LA bar chart (own LA and neighbours flagged).

    Columns: la_code, la_name, region, value, status, status_code, rank, n_ranked, band, quartile,
    is_own, is_neighbour; sorted best first for ranked indicators, by value otherwise.
    """
    real = comparator_for(la_code, demo_comparator)
    polarity = polarity_of(indicator_id)
    rows = _one_indicator(indicator_id)
    rows = rows[rows["year"] == year].drop_duplicates("la_code")
    ranked = rank_table(rows, polarity)
    sns = set(files.neighbours(sn_model).query("la_code == @real")["sn_la_code"])
    ranked["is_own"] = ranked["la_code"] == real
    ranked["is_neighbour"] = ranked["la_code"].isin(sns)
    order = ["rank", "value"] if ranked["rank"].notna().any() else ["value"]
    cols = [
        "la_code",
        "la_name",
        "region",
        "value",
        "status",
        "status_code",
        "rank",
        "n_ranked",
        "band",
        "quartile",
        "is_own",
        "is_neighbour",
    ]
    return ranked.sort_values(order, na_position="last")[cols].reset_index(drop=True)


def benchmark_points(
    indicator_id: str,
    la_code: str,
    sn_model: str = files.DEFAULT_SN_MODEL,
    demo_comparator: str = DEMO_COMPARATOR_LA_CODE,
) -> pd.DataFrame:
    """Annual points to lay over a monthly trend: long format, one row per year and series.

    Columns: year, period_end, series ('England', the region's name, 'SN average', 'SN median' and,
    for a real LA, its own name), value, n_of (for the SN rows: "8 of 10 neighbours"). Synthetic
    authorities get no own-LA series (their own line is the monthly trend).
    """
    table = comparators(indicator_id, la_code, sn_model, demo_comparator)
    out = []
    for row in table.itertuples(index=False):
        sn_of = f"{int(row.sn_n)} of {int(row.sn_total)} neighbours" if pd.notna(row.sn_n) else ""
        series = [
            ("England", row.england_value, ""),
            (row.region, row.region_value, ""),
            ("SN average", row.sn_mean, sn_of),
            ("SN median", row.sn_median, sn_of),
        ]
        if not is_synthetic(la_code):
            series.append((row.la_name, row.value, ""))
        for name, value, n_of in series:
            out.append(
                {
                    "year": row.year,
                    "period_end": row.period_end,
                    "series": name,
                    "value": float(value) if pd.notna(value) else np.nan,
                    "n_of": n_of,
                }
            )
    return pd.DataFrame(out, columns=["year", "period_end", "series", "value", "n_of"])
