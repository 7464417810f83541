"""What every return's staging shares: the staged rows, the LA of a file, the collection year and the checks.

:class:`Staged` collects what one load read (typed rows per raw table, the files, every return for its
coverage). The staging modules (:mod:`~cscdash.extracts.yearly` for the yearly returns and censuses,
:mod:`~cscdash.extracts.annex_a_staging` for Annex A, :mod:`~cscdash.extracts.local_staging` for local
sources) use the helpers here for a file's LA (:func:`resolve_la`), its collection year
(:func:`year_note`, :func:`latest_date_year`) and the field checks of its specification (:func:`check_rows`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from cscdash.extracts.coverage import ReturnRead
from cscdash.extracts.fields import check_table, clean_text, parse_dates, year_label
from cscdash.extracts.problems import ERROR, WARNING, ProblemLog
from cscdash.extracts.spec import Spec, TableSpec
from cscdash.extracts.text_files import align_columns, read_csv_text
from cscdash.settings import REFERENCE_DIR

Progress = Callable[[str, float], None]


@dataclass
class Staged:
    """Everything read from one call's files: typed rows per raw table, and what each file held."""

    tables: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)
    files: list[dict] = field(default_factory=list)
    #: Annex A list 8 / 9 rows as read (text), per list: typed together at the end (annex_a_snapshots.typed).
    snapshots: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    #: Every return read, for the period it covers (cscdash.extracts.coverage).
    returns: list[ReturnRead] = field(default_factory=list)

    def add(self, raw_table: str, df: pd.DataFrame, key: list[str]) -> None:
        """Queue typed rows for a raw table."""
        if len(df):
            self.tables.setdefault(raw_table, []).append(df)
            self.keys[raw_table] = key

    def n_rows(self) -> int:
        """Rows queued so far, all tables (Annex A snapshot rows waiting to be typed included)."""
        frames = [*self.tables.values(), *self.snapshots.values()]
        return sum(len(df) for group in frames for df in group)

    def frame(self, raw_table: str) -> pd.DataFrame:
        """All queued rows of a raw table."""
        return pd.concat(self.tables[raw_table], ignore_index=True)


@cache
def la_lookup() -> dict[str, str]:
    """DfE LA number -> ONS-style code from data/reference/la_codes.csv, plus the synthetic authorities."""
    lookup = {"999": "E06999999", **{f"{n:03d}": f"E06999{n:03d}" for n in range(1, 150)}}
    path = REFERENCE_DIR / "la_codes.csv"
    if path.exists():
        ref = pd.read_csv(path, dtype=str)
        lookup.update(
            dict(zip(ref["la_number"].str.strip().str.zfill(3), ref["la_code"].str.strip(), strict=True))
        )
    return lookup


_LA_FOLDER = re.compile(r"^[EWSN]\d{8}$")


def la_from_path(path: Path) -> str | None:
    """An ONS-style LA code named by a folder of the path (the demo's ``<la_code>/extracts/...``)."""
    return next((p.name for p in path.parents if _LA_FOLDER.match(p.name)), None)


def resolve_la(
    file: str, own_number: str | None, la_code: str | None, log: ProblemLog, path: Path | None = None
) -> str | None:
    """The LA of a file: its own LA number (mapped to the ONS code) checked against ``la_code``.

    A file that does not name its LA takes ``la_code``, else an LA code that a folder of its path is
    named after (reported), else it is an error.
    """
    if la_code is None and path is not None and la_from_path(path):
        la_code = la_from_path(path)
        if own_number is None:
            log.add(WARNING, "LA_FROM_PATH", file, f"LA {la_code} taken from the folder name")
    if own_number is None:
        if la_code is None:
            log.add(ERROR, "LA_REQUIRED", file, "this file does not name its LA: give the LA code (--la)")
        return la_code
    own = la_lookup().get(own_number.strip().zfill(3))
    if own is None:
        if la_code is None:
            log.add(
                ERROR,
                "LA_UNKNOWN",
                file,
                f"LA number {own_number} is not in data/reference/la_codes.csv",
                field="LEA",
                value=own_number,
            )
            return None
        log.add(
            WARNING,
            "LA_UNMAPPED",
            file,
            f"LA number {own_number} is not in la_codes.csv; taken as {la_code}",
            field="LEA",
            value=own_number,
        )
        return la_code
    if la_code is not None and own != la_code:
        log.add(
            ERROR,
            "LA_MISMATCH",
            file,
            f"the file is for LA {own_number} ({own}), not {la_code}",
            field="LEA",
            value=own_number,
        )
        return None
    return own


def year_note(log: ProblemLog, file: str, year: int | None, how: str, why: str) -> None:
    """An error when the collection year is unknown; a warning when it was inferred from the dates."""
    if year is None:
        log.add(
            ERROR,
            "YEAR_UNKNOWN",
            file,
            "cannot tell the collection year: put it in the folder or file name (e.g. 2024-25)",
        )
    elif how == "dates":
        log.add(
            WARNING,
            "YEAR_INFERRED",
            file,
            f"collection year {year_label(year)} inferred from the dates "
            f"({why}); put the year in the folder or file name to be sure",
        )


def check_rows(
    raw: pd.DataFrame,
    spec: Spec,
    table: str,
    file: str,
    la: str,
    log: ProblemLog,
    year_end: tuple[int, int] | None = (3, 31),
) -> pd.DataFrame:
    """The field checks of ``table`` in ``spec`` on ``raw``; the typed rows carry la_code and source_file."""
    typed = check_table(raw, spec.tables[table], spec, file=file, log=log, year_end=year_end)
    return typed.assign(la_code=la, source_file=file)


def latest_date_year(raw: pd.DataFrame, column: str, formats: tuple[str, ...], end_month: int = 3):
    """(collection year of the latest ``column`` date, why), for a return whose year nothing else names."""
    dates = parse_dates(clean_text(raw[column]), formats).dropna() if column in raw else pd.Series([])
    if not len(dates):
        return None, ""
    latest = dates.max()
    return latest.year + (latest.month > end_month), f"latest {column} is {latest:%d/%m/%Y}"


def read_table(path: Path, tspec: TableSpec, log: ProblemLog) -> pd.DataFrame | None:
    """One CSV of a one-table layout as text, headings matched to the specification's and renamed to its
    fields (a missing required heading is an error: None)."""
    raw = read_csv_text(path, log)
    if raw is None:
        return None
    headings = tspec.file_columns
    required = [h for h, f in zip(headings, tspec.fields.values(), strict=True) if f.required]
    raw = align_columns(raw, headings, required, path.name, log)
    if raw is None:
        return None
    return raw.rename(columns=tspec.columns)
