"""The exception lists managers act on ("My teams"): children whose case needs something now.

Each list (``cscdash/exception_lists.yml``) is the rows of a family's child-list macro
(``queries/children/``, the same SQL the figures are counted from) at the month end whose exception flag
(an ``x_*`` column) is set: open assessments past 45 working days, children on plans not seen in time, and
so on. So a list and the figure it sits behind cannot disagree, and a list is a filter, not a second
definition.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from cscdash.child_lists import LEADING, ChildListError, as_dates, why_text
from cscdash.extracts.templates import IDENTIFIER, fill

LISTS_FILE = Path(__file__).resolve().parent / "exception_lists.yml"
_KEYS = {"title", "macro", "flag", "columns", "why", "indicator"}


@dataclass(frozen=True)
class ExceptionList:
    """One "My teams" list: which family's rows, which flag, what to show and why each child is on it."""

    list_id: str
    title: str
    macro: str
    flag: str
    columns: tuple[str, ...]
    why: str
    indicator: str | None


@cache
def _read(path: str, _mtime: float) -> dict[str, ExceptionList]:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    found: dict[str, ExceptionList] = {}
    for list_id, spec in (raw.get("lists") or {}).items():
        where = f"{Path(path).name}: {list_id}"
        if not isinstance(spec, dict) or set(spec) - _KEYS:
            raise ChildListError(f"{where}: keys are {', '.join(sorted(_KEYS))}")
        names = [spec.get("macro"), spec.get("flag"), *(spec.get("columns") or [])]
        if not all(isinstance(n, str) and IDENTIFIER.match(n) for n in names):
            raise ChildListError(f"{where}: macro, flag and columns must be column names")
        if not str(spec.get("flag")).startswith("x_"):
            raise ChildListError(f"{where}: flag must be an exception flag (x_...)")
        if not spec.get("title") or not spec.get("why"):
            raise ChildListError(f"{where}: give a title and a why")
        found[str(list_id)] = ExceptionList(
            list_id=str(list_id),
            title=str(spec["title"]),
            macro=spec["macro"],
            flag=spec["flag"],
            columns=tuple(spec.get("columns") or ()),
            why=str(spec["why"]),
            indicator=spec.get("indicator"),
        )
    return found


def lists(path: Path = LISTS_FILE) -> dict[str, ExceptionList]:
    """Every "My teams" list, in the order the page shows them (re-read when the file changes)."""
    return _read(str(path), path.stat().st_mtime)


def rows(
    con: duckdb.DuckDBPyConnection,
    list_id: str,
    period_end: date,
    la_code: str,
    teams: Collection[str] | None = None,
) -> pd.DataFrame:
    """The children on one list at ``period_end`` (only ``teams``' children when given), with the leading
    columns, the list's detail columns and why each is on it in words."""
    spec = lists()[list_id]
    statement = fill("exception_list", identifiers={"macro": spec.macro, "flag": spec.flag})
    found = con.execute(statement, {"period_end": period_end, "la_code": la_code}).df()
    if teams is not None:
        found = found[found["team"].isin(list(teams))]
    missing = [c for c in (*LEADING, *spec.columns) if c not in found.columns]
    if missing:
        raise ChildListError(f"{spec.macro} lacks column {missing[0]!r} (exception_lists.yml: {list_id})")
    shown = as_dates(found[[*LEADING, *spec.columns]].copy())
    shown["why"] = [why_text(spec.why, r) for r in found.to_dict("records")]
    return shown.reset_index(drop=True)


def team_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Children per team and worker on a list, the largest first (the page's summary table)."""
    if frame.empty:
        return pd.DataFrame(columns=["team", "worker", "children"])
    counts = frame.groupby(["team", "worker"], dropna=False)["child_id"].nunique().rename("children")
    return counts.reset_index().sort_values(["children", "team", "worker"], ascending=[False, True, True])
