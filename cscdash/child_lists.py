"""The children behind a number: for any month end (and breakdown value), the rows an indicator counted.

Each family of indicators has one child-list macro, ``queries/children/children_<family>.sql``, a table
macro ``children_<family>(list_month_end)`` giving one row per child, episode or event counted by any of the
family's figures at that month end, with the same measure columns (``n_*``) as the aggregate the figures
are summed from and the breakdown value of each row (``by_<breakdown>``). Its YAML beside this module,
``cscdash/child_lists/<family>.yml``, says for each indicator which column counts towards the numerator
and which towards the denominator, which detail columns explain it, and why a row is in or out in words.
A test (tests/indicators/test_child_lists.py) counts every list at three month ends against the figure, so
the list and the number cannot disagree.

Who may see a list is the caller's business (:mod:`cscdash.roles`: never a board member); this module only
reads.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from cscdash.extracts.templates import IDENTIFIER, fill

LISTS_DIR = Path(__file__).resolve().parent / "child_lists"
#: Columns every list shows first, whatever the indicator (the macro must give them).
LEADING = ("la_code", "child_id", "record", "team", "worker", "locality")
RECORDS = ("child", "episode", "event")
_KEYS = {"numerator", "denominator", "columns", "why_in", "why_out"}


class ChildListError(ValueError):
    """A child-list YAML that does not say what it must, or a list asked for something it has not got."""


@dataclass(frozen=True)
class ListEntry:
    """How one indicator's rows are listed (one entry of a family's YAML)."""

    indicator_id: str
    family: str
    macro: str
    record: str
    numerator: str | None
    denominator: str | None
    columns: tuple[str, ...]
    why_in: str
    why_out: str | None

    @property
    def counted(self) -> str:
        """The column whose rows are listed: the denominator's, else (a count or a rate) the numerator's."""
        return self.denominator or self.numerator  # type: ignore[return-value]


def _entry(path: Path, indicator_id: str, raw: object, macro: str, record: str) -> ListEntry:
    where = f"{path.name}: {indicator_id}"
    if not isinstance(raw, dict):
        raise ChildListError(f"{where}: expected a mapping of {', '.join(sorted(_KEYS))}")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ChildListError(f"{where}: unknown key {unknown[0]!r}")
    numerator, denominator = raw.get("numerator"), raw.get("denominator")
    if numerator is None and denominator is None:
        raise ChildListError(f"{where}: give a numerator, a denominator or both")
    for key in ("numerator", "denominator"):
        value = raw.get(key)
        if value is not None and not (isinstance(value, str) and IDENTIFIER.match(value)):
            raise ChildListError(f"{where}: {key} must be a column name, not {value!r}")
    columns = raw.get("columns") or []
    if not isinstance(columns, list) or not all(isinstance(c, str) and IDENTIFIER.match(c) for c in columns):
        raise ChildListError(f"{where}: columns must be a list of column names")
    why_in = raw.get("why_in")
    if not isinstance(why_in, str) or not why_in.strip():
        raise ChildListError(f"{where}: why_in must say in words why a row is counted")
    why_out = raw.get("why_out")
    if denominator is not None and numerator is not None and not why_out:
        raise ChildListError(f"{where}: why_out must say why a row is in the denominator only")
    return ListEntry(
        indicator_id=indicator_id,
        family=path.stem,
        macro=macro,
        record=record,
        numerator=numerator,
        denominator=denominator,
        columns=tuple(columns),
        why_in=why_in.strip(),
        why_out=str(why_out).strip() if why_out else None,
    )


@cache
def _read(files: tuple[tuple[str, float], ...]) -> dict[str, ListEntry]:
    found: dict[str, ListEntry] = {}
    for name, _mtime in files:
        path = Path(name)
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        macro, record = raw.get("macro"), raw.get("record")
        if macro != f"children_{path.stem}":
            raise ChildListError(f"{path.name}: macro must be children_{path.stem} (the file's own macro)")
        if record not in RECORDS:
            raise ChildListError(f"{path.name}: record must be one of {', '.join(RECORDS)}")
        indicators = raw.get("indicators")
        if not isinstance(indicators, dict) or not indicators:
            raise ChildListError(f"{path.name}: indicators must map indicator ids to their lists")
        for indicator_id, spec in indicators.items():
            if indicator_id in found:
                raise ChildListError(
                    f"{path.name}: {indicator_id} is also listed by {found[indicator_id].family}.yml"
                )
            found[indicator_id] = _entry(path, str(indicator_id), spec, macro, record)
    return found


def entries(lists_dir: Path = LISTS_DIR) -> dict[str, ListEntry]:
    """Every indicator with a child list, by id (re-read when a YAML file changes)."""
    files = tuple((str(p), p.stat().st_mtime) for p in sorted(lists_dir.glob("*.yml")))
    return _read(files)


def entry_for(indicator_id: str) -> ListEntry | None:
    """The list of ``indicator_id``, or None (staff figures, and anything not made of children)."""
    return entries().get(indicator_id)


def counted_rows(
    con: duckdb.DuckDBPyConnection, entry: ListEntry, period_end: date, la_code: str | None = None
) -> pd.DataFrame:
    """Every column of the family's rows that ``entry``'s figure counts at ``period_end`` (the lists and
    the list-equals-figure test both start here)."""
    statement = fill("child_list", identifiers={"macro": entry.macro, "counted": entry.counted})
    return con.execute(statement, {"period_end": period_end, "la_code": la_code}).df()


def as_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Date-time columns as plain dates (every date here is a day; 'at midnight' only confuses)."""
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.date
    return frame


def why_text(template: str | None, row: dict) -> str:
    """``template`` with each ``{column}`` filled from ``row`` in words (an empty template: '')."""
    if not template:
        return ""
    values = {k: _word(v) for k, v in row.items()}
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError) as exc:
        raise ChildListError(f"why text {template!r} names a column the list has not got: {exc}") from exc


def _word(value: object) -> str:
    """A value as a why text says it: dates as YYYY-MM-DD, whole numbers without .0, blanks as 'none'."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return "none"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def child_list(
    con: duckdb.DuckDBPyConnection,
    indicator_id: str,
    period_end: date,
    la_code: str | None = None,
    breakdown: str | None = None,
    value: str | None = None,
    teams: Collection[str] | None = None,
) -> pd.DataFrame:
    """The rows behind ``indicator_id`` at ``period_end``: one per child, episode or event its figure
    counts, with ``in_numerator`` (true/false; empty for a figure without one, such as a median) and
    ``why`` in words. ``breakdown``/``value`` keep one breakdown value's rows; ``teams`` keeps only
    those teams' children (a manager's own)."""
    entry = entry_for(indicator_id)
    if entry is None:
        raise ChildListError(f"{indicator_id} has no child list (it is not counted from children)")
    rows = counted_rows(con, entry, period_end, la_code)
    if breakdown not in (None, "", "all"):
        column = f"by_{breakdown}"
        if column not in rows.columns:
            raise ChildListError(f"{indicator_id} has no breakdown {breakdown!r}")
        rows = rows[rows[column].astype("string") == str(value)]
    if teams is not None:
        rows = rows[rows["team"].isin(list(teams))]
    missing = [c for c in (*LEADING, *entry.columns) if c not in rows.columns]
    if missing:
        where = f"{entry.family}.yml: {indicator_id}"
        raise ChildListError(f"{entry.macro} lacks column {missing[0]!r} ({where})")
    records = rows.to_dict("records")
    if entry.numerator is None:
        in_numerator = pd.Series([pd.NA] * len(rows), dtype="boolean", index=rows.index)
        why = [why_text(entry.why_in, r) for r in records]
    elif entry.denominator is None:
        in_numerator = pd.Series(True, index=rows.index, dtype="boolean")
        why = [why_text(entry.why_in, r) for r in records]
    else:
        in_numerator = (rows[entry.numerator].fillna(0) > 0).astype("boolean")
        pairs = zip(records, in_numerator, strict=True)
        why = [why_text(entry.why_in if inside else entry.why_out, r) for r, inside in pairs]
    shown = as_dates(rows[[*LEADING, *entry.columns]].copy())
    shown["in_numerator"] = in_numerator.to_numpy()
    shown["why"] = why
    return shown.reset_index(drop=True)
