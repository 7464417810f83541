"""Quartile bands A-D and ranks among all LAs, as LAIT presents them.

The rules (LAIT's data dictionary gives polarity but not the arithmetic, so these are ours, chosen to
match what LAIT shows and written down so they can be checked):

* Who is ranked: local authorities (not regions or England) with a published value for that indicator
  and year. Suppressed and missing values are left out, never counted as zero.
* Rank: 1 is best. Higher-is-better indicators rank the highest value 1; lower-is-better the lowest.
  Ties share the best rank of their group and the next rank is skipped ("competition" ranking,
  1, 2, 2, 4), which is R's ``rank(ties.method = "min")``.
* Quartile cut points: the 25th, 50th and 75th percentiles of the ranked values by linear
  interpolation (numpy's default; R's ``quantile(type = 7)``).
* Band: A is the best quarter. Higher is better: A if value >= Q3, B if >= median, C if >= Q1, else D.
  Lower is better: A if value <= Q1, B if <= median, C if <= Q3, else D. A value exactly on a cut
  point goes to the better band.
* Neutral and band (◇) indicators get no band or rank ("not ranked"); they still get ``quartile``
  1-4 counted from the lowest value, which says where the LA sits without calling it good or bad.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from cscdash.benchmarks.measures import HIGHER, LOWER, is_ranked

NOT_RANKED = "not ranked"


def quartile_cuts(values: Sequence[float]) -> tuple[float, float, float]:
    """Q1, median and Q3 of the values (NaN dropped), by linear interpolation."""
    arr = np.asarray([v for v in values if v is not None and not np.isnan(v)], dtype=float)
    if arr.size == 0:
        raise ValueError("no values to cut into quartiles")
    q1, q2, q3 = np.percentile(arr, [25, 50, 75])
    return float(q1), float(q2), float(q3)


def quartile_band(value: float | None, values: Sequence[float], polarity: str) -> str | None:
    """'A' (best quarter) to 'D', or None when the value is missing or the indicator is not ranked."""
    if value is None or np.isnan(value) or not is_ranked(polarity):
        return None
    return band_from_cuts(value, quartile_cuts(values), polarity)


def band_from_cuts(value: float | None, cuts: tuple[float, float, float], polarity: str) -> str | None:
    """:func:`quartile_band` with the quartile cuts worked out once (a table bands every LA by them)."""
    if value is None or np.isnan(value) or not is_ranked(polarity):
        return None
    q1, q2, q3 = cuts
    if polarity == HIGHER:
        return "A" if value >= q3 else "B" if value >= q2 else "C" if value >= q1 else "D"
    return "A" if value <= q1 else "B" if value <= q2 else "C" if value <= q3 else "D"


def quartile_position(value: float | None, values: Sequence[float]) -> int | None:
    """1-4 counted from the lowest value, whatever the polarity (a cut point belongs to the lower one)."""
    if value is None or np.isnan(value):
        return None
    return position_from_cuts(value, quartile_cuts(values))


def position_from_cuts(value: float | None, cuts: tuple[float, float, float]) -> int | None:
    """:func:`quartile_position` with the quartile cuts worked out once."""
    if value is None or np.isnan(value):
        return None
    q1, q2, q3 = cuts
    return 1 if value <= q1 else 2 if value <= q2 else 3 if value <= q3 else 4


def rank_of(value: float | None, values: Sequence[float], polarity: str) -> int | None:
    """1 + the number of values strictly better than ``value``; None when not ranked."""
    if value is None or np.isnan(value) or not is_ranked(polarity):
        return None
    arr = np.asarray([v for v in values if v is not None and not np.isnan(v)], dtype=float)
    better = arr > value if polarity == HIGHER else arr < value
    return int(better.sum()) + 1


def rank_table(frame: pd.DataFrame, polarity: str) -> pd.DataFrame:
    """Add ``rank``, ``n_ranked``, ``band`` and ``quartile`` to a frame of LAs with a ``value`` column.

    Rows whose value is NaN keep None in all four. One indicator and one year per call.
    """
    out = frame.copy()
    values = out["value"].dropna().tolist()
    if not values:
        return out.assign(rank=None, n_ranked=0, band=None, quartile=None)
    ascending = polarity == LOWER
    if is_ranked(polarity):
        out["rank"] = out["value"].rank(method="min", ascending=ascending).astype("Int64")
    else:
        out["rank"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out["n_ranked"] = len(values)
    cuts = quartile_cuts(values)  # once per table: the same cuts band every LA
    out["band"] = [band_from_cuts(v, cuts, polarity) for v in out["value"]]
    out["quartile"] = pd.array([position_from_cuts(v, cuts) for v in out["value"]], dtype="Int64")
    return out


def band_words(band: str | None, polarity: str) -> str:
    """Plain words for a band, so it is never shown as a colour alone."""
    if not is_ranked(polarity):
        return NOT_RANKED
    if not isinstance(band, str):
        return "no band (no published value)"
    words = {
        "A": "A (best quarter)",
        "B": "B (second quarter)",
        "C": "C (third quarter)",
        "D": "D (lowest quarter)",
    }
    return words[band]
