"""Statistical process control (XmR) in the style of NHS England's *Making Data Count* (MDC).

Why: boards ask "is this month's change real or noise?". An XmR chart answers that with process
limits drawn from the series' own month-to-month variation, four special-cause rules, a variation
icon for the latest month and, where there is a target, an assurance icon. This module is the
arithmetic only (numpy/pandas); ``cscdash.charts.spc_chart`` draws the result.

The method
----------
* Moving ranges ``MR_i = |x_i - x_{i-1}|`` over consecutive *available* points; ``MR̄`` their mean.
* Mean ``x̄``; process limits ``x̄ ± 2.66·MR̄``; sigma ``σ = MR̄ / 1.128`` so the 2σ lines are
  ``x̄ ± 2·MR̄/1.128`` (2.66 = 3/1.128).
* Rules (lengths configurable in :class:`SpcRules`), judged within one segment:
  1. *beyond limits*: a point strictly above the upper or below the lower process limit;
  2. *shift*: a run of ``shift_length`` (default 7) or more consecutive points strictly on one side
     of the mean;
  3. *trend*: ``trend_length`` (default 6) or more consecutive points each strictly higher (or each
     strictly lower) than the one before;
  4. *two of three*: 2 of any 3 consecutive points strictly beyond the same 2σ line.
* A special-cause point is coloured *improvement* or *concern* by the indicator's polarity, or
  *neither* for neutral and band indicators.
* Variation icon: from the latest point (common cause, or improving/concerning/neither high/low).
* Assurance icon: from the latest segment's limits and the target (see :func:`assurance_icon`).

Where this module deviates from, or chooses within, the MDC tool (written down as the issue asks)
------------------------------------------------------------------------------------------------
1. **Moving-range screening.** Like the MDC Excel tool (and NHSRplotthedots' default) we drop moving
   ranges above ``3.267·MR̄`` (the upper range limit) and recompute MR̄ once from the rest. One pass
   only; turn it off with ``screen_moving_ranges=False`` (abspc and classic XmR do not screen).
2. **Shift length 7.** MDC uses 7 points; abspc uses 8. Configurable.
3. **Points exactly on the mean** break a shift run (they are on neither side). MDC does not say.
4. **Equal consecutive values** break a trend (the rule needs each point strictly higher/lower).
5. **Two of three** counts points beyond the 2σ line *including* those beyond the process limit
   ("near or beyond the limit", as MDC's guidance reads; abspc counts only points between 2σ and 3σ).
   Only the points beyond 2σ are flagged, not the third point of the window.
6. **Direction of a point hit by several rules** (e.g. the turning point of two trends, or a rising
   trend below the mean): the first applicable rule in the order beyond limits, two of three, shift,
   trend gives the direction. A trend is judged by its direction, not by its side of the mean.
7. **Missing months** (suppressed or no data) are left out of every calculation; the moving range and
   the runs join the available points either side. MDC's tool has no notion of suppression.
8. **Segments.** Limits recalculated from a break date: each segment (from one break to the next)
   gets its own mean and limits from its own points (or its first ``baseline_points``), and runs never
   cross a break. A segment with fewer than ``min_points`` points used for the limits gets no limits
   and its points are not judged ("insufficient data"); MDC suggests 15-20 points, we default to 15.
9. **Limits are not clipped** to 0 or 100%: they are the arithmetic limits (MDC does not clip either).
10. **Assurance** is judged on the latest segment's limits; a target exactly on a limit counts as
    outside (the process reaches the limit only in exceptional months). Band (two-target) indicators
    pass when both limits sit inside the band, fail when both sit outside it on the same side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

#: 3/d2 with d2 = 1.128 for moving ranges of two points.
LIMIT_FACTOR = 2.66
#: d2 for n = 2: sigma = MR̄ / D2.
D2 = 1.128
#: D4 for n = 2: moving ranges above D4·MR̄ are screened out (MDC practice).
MOVING_RANGE_SCREEN = 3.267

POLARITIES = ("higher_is_better", "lower_is_better", "neutral", "band")

VARIATION_LABELS = {
    "common_cause": "Common cause variation",
    "special_cause_improving_high": "Special cause variation: improving (higher)",
    "special_cause_improving_low": "Special cause variation: improving (lower)",
    "special_cause_concerning_high": "Special cause variation: concerning (higher)",
    "special_cause_concerning_low": "Special cause variation: concerning (lower)",
    "special_cause_neither_high": "Special cause variation: higher (neither improving nor concerning)",
    "special_cause_neither_low": "Special cause variation: lower (neither improving nor concerning)",
    "insufficient_data": "Not enough data points for SPC",
}

ASSURANCE_LABELS = {
    "consistently_pass": "The process will consistently pass the target",
    "hit_or_miss": "The process will hit or miss the target at random",
    "consistently_fail": "The process will consistently fail the target",
}

POINT_TYPES = ("common_cause", "improvement", "concern", "neither", "not_judged", "missing")


@dataclass(frozen=True)
class SpcRules:
    """Rule lengths and switches; defaults follow Making Data Count."""

    shift_length: int = 7
    trend_length: int = 6
    two_of_three: bool = True
    min_points: int = 15
    screen_moving_ranges: bool = True


@dataclass(frozen=True)
class Limits:
    """The XmR limits of one segment."""

    mean: float
    mr_bar: float
    upper: float
    lower: float
    upper_2sigma: float
    lower_2sigma: float
    n_points: int


@dataclass(frozen=True)
class SpcResult:
    """Everything a chart or a card needs.

    ``points`` has one row per input month: ``period_end, value, segment, moving_range, mean,
    upper_limit, lower_limit, upper_2sigma, lower_2sigma, beyond_limits, shift, trend, two_of_three,
    special_cause, direction`` (+1 high, -1 low, 0 none) and ``point_type`` (one of POINT_TYPES).
    """

    points: pd.DataFrame
    status: str  # "ok" or "insufficient_data"
    variation: str  # a key of VARIATION_LABELS
    assurance: str | None  # a key of ASSURANCE_LABELS, or None without a target / limits
    polarity: str
    target: float | tuple[float, float] | None
    segments: list[Limits | None] = field(default_factory=list)
    break_dates: tuple[date, ...] = ()

    @property
    def variation_label(self) -> str:
        """Plain-English text of the variation icon."""
        return VARIATION_LABELS[self.variation]

    @property
    def assurance_label(self) -> str | None:
        """Plain-English text of the assurance icon, if there is one."""
        return ASSURANCE_LABELS[self.assurance] if self.assurance else None


def xmr_limits(values: Sequence[float] | np.ndarray, screen_moving_ranges: bool = True) -> Limits:
    """Mean, MR̄ and limits of a run of values (NaNs dropped); at least two values are needed."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size < 2:
        raise ValueError("XmR limits need at least two values")
    mean = float(x.mean())
    mr = np.abs(np.diff(x))
    mr_bar = float(mr.mean())
    if screen_moving_ranges and mr_bar > 0:
        kept = mr[mr <= MOVING_RANGE_SCREEN * mr_bar]
        mr_bar = float(kept.mean())
    half_width = LIMIT_FACTOR * mr_bar
    two_sigma = 2 * mr_bar / D2
    return Limits(
        mean=mean,
        mr_bar=mr_bar,
        upper=mean + half_width,
        lower=mean - half_width,
        upper_2sigma=mean + two_sigma,
        lower_2sigma=mean - two_sigma,
        n_points=int(x.size),
    )


def _runs(signs: np.ndarray, length: int) -> np.ndarray:
    """+1/-1 where a point belongs to a run of at least ``length`` equal non-zero signs, else 0."""
    out = np.zeros(signs.size, dtype=int)
    start = 0
    for i in range(1, signs.size + 1):
        if i == signs.size or signs[i] != signs[start]:
            if signs[start] != 0 and i - start >= length:
                out[start:i] = signs[start]
            start = i
    return out


def shift_flags(x: np.ndarray, mean: float, length: int = 7) -> np.ndarray:
    """+1/-1 for points in a run of ``length`` or more strictly above/below the mean, else 0."""
    return _runs(np.sign(np.asarray(x, dtype=float) - mean).astype(int), length)


def trend_flags(x: np.ndarray, length: int = 6) -> np.ndarray:
    """+1/-1 for points in a run of ``length`` or more points each strictly above/below the last.

    A point can end a rising run and start a falling one; the rising run wins here only because it
    comes first, and :func:`_direction` gives beyond-limit and shift rules priority anyway.
    """
    x = np.asarray(x, dtype=float)
    out = np.zeros(x.size, dtype=int)
    if x.size < 2:
        return out
    steps = np.sign(np.diff(x)).astype(int)  # steps[i] is the move from point i to point i+1
    run_of_steps = _runs(steps, length - 1)
    for i, s in enumerate(run_of_steps):
        if s != 0:
            for j in (i, i + 1):
                if out[j] == 0:
                    out[j] = s
    return out


def two_of_three_flags(x: np.ndarray, upper_2sigma: float, lower_2sigma: float) -> np.ndarray:
    """+1/-1 for points beyond a 2σ line that have another such point on the same side within any
    window of three consecutive points, else 0."""
    x = np.asarray(x, dtype=float)
    out = np.zeros(x.size, dtype=int)
    for side, beyond in ((1, x > upper_2sigma), (-1, x < lower_2sigma)):
        for i in range(max(0, x.size - 2)):
            window = beyond[i : i + 3]
            if window.sum() >= 2:
                for j in range(i, i + 3):
                    if beyond[j]:
                        out[j] = side
    return out


def _direction(beyond: np.ndarray, two3: np.ndarray, shift: np.ndarray, trend: np.ndarray) -> np.ndarray:
    """One direction per point: the first rule that fires in priority order (deviation 6)."""
    out = np.zeros(beyond.size, dtype=int)
    for flags in (beyond, two3, shift, trend):
        out = np.where((out == 0) & (flags != 0), flags, out)
    return out


def _point_type(direction: int, polarity: str) -> str:
    if direction == 0:
        return "common_cause"
    if polarity == "higher_is_better":
        return "improvement" if direction > 0 else "concern"
    if polarity == "lower_is_better":
        return "improvement" if direction < 0 else "concern"
    return "neither"


def variation_icon(direction: int, polarity: str) -> str:
    """The MDC variation icon code for a point's direction (+1 high, -1 low, 0 common cause)."""
    if direction == 0:
        return "common_cause"
    high_low = "high" if direction > 0 else "low"
    kind = {"improvement": "improving", "concern": "concerning", "neither": "neither"}[
        _point_type(direction, polarity)
    ]
    return f"special_cause_{kind}_{high_low}"


def assurance_icon(
    limits: Limits | None, target: float | tuple[float, float] | None, polarity: str
) -> str | None:
    """Where the target sits against the process limits (MDC assurance icon).

    Single target, higher is better: target at or below the lower limit = consistently pass; at or
    above the upper limit = consistently fail; strictly between = hit or miss (mirrored for lower is
    better). A band ``(low, high)``: both limits inside the band = pass; both limits beyond the same
    edge = fail; otherwise hit or miss. Neutral polarity with a single target has no assurance.
    """
    if limits is None or target is None:
        return None
    if isinstance(target, tuple):
        low, high = sorted(target)
        if low <= limits.lower and limits.upper <= high:
            return "consistently_pass"
        if limits.upper < low or limits.lower > high:
            return "consistently_fail"
        return "hit_or_miss"
    if polarity == "higher_is_better":
        if target <= limits.lower:
            return "consistently_pass"
        if target >= limits.upper:
            return "consistently_fail"
        return "hit_or_miss"
    if polarity == "lower_is_better":
        if target >= limits.upper:
            return "consistently_pass"
        if target <= limits.lower:
            return "consistently_fail"
        return "hit_or_miss"
    return None


def _as_frame(series: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """Accept an indicator frame (``period_end``, ``value``) or a date-indexed Series.

    A frame from ``disclosure.apply_disclosure`` is charted from its ``shown_value`` column, so a
    suppressed month is a gap here too and never leaks through the limits (S9, S10).
    """
    if isinstance(series, pd.Series):
        frame = pd.DataFrame({"period_end": series.index, "value": series.to_numpy()})
    else:
        column = "shown_value" if "shown_value" in series else "value"
        frame = series.loc[:, ["period_end", column]].rename(columns={column: "value"})
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype(float)
    return frame.sort_values("period_end").reset_index(drop=True)


def xmr(
    series: pd.DataFrame | pd.Series,
    polarity: str = "neutral",
    target: float | tuple[float, float] | None = None,
    break_dates: Sequence[date | str] = (),
    baseline_points: int | None = None,
    rules: SpcRules | None = None,
) -> SpcResult:
    """Run the XmR chart on a monthly series.

    ``break_dates``: the first month of each new segment (a known process change); each segment gets
    its own limits. ``baseline_points``: compute each segment's limits from its first N available
    points only and extend them (MDC "baseline"); ``None`` uses all the segment's points.
    """
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {POLARITIES}, not {polarity!r}")
    if isinstance(target, list):
        target = tuple(target)  # type: ignore[assignment]
    rules = rules or SpcRules()
    frame = _as_frame(series)
    breaks = tuple(sorted(pd.Timestamp(d).date() for d in break_dates))
    frame["segment"] = np.searchsorted(
        np.array([pd.Timestamp(b) for b in breaks], dtype="datetime64[ns]"),
        frame["period_end"].to_numpy(dtype="datetime64[ns]"),
        side="right",
    )
    columns = {
        name: np.full(len(frame), np.nan)
        for name in ("moving_range", "mean", "upper_limit", "lower_limit", "upper_2sigma", "lower_2sigma")
    }
    flags = {
        name: np.zeros(len(frame), dtype=int) for name in ("beyond_limits", "shift", "trend", "two_of_three")
    }
    direction = np.zeros(len(frame), dtype=int)
    judged = np.zeros(len(frame), dtype=bool)
    segments: list[Limits | None] = []

    for seg in range(len(breaks) + 1):
        idx = np.flatnonzero((frame["segment"].to_numpy() == seg) & frame["value"].notna().to_numpy())
        x = frame["value"].to_numpy()[idx]
        if idx.size > 1:
            columns["moving_range"][idx[1:]] = np.abs(np.diff(x))
        basis = x if baseline_points is None else x[:baseline_points]
        if basis.size < max(rules.min_points, 2):
            segments.append(None)
            continue
        lim = xmr_limits(basis, rules.screen_moving_ranges)
        segments.append(lim)
        seg_rows = np.flatnonzero(frame["segment"].to_numpy() == seg)
        for name, val in (
            ("mean", lim.mean),
            ("upper_limit", lim.upper),
            ("lower_limit", lim.lower),
            ("upper_2sigma", lim.upper_2sigma),
            ("lower_2sigma", lim.lower_2sigma),
        ):
            columns[name][seg_rows] = val
        beyond = np.where(x > lim.upper, 1, np.where(x < lim.lower, -1, 0))
        shift = shift_flags(x, lim.mean, rules.shift_length)
        trend = trend_flags(x, rules.trend_length)
        two3 = (
            two_of_three_flags(x, lim.upper_2sigma, lim.lower_2sigma)
            if rules.two_of_three
            else np.zeros(x.size, dtype=int)
        )
        for name, arr in (
            ("beyond_limits", beyond),
            ("shift", shift),
            ("trend", trend),
            ("two_of_three", two3),
        ):
            flags[name][idx] = arr
        direction[idx] = _direction(beyond, two3, shift, trend)
        judged[idx] = True

    points = frame.assign(**columns)
    for name, arr in flags.items():
        points[name] = arr != 0
    points["special_cause"] = direction != 0
    points["direction"] = direction
    points["point_type"] = [
        "missing" if np.isnan(v) else (_point_type(int(d), polarity) if j else "not_judged")
        for v, d, j in zip(points["value"].to_numpy(), direction, judged, strict=True)
    ]

    available = points.index[points["value"].notna()]
    last_segment = segments[-1] if segments else None
    if len(available) == 0 or last_segment is None or not judged[available[-1]]:
        return SpcResult(
            points, "insufficient_data", "insufficient_data", None, polarity, target, segments, breaks
        )
    latest = int(direction[available[-1]])
    return SpcResult(
        points=points,
        status="ok",
        variation=variation_icon(latest, polarity),
        assurance=assurance_icon(last_segment, target, polarity),
        polarity=polarity,
        target=target,
        segments=segments,
        break_dates=breaks,
    )
