"""Units, number formats, period and change text: how a figure is written once it may be shown.

Every figure the app shows (card, chart, table, export) goes through the same three steps: decide whether
it may be shown (:mod:`cscdash.disclosure`), round it for the display mode, then write it with its unit
(here). Everything here is a pure function over values; no Streamlit.

Conventions:

* Percentages are held as 0-100 (88.3 means 88.3%), as the indicator views and ``benchmarks.csv`` hold
  them.
* A missing value is written ``x``, a suppressed one ``c``, and a low-reliability one is marked ``u``
  (the markers are defined here; the rules that set them are in :mod:`cscdash.disclosure`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

#: The markers a written figure may carry (disclosure.md S9).
SUPPRESSED = "c"
LOW_RELIABILITY = "u"
NOT_AVAILABLE = "x"


@dataclass(frozen=True)
class Unit:
    """How one unit token is written, labelled and protected."""

    token: str
    decimals: int
    suffix: str
    axis_title: str
    kind: str  # count | proportion | rate | average | other
    change_word: str = ""  # "points" for percentages, "days" for days


UNITS: dict[str, Unit] = {
    u.token: u
    for u in (
        Unit("count", 0, "", "Number", "count"),
        Unit("percent", 1, "%", "Per cent", "proportion", "points"),
        Unit("rate_per_10k", 1, "", "Rate per 10,000 children", "rate"),
        Unit("days", 0, " days", "Days", "average", "days"),
        Unit("ratio", 2, "", "Ratio", "other"),
        Unit("fte", 1, " FTE", "Full-time equivalent (FTE)", "other"),
        Unit("cases_per_fte", 1, "", "Cases per FTE", "average"),
        Unit("days_per_fte", 1, "", "Days per FTE", "average"),
        Unit("score", 1, "", "Average score", "average"),
    )
}
#: Spellings used elsewhere (benchmarks.csv says ``pct``).
UNIT_ALIASES = {"pct": "percent", "%": "percent", "rate": "rate_per_10k", "working_days": "days"}


def unit_of(token: str) -> Unit:
    """The :class:`Unit` for a catalogue format token (aliases accepted); unknown tokens raise."""
    key = UNIT_ALIASES.get(token, token)
    if key not in UNITS:
        raise KeyError(f"unknown unit token {token!r}; expected one of {sorted(UNITS)}")
    return UNITS[key]


def as_number(value: object) -> float | None:
    """A float, or None for None, NaN and pd.NA (a cell read back from a frame or a database)."""
    return None if is_missing(value) or pd.isna(value) else float(value)  # type: ignore[arg-type]


def is_missing(value: object) -> bool:
    """True for None, NaN and pd.NA: a value with nothing to write."""
    return value is None or (isinstance(value, float | np.floating) and math.isnan(value)) or value is pd.NA


def format_number(value: float | None, decimals: int = 0) -> str:
    """'1,234' / '88.3'; missing gives 'x'. Rounds half away from zero, as DfE tables do."""
    if is_missing(value):
        return NOT_AVAILABLE
    scale = 10**decimals
    rounded = math.floor(abs(float(value)) * scale + 0.5) / scale
    rounded = math.copysign(rounded, float(value)) if rounded else 0.0
    return f"{rounded:,.{decimals}f}"


def format_value(
    value: float | None, unit: str, decimals: int | None = None, with_suffix: bool = True
) -> str:
    """A value written in its unit: count '1,234', percent '88.3%', rate '412.5', days '33 days'."""
    u = unit_of(unit)
    text = format_number(value, u.decimals if decimals is None else decimals)
    return text if text == NOT_AVAILABLE or not with_suffix else text + u.suffix


def n_of_n(numerator: float | None, denominator: float | None) -> str:
    """'196 of 209'; empty when either part is missing or suppressed."""
    if is_missing(numerator) or is_missing(denominator):
        return ""
    return f"{format_number(numerator)} of {format_number(denominator)}"


def basis_text(unit: str, numerator: float | None, denominator: float | None, denominator_label: str) -> str:
    """What a figure rests on, for the card: '196 of 209' for a percentage or rate; for an average
    ('33 days', '4.7 per child', '13.7 cases per FTE') 'over 13 children adopted in the 12 months', since
    '4,963 of 13' (total days of 13 children) reads as nonsense to a board."""
    if unit_of(unit).kind in ("proportion", "rate"):
        return n_of_n(numerator, denominator)
    if is_missing(denominator):
        return ""
    decimals = 0 if float(denominator).is_integer() else 1
    return f"over {format_number(denominator, decimals)} {denominator_label}".rstrip()


# ---------------------------------------------------------------- periods


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def period_label(period_end: date | pd.Timestamp | str, period_type: str, year_end_month: int = 3) -> str:
    """How a board says the period of a figure.

    ``flow`` (rolling 12 months): "12 months to 31 Oct 2026", or "year to 31 Mar 2025" when the
    period ends on the reporting year end (``year_end_month``; 9 for the workforce census);
    ``stock``: "at 31 Oct 2026"; ``year``: "year to 31 Mar 2025"; ``month``: "October 2026";
    ``ytd``: "1 Apr 2026 to 31 Oct 2026 (year to date)"; ``census``: "at 30 Sep 2026 (census)" and
    ``dated_snapshot``: "at 14 Oct 2026 (snapshot)", where ``period_end`` is the census or snapshot date
    itself (a board must not read a census carried to 31 October as a count on 31 October).
    """
    d = pd.Timestamp(period_end).date()
    kind = {"rolling_12_months": "flow", "snapshot": "stock"}.get(period_type, period_type)
    if kind == "flow":
        return f"year to {_day(d)}" if d.month == year_end_month else f"12 months to {_day(d)}"
    if kind == "stock":
        return f"at {_day(d)}"
    if kind == "year":
        return f"year to {_day(d)}"
    if kind == "census":
        return f"at {_day(d)} (census)"
    if kind == "dated_snapshot":
        return f"at {_day(d)} (snapshot)"
    if kind == "month":
        return f"{d:%B %Y}"
    if kind == "ytd":
        start_year = d.year if d.month > year_end_month else d.year - 1
        start = date(start_year, year_end_month % 12 + 1, 1)
        return f"{_day(start)} to {_day(d)} (year to date)"
    raise ValueError(f"unknown period type {period_type!r}")


# ---------------------------------------------------------------- change text


@dataclass(frozen=True)
class Change:
    """A change sentence and its judgement: better, worse, no_change or not_judged."""

    text: str
    judgement: str


def change_text(
    current: float | None,
    previous: float | None,
    unit: str,
    polarity: str,
    against: str = "last month",
    mode: str = "board",
    threshold: int = 5,
) -> Change:
    """ "up 2.1 points on last month", judged by polarity at the unit's display precision.

    Pass ``None`` for a suppressed or missing side: nothing is said (S6, and never a change against a
    suppressed value). Outside ``internal`` mode a count change of 1..threshold is not given exactly,
    since it is itself a small count (S6).
    """
    if is_missing(current) or is_missing(previous):
        return Change(f"no comparison with {against}", "not_judged")
    u = unit_of(unit)
    diff = round(float(current) - float(previous), u.decimals)
    if diff == 0:
        return Change(f"no change on {against}", "no_change" if polarity in _DIRECTIONAL else "not_judged")
    word = "up" if diff > 0 else "down"
    if u.kind == "count" and mode != "internal" and abs(diff) <= threshold:
        amount = f"by fewer than {threshold + 1}"
    else:
        amount = format_number(abs(diff), u.decimals) + (f" {u.change_word}" if u.change_word else "")
    if polarity not in _DIRECTIONAL:
        judgement = "not_judged"
    else:
        judgement = "better" if (diff > 0) == (polarity == "higher_is_better") else "worse"
    return Change(f"{word} {amount} on {against}", judgement)


_DIRECTIONAL = ("higher_is_better", "lower_is_better")
