"""Files the app writes for people to open in a spreadsheet: a text cell that a spreadsheet would read as a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
apostrophe, so it stays text (CSV injection). A child id such as ``=cmd|calc!A1`` is refused at load
(``cscdash.extracts``), but free text (a file name, a problem message quoting a value, a category from a
local file) can still start that way. Numbers are never touched: only strings are.
"""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value`` as a spreadsheet will take it as text: strings that start like a formula get a leading
    apostrophe; everything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (no index) with every text cell and heading neutralised."""
    safe = frame.map(neutralise).rename(columns=lambda c: neutralise(str(c)))
    return safe.to_csv(index=False)
