"""The partnership view's arithmetic: every loaded authority's figure for one indicator, the partnership's
own total pooled from their numerators and denominators, the ranking, and the published England and
region figures to set them against. Pure pandas, no Streamlit; ``cscdash.components.partnership`` draws it.

Choices written down:

* **Pooling adds numerators and denominators, never rates.** Two authorities at 3 of 10 (30%) and 5 of 20
  (25%) pool to 8 of 30 = 26.7%, not the mean 27.5%: the partnership is one population of children.
  A rate per 10,000 adds the children counted and the populations (its denominators); a count or an FTE
  adds the figures; cases per FTE and days per FTE add cases (days) and FTE. A median or an average of
  each child's figure (days, scores, episodes per child) cannot be pooled from the authorities' figures
  (:func:`pooling_note` says why) and has no total.
* **A total needs every authority.** A month at which one authority has no figure has no partnership
  total (a total of two of three authorities would read as a fall); the figures are computed from the
  raw numbers (disclosure.md S10) and then pass the same disclosure control as any figure.
* **Secondary suppression (S5).** The authorities and their total form one line: when exactly one of
  them is suppressed, the smallest other authority (by numerator) is suppressed too, so the total minus
  the shown authorities does not give the hidden one away.
* **Rank 1 is the best** by the indicator's polarity (highest first for higher-is-better, lowest first
  for lower-is-better); neutral and band indicators are ordered highest first. Suppressed figures have
  no rank.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from cscdash import indicator_data, indicator_series
from cscdash.catalogue import Catalogue, Indicator
from cscdash.formatting import SUPPRESSED
from cscdash.navigation import in_navigation_order
from cscdash.settings import Settings

#: The la_code of the pooled rows.
PARTNERSHIP = "partnership"
PARTNERSHIP_NAME = "Partnership total"
#: Units whose figure is scale × numerator ÷ denominator, so the pooled figure is scale × Σnum ÷ Σden.
SCALES = {"percent": 100.0, "rate_per_10k": 10_000.0, "cases_per_fte": 1.0, "days_per_fte": 1.0}
#: Units whose figure is itself a total (numerator = value): the pooled figure is the sum.
SUMMED = ("count", "fte")
#: Months of history the small multiples show (annual indicators: every yearly point).
TREND_MONTHS = 36
PAIRS = (("numerator", "denominator", "value"), ("month_numerator", "month_denominator", "month_value"))


def can_pool(indicator: Indicator) -> bool:
    """True when the partnership figure can be computed from the authorities' numerators and denominators."""
    if indicator.unit in SUMMED:
        return True
    return indicator.unit in SCALES and indicator.small_number_rule != "average"


def pooling_note(indicator: Indicator) -> str:
    """How the partnership total is made, or why there is none, in words for the page."""
    if indicator.unit in SUMMED:
        return "The partnership total is the sum of the authorities' figures."
    if not can_pool(indicator):
        kind = "a median" if "median" in f"{indicator.id} {indicator.numerator}".lower() else "an average"
        return (
            f"No partnership total: this is {kind} of each child's (or worker's) figure, and {kind} "
            "cannot be pooled from the authorities' own figures (it needs every child's figure), so none "
            "is shown."
        )
    if indicator.unit == "rate_per_10k":
        return (
            "The partnership total adds the children counted and the child populations of the "
            "authorities, then divides: never an average of their rates."
        )
    return (
        "The partnership total adds the authorities' numerators and denominators, then divides: never an "
        "average of their figures."
    )


def pool(indicator: Indicator, series: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The partnership's own series, in the indicator-view shape (``la_code`` = PARTNERSHIP), with the
    single-month figures of a flow when every authority has them. One row per month end at which every
    authority has a figure; empty when the indicator cannot be pooled.

    ``series``: la_code -> that authority's whole-LA series (:func:`cscdash.indicator_data.series`).
    """
    columns = list(indicator_data.COLUMNS)
    if not can_pool(indicator) or not series:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    frames = [s.assign(la_code=code) for code, s in series.items()]
    stacked = pd.concat(frames, ignore_index=True)
    n = len(series)
    out: dict[str, pd.Series] = {}
    grouped = stacked.groupby("period_end")
    out["period_start"] = grouped["period_start"].min()
    present = grouped["la_code"].nunique()
    for num, den, value in PAIRS:
        if num not in stacked:
            continue
        summed = indicator.unit in SUMMED
        top = stacked[num].fillna(stacked[value]) if summed else stacked[num]
        have = top.notna() if summed else top.notna() & stacked[den].notna()
        counted = have.groupby(stacked["period_end"]).sum()
        numerator = top.where(have).groupby(stacked["period_end"]).sum(min_count=1)
        complete = (counted == n) & (present == n)
        if summed:
            out[num] = numerator.where(complete)
            out[den] = pd.Series(float("nan"), index=numerator.index)
            out[value] = out[num]
        else:
            denominator = stacked[den].where(have).groupby(stacked["period_end"]).sum(min_count=1)
            out[num] = numerator.where(complete)
            out[den] = denominator.where(complete)
            ratio = out[num] / out[den].where(out[den] > 0)
            out[value] = SCALES[indicator.unit] * ratio
    pooled = pd.DataFrame(out).reset_index()
    pooled = pooled[pooled["value"].notna()].reset_index(drop=True)
    pooled["indicator_id"] = indicator.id
    pooled["la_code"] = PARTNERSHIP
    pooled["value_note"] = None
    pooled["breakdown"] = indicator_data.ALL
    pooled["breakdown_value"] = indicator_data.ALL
    if "month_value" in pooled:
        pooled["month_value_note"] = None
    extra = [c for c in indicator_data.MONTH_COLUMNS if c in pooled]
    return pooled[columns + extra].sort_values("period_end").reset_index(drop=True)


@dataclass(frozen=True)
class Disclosed:
    """Every authority's series and the partnership's, after disclosure control (S2-S4 and S5)."""

    authorities: pd.DataFrame  # la_code + the shown series columns, every month
    total: pd.DataFrame  # the pooled series after disclosure (empty when it cannot be pooled)


def disclosed(
    indicator: Indicator,
    series: Mapping[str, pd.DataFrame],
    current: Settings,
    pooled: pd.DataFrame | None = None,
) -> Disclosed:
    """Each authority's series and the pooled one (``pooled``, when already made by :func:`pool`) through
    ``shown_series`` in the settings' mode, then secondary suppression month by month (see the module
    docstring)."""
    parts = [
        indicator_series.shown_series(indicator, s, current).assign(la_code=code)
        for code, s in series.items()
        if not s.empty
    ]
    authorities = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    pooled = pool(indicator, series) if pooled is None else pooled
    total = indicator_series.shown_series(indicator, pooled, current)
    if authorities.empty or current.display_mode == "internal" or total.empty:
        return Disclosed(authorities, total)
    shown_total = set(total.loc[total["shown_value"].notna(), "period_end"])
    authorities = authorities.groupby("period_end", group_keys=False)[authorities.columns].apply(
        lambda month: secondary_suppression(month, month.name in shown_total)
    )
    return Disclosed(authorities.reset_index(drop=True), total)


@dataclass(frozen=True)
class View:
    """What the Partnership page shows of one indicator, worked out once and cached whole (the app's
    cscdash.cache.partnership_view): the months to choose from, every authority's series and the total
    after disclosure control, and the pooled series before it, for the total's SPC (computed from the raw
    numbers, disclosure.md S10). Kept instead of the 150 raw series: reading those back from the cache and
    going over them again for the months and the pool was half the page's server time on every rerun."""

    choice: indicator_data.MonthChoice
    shown: Disclosed
    pooled: pd.DataFrame


def view(indicator: Indicator, series: Mapping[str, pd.DataFrame], current: Settings) -> View:
    """The :class:`View` of one indicator from every authority's whole-LA series."""
    pooled = pool(indicator, series)
    return View(month_choice(series), disclosed(indicator, series, current, pooled), pooled)


def secondary_suppression(month: pd.DataFrame, total_shown: bool) -> pd.DataFrame:
    """S5 on one month's authorities (their total beside them): with exactly one suppressed figure in the
    line, suppress the smallest other non-zero one (by numerator) as well."""
    if not total_shown:
        return month
    month = month.copy()
    with_figure = month["value"].notna()
    while int((month["suppressed"] & with_figure).sum()) == 1:
        size = month["numerator"].where(month["numerator"].notna(), month["value"])
        candidates = size[~month["suppressed"] & with_figure & (size > 0)]
        if candidates.empty:
            break
        index = candidates.idxmin()
        month.loc[index, ["shown_value", "shown_numerator", "shown_denominator"]] = float("nan")
        month.loc[index, ["text", "marker"]] = SUPPRESSED
        month.loc[index, "suppressed"] = True
    return month


def indicator_options(catalogue: Catalogue) -> dict[str, tuple[str, Indicator]]:
    """Every catalogue indicator by id with its page's title, grouped by page in navigation order: the
    page's indicator picker. The first is the default (:func:`default_indicator`)."""
    pages = in_navigation_order(tuple(catalogue.pages))
    return {i.id: (page.title, i) for page in pages for i in page.indicators}


def default_indicator(catalogue: Catalogue) -> str:
    """The indicator the page opens on: the first headline in navigation order (else the first of all).
    One function, so the page and the cache warm-up (cscdash.components.warm_up) agree on it."""
    options = indicator_options(catalogue)
    return next((i for i, (_, ind) in options.items() if ind.headline), next(iter(options)))


def month_choice(series: Mapping[str, pd.DataFrame]) -> indicator_data.MonthChoice:
    """Month ends at which any authority has a figure (newest first), and as the default the latest at
    which every authority has one (so the partnership total exists), else the latest."""
    per = [set(indicator_data.month_ends(s)) for s in series.values() if not s.empty]
    months = tuple(sorted(set().union(*per), reverse=True)) if per else ()
    every = next((m for m in months if all(m in covered for covered in per)), None)
    return indicator_data.MonthChoice(months, every or (months[0] if months else None))


def ranked(indicator: Indicator, month: pd.DataFrame, names: Mapping[str, str], own: str) -> pd.DataFrame:
    """One month's authorities, best first: ``la_code, la_name, own, value, shown_value, text, suppressed,
    numerator, denominator, rank`` (rank 1 = best; none when suppressed or missing)."""
    frame = month.assign(
        la_name=[names.get(c, c) for c in month["la_code"]], own=[c == own for c in month["la_code"]]
    )
    ascending = indicator.polarity == "lower_is_better"
    frame["rank"] = frame["shown_value"].rank(method="min", ascending=ascending).astype("Int64")
    frame = frame.sort_values(["rank", "la_name"], na_position="last", kind="stable")
    keep = ["la_code", "la_name", "own", "value", "shown_value", "text", "suppressed", "rank"]
    keep += ["shown_numerator", "shown_denominator"]
    return frame[keep].reset_index(drop=True)


def at_month(frame: pd.DataFrame, period_end: date) -> pd.DataFrame:
    """The rows of a (disclosed) frame at one month end."""
    if frame.empty:
        return frame
    return frame[frame["period_end"] == period_end].reset_index(drop=True)


def ranking_words(indicator: Indicator) -> str:
    """How the bars are ordered, in words."""
    if indicator.polarity == "higher_is_better":
        return "best first (higher is better)"
    if indicator.polarity == "lower_is_better":
        return "best first (lower is better)"
    return "highest first (neither higher nor lower is better)"


def trend_window(indicator: Indicator, frame: pd.DataFrame, period_end: date) -> pd.DataFrame:
    """The rows a small-multiples panel draws: the TREND_MONTHS months to ``period_end``, or one point a
    year on or before it for an annual indicator (per authority)."""
    if frame.empty:
        return frame
    if indicator.is_annual:
        parts = [indicator_series.annual_points(indicator, rows) for _, rows in frame.groupby("la_code")]
        points = pd.concat(parts, ignore_index=True) if parts else frame.iloc[0:0]
        return points[points["period_end"] <= period_end]
    start = indicator_data.months_before(period_end, TREND_MONTHS - 1)
    return frame[(frame["period_end"] >= start) & (frame["period_end"] <= period_end)]


@dataclass(frozen=True)
class Reference:
    """A published comparator drawn beside the authorities: 'England', 'South West'."""

    name: str
    value: float
    year: int

    @property
    def label(self) -> str:
        """'England (2025)'."""
        return f"{self.name} ({self.year})"


def references(bench: pd.DataFrame, period_end: date) -> list[Reference]:
    """England's and the region's latest published figure on or before ``period_end`` (annual, year to
    31 March), from ``indicator_figures.benchmark_points``; none when nothing is published."""
    found = []
    if bench is None or bench.empty:
        return found
    rows = bench[pd.to_datetime(bench["period_end"]) <= pd.Timestamp(period_end)].dropna(subset=["value"])
    for name in ["England", *sorted(set(rows["geography"]) - {"England", "SN average"})]:
        these = rows[rows["geography"] == name].sort_values("period_end")
        if not these.empty:
            last = these.iloc[-1]
            found.append(Reference(name, float(last["value"]), pd.Timestamp(last["period_end"]).year))
    return found
