"""Staging one local file through its source's specification (:mod:`cscdash.extracts.local`).

The same steps for every local source: the headings of the specification (renamed to its fields), the LA
(``la_field`` of each row, else ``--la`` or the folder), each row's collection year (that of its
``period_date``, April to March; else the year in the path, else the current one), the field checks, one
row per key (duplicates as for the returns), the declared row checks, and the period the file covers
(its earliest to its latest ``period_date``; :mod:`cscdash.extracts.coverage` decides the rest).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from cscdash.extracts import integrity
from cscdash.extracts.coverage import ReturnRead, date_range
from cscdash.extracts.detect import FileInfo
from cscdash.extracts.fields import check_table, clean_text, parse_dates
from cscdash.extracts.integrity import check_order, report
from cscdash.extracts.local import LocalSource
from cscdash.extracts.problems import ERROR, ProblemLog
from cscdash.extracts.spec import TableSpec
from cscdash.extracts.staging import Staged, la_lookup, read_table, resolve_la

#: Values within this of each other are equal (money-like figures to 2 dp summed as floats).
_EPSILON = 1e-9


def stage(info: FileInfo, src: LocalSource, la_code: str | None, staged: Staged, log: ProblemLog) -> None:
    """Read, check and queue one file of local source ``src``; problems go to ``log``."""
    name = info.path.name
    tspec = src.table_spec
    raw = read_table(info.path, tspec, log)
    if raw is None:
        return
    la = None
    if src.la_field is None:
        la = resolve_la(name, None, la_code, log, info.path)
        if la is None:
            return
    raw = raw.assign(collection_year=_years(raw, src, info))
    typed = check_table(raw, tspec, src.spec, file=name, log=log, year_end=None)
    if src.la_field is None:
        typed = typed.assign(la_code=la, source_file=name)
    else:
        las = _row_las(typed, src.la_field, name, log)
        typed = typed.drop(columns=[src.la_field]).assign(la_code=las, source_file=name)
    typed = integrity.drop_duplicates(typed, _duplicates_spec(src), log)
    for check in src.checks:
        CHECKS[check["type"]](typed, check, src, log)
    staged.add(src.table, typed, src.key)
    if src.replace == "none":
        return
    for each in [la] if la is not None else sorted(typed["la_code"].dropna().unique()):
        rows = typed if la is not None else typed[typed["la_code"] == each]
        earliest, latest = date_range(rows[src.period_date]) if src.period_date else (None, None)
        first = date_range(rows[src.covers_from])[0] if src.covers_from is not None else None
        if first is not None and earliest is not None and latest is not None and earliest < first <= latest:
            # an export of every episode open at any time since a date: its first end marks that date
            earliest = first
        staged.returns.append(
            ReturnRead(
                src.source, each, name, info.path, info.root, earliest_date=earliest, latest_date=latest
            )
        )


def _years(raw: pd.DataFrame, src: LocalSource, info: FileInfo) -> pd.Series | int:
    """Each row's collection year: that of its period date (April to March), else the path's, else today's."""
    if src.period_date is not None:
        dates = parse_dates(clean_text(raw[src.period_date]), src.spec.date_formats)
        return (dates.dt.year + (dates.dt.month > 3)).fillna(info.path_year or 0).astype(int)
    today = date.today()
    return info.path_year or today.year + (today.month > 3)


def _row_las(typed: pd.DataFrame, field: str, file: str, log: ProblemLog) -> pd.Series:
    """The LA of each row from ``field``: an ONS-style code as written, a DfE LA number mapped to its code."""
    values = typed[field].astype("string")
    numbers = values.str.fullmatch(r"\d{1,3}").fillna(False).astype(bool)
    mapped = values[numbers].str.zfill(3).map(la_lookup())
    unknown = mapped.isna()
    if unknown.any():
        bad = typed.loc[mapped.index[unknown]]
        message = "the LA number is not in data/reference/la_codes.csv"
        report(log, ERROR, "LA_UNKNOWN", message, bad.assign(source_file=file), field, field)
    return values.mask(numbers, mapped)


def _duplicates_spec(src: LocalSource) -> TableSpec:
    """The table as the duplicate check sees it: the LA is part of the key when the rows name their own."""
    if src.la_field is None:
        return src.table_spec
    key = ("la_code", *(k for k in src.table_spec.key if k not in ("la_code", src.la_field)))
    return TableSpec(src.source, key, src.table_spec.fields, duplicates=src.table_spec.duplicates)


def _order(df: pd.DataFrame, check: dict, src: LocalSource, log: ProblemLog) -> None:
    """``then`` must not be before ``first`` (the same day is fine)."""
    check_order(log, df, check["first"], check["then"], check["rule"], check["message"], check["severity"])


def _given_if(df: pd.DataFrame, check: dict, src: LocalSource, log: ProblemLog) -> None:
    """``field`` must be filled when any of ``if_any`` is (a yes/no field counts when it says yes)."""
    given = pd.Series(False, index=df.index)
    for other in check["if_any"]:
        values = df[other]
        is_bool = src.table_spec.fields[other].type == "bool"
        given |= values.fillna(False).astype(bool) if is_bool else values.notna()
    bad = df[check["field"]].isna() & given
    report(log, check["severity"], check["rule"], check["message"], df[bad], check["field"])


def _sum(df: pd.DataFrame, check: dict, src: LocalSource, log: ProblemLog) -> None:
    """On each row with every figure filled, ``total`` = the sum of ``parts`` (to ``tolerance``)."""
    total, parts = check["total"], check["parts"]
    tolerance = float(check.get("tolerance", 0)) + _EPSILON
    filled = df[[total, *parts]].notna().all(axis=1)
    gap = (df[total].astype("Float64") - df[parts].astype("Float64").sum(axis=1)).abs()
    bad = filled & (gap > tolerance).fillna(False).astype(bool)
    report(log, check["severity"], check["rule"], check["message"], df[bad], total, total)


def _total_row(df: pd.DataFrame, check: dict, src: LocalSource, log: ProblemLog) -> None:
    """The row whose ``field`` is ``total`` equals the sum of the other rows of its ``per`` group in every
    number field, where the group has other rows and both are filled."""
    field, per, label = check["field"], list(check["per"]), str(check["total"])
    tolerance = float(check.get("tolerance", 0)) + _EPSILON
    numbers = [n for n, f in src.table_spec.fields.items() if f.type in ("int", "decimal") and n in df]
    is_total = df[field].astype("string") == label
    totals, others = df[is_total], df[~is_total]
    if totals.empty or others.empty:
        return
    sums = others.groupby(per, dropna=False)[numbers].sum(min_count=1)
    joined = totals.merge(sums.add_suffix("_sum"), left_on=per, right_index=True, how="inner")
    for column in numbers:
        gap = (joined[column].astype("Float64") - joined[f"{column}_sum"].astype("Float64")).abs()
        bad = joined[(gap > tolerance).fillna(False).astype(bool)]
        message = f"{check['message']}: {column} is not the sum of the other rows"
        report(log, check["severity"], check["rule"], message, bad, column, column)


#: What each declared check type runs (local.CHECKS lists the keys each needs).
CHECKS: dict[str, Callable[[pd.DataFrame, dict, LocalSource, ProblemLog], None]] = {
    "order": _order,
    "given_if": _given_if,
    "sum": _sum,
    "total_row": _total_row,
}
