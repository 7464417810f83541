"""One indicator's numbers for one LA, read from its SQL view, and the small lookups pages need on them.

Why a module of its own: the pages show the figure the view computes and nothing else, so every read
goes through here (the DuckDB relational API: no SQL in Python strings). Each view is read on its own
and the frames concatenated: a ``UNION ALL`` over a page's views made DuckDB plan the shared
intermediates once per branch and was several times slower than the separate reads on the demo.

A frame here has the indicator-view contract columns (``la_code, period_start, period_end, numerator,
denominator, value, value_note, breakdown, breakdown_value``) plus ``indicator_id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from cscdash import db
from cscdash.settings import QUERIES_DIR

CONTRACT_COLUMNS = (
    "la_code",
    "period_start",
    "period_end",
    "numerator",
    "denominator",
    "value",
    "value_note",
    "breakdown",
    "breakdown_value",
)
COLUMNS = ("indicator_id", *CONTRACT_COLUMNS)
#: The single-month figures every flow view adds (the calendar month of period_end alone, from the same
#: intermediate): what SPC judges for a flow, because consecutive 12-month totals share eleven months.
MONTH_COLUMNS = ("month_numerator", "month_denominator", "month_value", "month_value_note")
#: Columns some views add and the card uses when present: the census or Annex A snapshot a month's
#: figure really reflects ("at 30 Sep 2026 (census)" rather than the month end it is carried to), and
#: the single-month figures of a flow.
OPTIONAL_COLUMNS = ("census_date", "snapshot_date", *MONTH_COLUMNS)
DATE_COLUMNS = ("census_date", "snapshot_date")
ALL = "all"


def empty_frame() -> pd.DataFrame:
    """A frame with the contract columns and no rows."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})


def available_views(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of every view and table in the database (an indicator may lack its view while being built)."""
    return set(db.relation_kinds(con))


def read_indicator(con: duckdb.DuckDBPyConnection, indicator_id: str, la_code: str | None) -> pd.DataFrame:
    """Every row of one indicator view for one LA (every LA for None), sorted by breakdown and month;
    empty without a view."""
    if indicator_id not in available_views(con):
        return empty_frame()
    rel = con.table(indicator_id)
    present = set(rel.columns)
    items = [duckdb.ConstantExpression(indicator_id).alias("indicator_id")]
    for column in CONTRACT_COLUMNS:
        if column in present:
            items.append(duckdb.ColumnExpression(column))
        elif column in ("breakdown", "breakdown_value"):
            items.append(duckdb.ConstantExpression(ALL).alias(column))
        else:
            items.append(duckdb.ConstantExpression(None).alias(column))
    items.extend(duckdb.ColumnExpression(column) for column in OPTIONAL_COLUMNS if column in present)
    if la_code is not None:
        rel = rel.filter(duckdb.ColumnExpression("la_code") == duckdb.ConstantExpression(la_code))
    rel = rel.select(*items)
    frame = rel.df()
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame["period_end"] = pd.to_datetime(frame["period_end"]).dt.date
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    for column in DATE_COLUMNS:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column]).dt.date
    for column in (
        "numerator",
        "denominator",
        "value",
        "month_numerator",
        "month_denominator",
        "month_value",
    ):
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    if "month_value_note" in frame:
        frame["month_value_note"] = frame["month_value_note"].astype("object")
    for column in ("breakdown", "breakdown_value", "value_note", "indicator_id", "la_code"):
        frame[column] = frame[column].astype("object")
    return frame.sort_values(["breakdown", "breakdown_value", "period_end"]).reset_index(drop=True)


def by_authority(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every LA's rows of a :func:`read_indicator` frame of every LA, each as that LA's own read gives
    them (sorted by breakdown and month)."""
    return {str(code): part.reset_index(drop=True) for code, part in frame.groupby("la_code", sort=True)}


def combine(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Indicator frames stacked into one (an empty list gives an empty frame)."""
    parts = [f for f in frames if not f.empty]
    return pd.concat(parts, ignore_index=True) if parts else empty_frame()


def loaded_la_codes(con: duckdb.DuckDBPyConnection) -> list[str]:
    """LA codes with loaded extracts (the LA filter's options), from the app query of that name."""
    rows = con.execute(db.read_sql(QUERIES_DIR / "app" / "loaded_las.sql")).fetchall()
    return [r[0] for r in rows]


def choose_la(loaded: Sequence[str], wanted: str | None, setting: str) -> str:
    """The LA a command reports on: the one asked for, else the setting; when that is not loaded and the
    database holds one LA only, that one (a council's database needs no --la). Callers check the result
    is in ``loaded``."""
    la_code = wanted or setting
    if la_code not in loaded and len(loaded) == 1:
        return loaded[0]
    return la_code


def series(frame: pd.DataFrame, indicator_id: str, breakdown: str = ALL) -> pd.DataFrame:
    """The whole-LA monthly series (or one breakdown's rows) of one indicator, oldest first."""
    rows = frame[(frame["indicator_id"] == indicator_id) & (frame["breakdown"] == breakdown)]
    if breakdown == ALL:
        rows = rows[rows["breakdown_value"].isin([ALL]) | rows["breakdown_value"].isna()]
    return rows.sort_values("period_end").reset_index(drop=True)


def has_months(frame: pd.DataFrame) -> bool:
    """True when the frame carries a flow's single-month figures."""
    return "month_value" in frame.columns


def single_months(frame: pd.DataFrame) -> pd.DataFrame:
    """A flow's single-month figures as a series of their own: the month_* columns in the places of
    numerator, denominator, value and value_note (so the same disclosure control and SPC apply), and
    period_start the first day of the month."""
    if not has_months(frame):
        raise ValueError("this indicator has no single-month figures (not a flow view)")
    months = frame.drop(columns=["numerator", "denominator", "value", "value_note"]).rename(
        columns={
            "month_numerator": "numerator",
            "month_denominator": "denominator",
            "month_value": "value",
            "month_value_note": "value_note",
        }
    )
    months["period_start"] = [date(d.year, d.month, 1) for d in months["period_end"]]
    return months


def month_ends(frame: pd.DataFrame) -> list[date]:
    """Month ends with at least one whole-LA value, newest first (the period filter's options)."""
    rows = frame[(frame["breakdown"] == ALL) & frame["value"].notna()]
    return sorted(set(rows["period_end"]), reverse=True)


@dataclass(frozen=True)
class MonthChoice:
    """The month filter: the month ends it offers (newest first) and the one it starts on."""

    months: tuple[date, ...]
    default: date | None


def month_choice(series_list: Sequence[pd.DataFrame]) -> MonthChoice:
    """Month ends with a value in any of the series (never a month after the data), and as the default
    the latest month end at which at least half of the series with any value have one.

    Why not simply the newest: a council's sources end in different months (a workforce census at
    30 September, the returns at 31 March; an in-year Annex A list later still), and a page that opened on
    a month only one source reaches would show most of its cards without a figure.
    """
    per_series = [set(month_ends(s)) for s in series_list if not s.empty]
    per_series = [m for m in per_series if m]
    months = tuple(sorted(set().union(*per_series), reverse=True)) if per_series else ()
    needed = (len(per_series) + 1) // 2
    default = next((m for m in months if sum(m in covered for covered in per_series) >= needed), None)
    return MonthChoice(months, default or (months[0] if months else None))


def row_at(frame: pd.DataFrame, period_end: date) -> pd.Series | None:
    """The row of a one-series frame for ``period_end`` (None when the month is absent)."""
    rows = frame[frame["period_end"] == period_end]
    return rows.iloc[0] if not rows.empty else None


def months_before(period_end: date, months: int) -> date:
    """The month end ``months`` months before ``period_end`` (a month end itself)."""
    return (pd.Timestamp(period_end) - pd.DateOffset(months=months) + pd.offsets.MonthEnd(0)).date()


def breakdowns_of(frame: pd.DataFrame, indicator_ids: Sequence[str] | None = None) -> list[str]:
    """Breakdown names (besides 'all') present in the frame, for the breakdown filter."""
    rows = frame if indicator_ids is None else frame[frame["indicator_id"].isin(indicator_ids)]
    return sorted(b for b in rows["breakdown"].dropna().unique() if b != ALL)


def breakdown_at(frame: pd.DataFrame, indicator_id: str, breakdown: str, period_end: date) -> pd.DataFrame:
    """One breakdown's rows of one indicator at one month end, as ``category`` + the contract values."""
    rows = frame[
        (frame["indicator_id"] == indicator_id)
        & (frame["breakdown"] == breakdown)
        & (frame["period_end"] == period_end)
    ]
    return rows.rename(columns={"breakdown_value": "category"}).reset_index(drop=True)
