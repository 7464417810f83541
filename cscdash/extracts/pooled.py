"""Pooled files: one file holding several authorities' returns, split into each authority's own.

Regional partnerships pool their authorities' returns (London's LIIA: Social Finance's liia-tools write
the SSDA903 tables and the Annex A lists as CSVs with ISO dates and two extra columns, ``LA`` and
``YEAR``). A SSDA903 table CSV or an Annex A list that carries an ``LA`` column is split here by
authority, and by ``YEAR`` where the file has it; each part then goes through the same staging as a
council's own file loaded with ``--la`` (the same checks, coverage and replace rules).

``LA`` may be the LA's name as the DfE spells it (``Barking and Dagenham``; case, spacing and ``&`` for
``and`` do not matter), its ONS code (``E09000002``) or its DfE number (``301``), resolved with
``data/reference/la_codes.csv``. ``YEAR`` is the collection year by the year it ends in, as a bare year in
a path is (``2024`` = 2023-24; :func:`cscdash.extracts.detect.year_in_path`); ``2023-24`` is read too.
A value that resolves to no LA or year is an error naming the file, row, field and value; ``--la``, when
given, must agree with every row.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

import pandas as pd

from cscdash.extracts.problems import ERROR, ProblemLog
from cscdash.settings import REFERENCE_DIR

LA, YEAR = "LA", "YEAR"
#: The columns a pooled file adds to a layout (kept by the readers, removed here).
POOLED_COLUMNS = frozenset({LA, YEAR})
_ONS = re.compile(r"^[EWSN]\d{8}$")
_NUMBER = re.compile(r"^\d{1,3}(?:\.0)?$")
_BARE_YEAR = re.compile(r"^(20\d\d)(?:\.0)?$")
_SPAN = re.compile(r"^(20\d\d)\s*[-/_]\s*(\d\d)$")


def _name_key(text: str) -> str:
    """A name as compared: lower case, single spaces, ``&`` as ``and``."""
    return re.sub(r"\s+", " ", str(text).replace("&", " and ")).strip().lower()


@cache
def la_codes() -> dict[str, str]:
    """Every accepted spelling (name key, ONS code, 3-digit DfE number) -> ONS code (la_codes.csv)."""
    ref = pd.read_csv(REFERENCE_DIR / "la_codes.csv", dtype=str).fillna("")
    lookup: dict[str, str] = {}
    for row in ref.itertuples(index=False):
        code = row.la_code.strip()
        lookup[code.upper()] = code
        lookup[row.la_number.strip().zfill(3)] = code
        lookup[_name_key(row.la_name)] = code
    return lookup


def resolve_la(value: str) -> str | None:
    """The ONS code of an LA name, ONS code or DfE number; None when la_codes.csv has no such LA."""
    text = str(value).strip()
    if _ONS.match(text.upper()):
        return la_codes().get(text.upper())
    if _NUMBER.match(text):
        return la_codes().get(text.removesuffix(".0").zfill(3))
    return la_codes().get(_name_key(text))


def collection_year(value: str) -> int | None:
    """``2024`` or ``2023-24`` -> 2024 (the year the collection year ends in); None when neither."""
    text = str(value).strip()
    bare = _BARE_YEAR.match(text)
    if bare:
        return int(bare.group(1))
    span = _SPAN.match(text)
    if span and int(span.group(2)) == (int(span.group(1)) + 1) % 100:
        return int(span.group(1)) + 1
    return None


def _refs(raw: pd.DataFrame) -> pd.Series:
    """How problems name each row: the reader's ``row_ref`` (a sheet's row) or the data row number."""
    return raw["row_ref"] if "row_ref" in raw else raw["source_row"]


def parts_of(
    info: Any, raw: pd.DataFrame, la_code: str | None, log: ProblemLog, *, by_year_alone: bool = False
) -> list[tuple[Any, pd.DataFrame, str | None]]:
    """The file's rows as (file info, rows, LA) per authority and year; ``[(info, raw, None)]`` when the
    file has no ``LA`` column (nor ``YEAR``, with ``by_year_alone``): then nothing changes.

    Each part's info carries the ``YEAR`` as its path year, as a bare year in a path would be read. The
    ``LA`` and ``YEAR`` columns are removed. Rows whose LA or YEAR is blank or unknown are reported (file,
    row, field, value) and left out; so are LAs that disagree with ``la_code`` (one error per LA).
    """
    has_la, has_year = LA in raw.columns, YEAR in raw.columns
    if not has_la and not (by_year_alone and has_year):
        return [(info, raw, None)]
    file = info.path.name
    refs = _refs(raw)
    keep = pd.Series(True, index=raw.index)
    las = pd.Series(la_code, index=raw.index, dtype="object")
    if has_la:
        values = raw[LA].astype("string").fillna("").str.strip()
        lookup = {v: resolve_la(v) for v in values.unique()}
        las = values.map(lookup)
        blank, unknown = values.eq(""), values.ne("") & las.isna()
        blank_says = "the LA is blank: every row of a pooled file names its LA"
        _report(log, "LA_BLANK", file, blank_says, refs, blank, values)
        _report(
            log,
            "LA_UNKNOWN",
            file,
            "no LA in data/reference/la_codes.csv has this name, ONS code or DfE LA number",
            refs,
            unknown,
            values,
        )
        keep &= ~(blank | unknown)
        if la_code is not None:
            _disagreements(log, file, refs, values, las, keep, la_code)
    years = pd.Series(info.path_year, index=raw.index, dtype="object")
    if has_year:
        written = raw[YEAR].astype("string").fillna("").str.strip()
        years = written.map({v: collection_year(v) for v in written.unique()})
        bad = years.isna()
        _report(
            log,
            "YEAR_INVALID",
            file,
            "YEAR is not a collection year: give the year it ends in (2024 = 2023-24)",
            refs,
            bad,
            written,
        )
        keep &= ~bad
    rows = raw.drop(columns=[c for c in POOLED_COLUMNS if c in raw.columns])
    parts = []
    grouped = pd.DataFrame({"la": las, "year": years})[keep]
    for (la, year), index in grouped.groupby(["la", "year"], dropna=False, sort=True).groups.items():
        part_info = info
        if has_year:
            part_info = dataclasses.replace(info, path_year=int(year), path_year_bare=True)
        part_la = None if pd.isna(la) else str(la)
        parts.append((part_info, rows.loc[index].reset_index(drop=True), part_la))
    return parts


def _report(
    log: ProblemLog,
    rule: str,
    file: str,
    message: str,
    refs: pd.Series,
    mask: pd.Series,
    values: pd.Series,
) -> None:
    if mask.any():
        field = LA if rule.startswith("LA") else YEAR
        log.add_rows(ERROR, rule, file, message, refs[mask], field, values[mask])


def _disagreements(
    log: ProblemLog,
    file: str,
    refs: pd.Series,
    values: pd.Series,
    las: pd.Series,
    keep: pd.Series,
    la_code: str,
) -> None:
    """One error per LA in the file that is not ``--la``, naming its first row and how many rows it has."""
    other = keep & las.ne(la_code)
    for la, rows in values[other].groupby(las[other], sort=True):
        first = rows.index[0]
        log.add(
            ERROR,
            "LA_MISMATCH",
            file,
            f"the file's LA column says {la} ({len(rows)} row(s), the first shown), which does not agree "
            f"with --la {la_code}: a pooled file names its LAs itself, so leave out --la or load only "
            f"{la_code}'s rows",
            row_ref=_ref_text(refs[first]),
            field=LA,
            value=rows.iloc[0],
        )


def _ref_text(ref: object) -> str:
    return ref if isinstance(ref, str) else f"row {int(ref)}"  # type: ignore[call-overload]
