"""Small-number suppression (disclosure control): whether a figure may be shown, and how.

Every figure the app shows (card, chart, table, export) goes through the same three steps: decide whether
it may be shown (``../shared/domain/disclosure.md``, here), round it for the display mode, then write it
with its unit (:mod:`cscdash.formatting`). Doing them the same way everywhere keeps a chart and its "view
as table" consistent. Everything here is a pure function over values or DataFrames; no Streamlit.

Conventions:

* A suppressed value is ``None``/NaN with marker ``c``, never 0 (rule S10); a missing one is shown ``x``.
  A figure over no child at all (0 of 0, an average of nothing) is missing, 'no cases' (R11), not
  suppressed: there is no child to reveal, and ``c`` would tell a board that a small number hides there.
* Modes: ``internal`` shows everything and flags small numbers; ``board`` applies S1-S7; ``public``
  adds rounding (counts below 100 to the nearest 5, percentages with denominators below 30 to whole
  numbers) and collapses breakdowns until every cell is at least 10.
* Unit kinds decide the suppression rule: counts S2, percentages S3 (with the complement), rates per
  10,000 the numerator rule, averages S4 (the denominator is the number of children or workers);
  ``fte`` and ``ratio`` are not suppressed (workforce totals, not children) — a choice to review.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cscdash.formatting import (
    LOW_RELIABILITY,
    NOT_AVAILABLE,
    SUPPRESSED,
    format_number,
    format_value,
    is_missing,
    n_of_n,
    unit_of,
)

MODES = ("internal", "board", "public")
#: Denominators below this make a percentage low reliability (S9).
LOW_RELIABILITY_BELOW = 30
#: Denominators below this suppress a percentage outright (S3).
MIN_DENOMINATOR = 10
#: Public mode: collapse breakdown categories until every non-zero cell reaches this.
PUBLIC_MIN_CELL = 10
#: Public mode: counts below this are rounded to the nearest 5.
PUBLIC_ROUND_BELOW = 100


# ---------------------------------------------------------------- primary suppression (S1-S4, S9)


@dataclass(frozen=True)
class Shown:
    """One figure after disclosure control: what may be plotted and printed."""

    value: float | None  # None when suppressed or missing; rounded in public mode
    text: str  # "88.3%", "c" or "x"
    numerator: float | None
    denominator: float | None
    marker: str | None  # "c", "u" or None
    small_number: bool  # internal-mode badge: board mode would have suppressed this

    @property
    def suppressed(self) -> bool:
        """True when the figure is hidden (marker c)."""
        return self.marker == SUPPRESSED

    @property
    def n_of_n(self) -> str:
        """'196 of 209' when both parts may be shown."""
        return n_of_n(self.numerator, self.denominator)


def _small(n: float | None, threshold: int) -> bool:
    return not is_missing(n) and 1 <= float(n) <= threshold


def needs_suppression(
    unit: str,
    value: float | None,
    numerator: float | None = None,
    denominator: float | None = None,
    threshold: int = 5,
) -> bool:
    """The board-mode primary rule for one figure (S2 counts, S3 percentages/rates, S4 averages)."""
    kind = unit_of(unit).kind
    if kind == "count":
        return _small(value if is_missing(numerator) else numerator, threshold)
    if kind == "proportion":
        if is_missing(numerator) or is_missing(denominator):
            return False  # nothing to test against; the view should always give n and N (README)
        if float(denominator) == 0:
            return False  # no child in the cohort: nothing to disclose, the figure is 'no cases' (R11)
        complement = float(denominator) - float(numerator)
        return (
            _small(numerator, threshold)
            or _small(complement, threshold)
            or float(denominator) < MIN_DENOMINATOR
        )
    if kind == "rate":
        return _small(numerator, threshold)
    if kind == "average":
        # over no child at all the figure is 'no cases' (R11), not a small number (S1: zeros are shown)
        return _small(denominator, threshold)
    return False


def round_to_5(n: float) -> float:
    """Nearest multiple of 5 (public mode counts below 100); integers never tie."""
    return 5.0 * math.floor(float(n) / 5.0 + 0.5)


def _public_count(n: float | None) -> float | None:
    if is_missing(n):
        return None
    return round_to_5(n) if float(n) < PUBLIC_ROUND_BELOW else float(n)


def disclose(
    value: float | None,
    unit: str,
    mode: str = "board",
    numerator: float | None = None,
    denominator: float | None = None,
    threshold: int = 5,
    decimals: int | None = None,
) -> Shown:
    """Apply the mode's rules to one figure (a card, a chart point, a table cell).

    ``decimals`` overrides the unit's default (e.g. 0 for SSDA903 rates, which DfE publishes whole).
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    u = unit_of(unit)
    hit = needs_suppression(unit, value, numerator, denominator, threshold)
    if mode != "internal" and hit:
        return Shown(None, SUPPRESSED, None, None, SUPPRESSED, False)
    num = None if is_missing(numerator) else float(numerator)
    den = None if is_missing(denominator) else float(denominator)
    val = None if is_missing(value) else float(value)
    decimals = u.decimals if decimals is None else decimals
    low = u.kind == "proportion" and den is not None and MIN_DENOMINATOR <= den < LOW_RELIABILITY_BELOW
    if mode == "public":
        if u.kind == "count":
            val = _public_count(val)
        num, den = _public_count(num), _public_count(den)
        if (
            u.kind == "proportion"
            and not is_missing(denominator)
            and float(denominator) < LOW_RELIABILITY_BELOW
        ):
            decimals = 0
            val = None if val is None else float(format_number(val, 0).replace(",", ""))
    text = format_value(val, unit, decimals)
    return Shown(val, text, num, den, LOW_RELIABILITY if low else None, mode == "internal" and hit)


def apply_disclosure(
    frame: pd.DataFrame, unit: str, mode: str = "board", threshold: int = 5, decimals: int | None = None
) -> pd.DataFrame:
    """Add ``shown_value, shown_numerator, shown_denominator, text, marker, suppressed, small_number``
    to an indicator frame (``value`` and, where present, ``numerator``/``denominator``).

    The raw columns are kept for the caller's own arithmetic (S10); charts, tables and exports use the
    ``shown_*`` columns and ``text`` only.
    """
    out = frame.copy()
    nums = out["numerator"] if "numerator" in out else pd.Series([None] * len(out), index=out.index)
    dens = out["denominator"] if "denominator" in out else pd.Series([None] * len(out), index=out.index)
    shown = [
        disclose(v, unit, mode, n, d, threshold, decimals)
        for v, n, d in zip(out["value"].tolist(), nums.tolist(), dens.tolist(), strict=True)
    ]
    out["shown_value"] = pd.Series([s.value for s in shown], index=out.index, dtype="float64")
    out["shown_numerator"] = pd.Series([s.numerator for s in shown], index=out.index, dtype="float64")
    out["shown_denominator"] = pd.Series([s.denominator for s in shown], index=out.index, dtype="float64")
    out["text"] = [s.text for s in shown]
    out["marker"] = [s.marker or "" for s in shown]
    out["suppressed"] = [s.suppressed for s in shown]
    out["small_number"] = [s.small_number for s in shown]
    return out


# ---------------------------------------------------------------- S6 differencing


def differencing_suppression(rolling: Sequence[float | None], threshold: int = 5) -> list[bool]:
    """Which rolling-count months to hide so no two adjacent shown months differ by 1..threshold (S6).

    Walks back from the latest month, which is always kept (it is the headline): a month is hidden
    when the next month is shown and the difference would be a small number. Months that are already
    missing/suppressed hide nothing. Returns one flag per month, True = hide.
    """
    values = [None if is_missing(v) else float(v) for v in rolling]
    hide = [False] * len(values)
    for i in range(len(values) - 2, -1, -1):
        later, this = values[i + 1], values[i]
        if this is None or later is None or hide[i + 1]:
            continue
        if 1 <= abs(later - this) <= threshold:
            hide[i] = True
    return hide


# ---------------------------------------------------------------- S7 collapsing, S5 secondary suppression


def collapse_small_categories(counts: pd.Series, mode: str = "board", threshold: int = 5) -> pd.Series:
    """Combine small categories before suppressing, so a breakdown still says something (S7).

    ``board``: every category of 1..threshold is combined into one ("Black + Other (combined)") when
    there are at least two of them; the combined cell is then suppressed like any other if it is
    still small. ``public``: the smallest non-zero categories are merged until every non-zero cell is
    at least 10. ``internal``: unchanged. Zero categories stay as they are (a true zero, S1).
    """
    counts = counts.astype(float)
    if mode == "internal":
        return counts
    limit = threshold if mode == "board" else PUBLIC_MIN_CELL - 1
    small = [k for k, v in counts.items() if 1 <= v <= limit]
    if mode == "board":
        return _merge(counts, small) if len(small) >= 2 else counts
    while True:
        nonzero = counts[counts > 0].sort_values(kind="stable")
        if len(nonzero) < 2 or nonzero.iloc[0] >= PUBLIC_MIN_CELL:
            return counts
        counts = _merge(counts, list(nonzero.index[:2]))


def _merge(counts: pd.Series, keys: list) -> pd.Series:
    names = []
    for k in counts.index:  # keep the original order in the label; unwrap earlier combinations
        if k in keys:
            names.extend(str(k).removesuffix(" (combined)").split(" + "))
    label = " + ".join(names) + " (combined)"
    kept = counts.drop(index=keys)
    return pd.concat([kept, pd.Series({label: float(counts[keys].sum())})])


def secondary_suppression(
    values: np.ndarray, suppressed: np.ndarray, lines: list[list[tuple[int, int]]]
) -> np.ndarray:
    """S5: while a line holds exactly one suppressed cell, also suppress its smallest other non-zero
    cell (the last cell of a line is its total, taken only when nothing else is left).

    ``lines`` lists each row/column as cell coordinates, total last. Returns the new mask.
    """
    mask = suppressed.copy()
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(mask[c] for c in line) != 1:
                continue
            inner = [c for c in line[:-1] if not mask[c] and values[c] != 0 and not np.isnan(values[c])]
            candidates = inner or [c for c in line[-1:] if not mask[c] and values[c] != 0]
            if candidates:
                mask[min(candidates, key=lambda c: values[c])] = True
                changed = True
    return mask


@dataclass(frozen=True)
class SuppressedTable:
    """A count table with totals after S2 + S5: ``values`` (NaN where hidden), ``suppressed``, ``text``."""

    values: pd.DataFrame
    suppressed: pd.DataFrame
    text: pd.DataFrame


def suppress_table(
    table: pd.DataFrame, mode: str = "board", threshold: int = 5, total: str = "Total"
) -> SuppressedTable:
    """Add row and column totals to a count table, then primary (S2) and secondary (S5) suppression.

    Totals are summed from the raw counts first, then protected like any cell (S10). A one-column
    table gets only the total row. Public mode rounds shown counts below 100 to the nearest 5.
    """
    raw = table.astype(float)
    one_column = raw.shape[1] == 1
    full = raw.copy()
    if not one_column:
        full[total] = raw.sum(axis=1)
    full.loc[total] = full.sum(axis=0)
    grid = full.to_numpy()
    mask = (grid >= 1) & (grid <= threshold)
    if mode == "internal":
        mask[:] = False
    else:
        n_rows, n_cols = grid.shape
        lines = [[(r, c) for r in range(n_rows)] for c in range(n_cols)]
        if not one_column:
            lines += [[(r, c) for c in range(n_cols)] for r in range(n_rows)]
        mask = secondary_suppression(grid, mask, lines)
    shown = np.where(mask, np.nan, grid)
    if mode == "public":
        shown = np.where(shown < PUBLIC_ROUND_BELOW, 5.0 * np.floor(shown / 5.0 + 0.5), shown)
    values = pd.DataFrame(shown, index=full.index, columns=full.columns)
    text = pd.DataFrame(
        [
            [SUPPRESSED if m else format_number(v) for v, m in zip(r, mr, strict=True)]
            for r, mr in zip(shown, mask, strict=True)
        ],
        index=full.index,
        columns=full.columns,
    )
    return SuppressedTable(values, pd.DataFrame(mask, index=full.index, columns=full.columns), text)


def suppress_breakdown(
    counts: pd.Series, mode: str = "board", threshold: int = 5, collapse: bool = True, total: str = "Total"
) -> pd.DataFrame:
    """A one-way breakdown (ethnicity, age band ...) ready for a bar chart and its table.

    Collapses small categories (S7, when ``collapse``), then S2 + S5 with the total as part of the
    line. Returns ``category, shown_value, text, suppressed`` with the total as the last row.
    """
    collapsed = collapse_small_categories(counts, mode, threshold) if collapse else counts.astype(float)
    result = suppress_table(collapsed.to_frame("count"), mode, threshold, total)
    return pd.DataFrame(
        {
            "category": [str(i) for i in result.values.index],
            "shown_value": result.values["count"].to_numpy(),
            "text": result.text["count"].to_numpy(),
            "suppressed": result.suppressed["count"].to_numpy(),
        }
    )


# ---------------------------------------------------------------- footnotes and labels (S9, S12)


def footnotes(markers: Iterable[str], threshold: int = 5) -> list[str]:
    """The footnote lines for the markers present in a view (S9)."""
    present = set(markers)
    notes = []
    if SUPPRESSED in present:
        notes.append(f"c = fewer than {threshold + 1} children; not shown to protect confidentiality")
    if LOW_RELIABILITY in present:
        notes.append(f"u = low reliability: based on fewer than {LOW_RELIABILITY_BELOW} children")
    if NOT_AVAILABLE in present:
        notes.append("x = not available")
    return notes


def mode_statement(mode: str, threshold: int = 5) -> str:
    """The line printed on every page header and export cover (S12)."""
    if mode == "internal":
        return "Suppression: internal mode, small numbers shown (not for publication)"
    return f"Suppression: {mode} mode, threshold {threshold}"
