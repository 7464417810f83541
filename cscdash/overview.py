"""The overview's ordering and tables: what needs a board's attention first, and how far each headline
indicator has travelled over one and three years.

Why this order: a board reads the top of the page. First what is off target (red, then amber) or
flagged by SPC as a special cause of concern, then any other special cause, then what changed most over
the year (relative change), then the rest in catalogue order. Pure functions over
:class:`cscdash.indicator_summary.Facts`; no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from cscdash import formatting, targets
from cscdash.indicator_summary import Facts, relative_change

#: A change of at least this share of last year's value counts as "changed a lot".
BIG_CHANGE = 0.10


def attention_reasons(f: Facts) -> list[str]:
    """Why a card is listed first, in words (empty when it is not)."""
    reasons = []
    if f.rag.status == targets.RED:
        reasons.append("beyond the intervention level")
    elif f.rag.status == targets.AMBER:
        reasons.append("short of target")
    if f.special_cause:
        label = "SPC on the month alone: " if f.spc_points == "single months" else "SPC: "
        reasons.append(f.variation_label.lower().replace("special cause variation: ", label))
    if relative_change(f) >= BIG_CHANGE and f.vs_year.judgement != "not_judged":
        reasons.append(f"{f.vs_year.text} ({f.vs_year.judgement})")
    elif relative_change(f) >= BIG_CHANGE:
        reasons.append(f.vs_year.text)
    return reasons


def _rank(f: Facts) -> tuple[int, float]:
    concern = "concerning" in f.variation
    if f.rag.status == targets.RED:
        group = 0
    elif concern:
        group = 1
    elif f.rag.status == targets.AMBER:
        group = 2
    elif f.special_cause:
        group = 3
    elif relative_change(f) >= BIG_CHANGE:
        group = 4
    else:
        group = 5
    return (group, -relative_change(f))


def attention_order(items: Sequence[Facts]) -> list[Facts]:
    """Cards needing attention (``attention_reasons`` not empty), most urgent first."""
    flagged = [f for f in items if attention_reasons(f)]
    return sorted(flagged, key=_rank)


def distance_travelled(items: Sequence[Facts], page_titles: dict[str, str]) -> pd.DataFrame:
    """One row per headline indicator: the value now, a year ago and three years ago, and each change
    in words judged by polarity (shown values only)."""
    rows = []
    for f in items:
        unit, decimals = f.indicator.unit, f.indicator.decimals
        one = targets.direction_of_travel(f.value, f.value_1y, f.indicator.polarity, decimals, "year before")
        three = targets.direction_of_travel(
            f.value, f.value_3y, f.indicator.polarity, decimals, "three years before"
        )
        rows.append(
            {
                "Service": page_titles.get(f.indicator.page, f.indicator.page),
                "Indicator": f.indicator.title,
                "Now": f.text,
                "A year before": _text(f.value_1y, unit, decimals),
                "Over 1 year": f"{one.symbol} {_words(one, unit, decimals)}",
                "Three years before": _text(f.value_3y, unit, decimals),
                "Over 3 years": f"{three.symbol} {_words(three, unit, decimals)}",
            }
        )
    return pd.DataFrame(rows)


def _text(value: float | None, unit: str, decimals: int) -> str:
    return formatting.format_value(value, unit, decimals)


def _words(travel: targets.Travel, unit: str, decimals: int) -> str:
    if travel.change is None:
        return "not comparable"
    if travel.direction == "same":
        return "no change"
    amount = formatting.format_value(abs(travel.change), unit, decimals)
    if formatting.unit_of(unit).token == "percent":
        amount = amount.removesuffix("%") + " points"
    return f"{travel.judgement}: {travel.direction} {amount}"
