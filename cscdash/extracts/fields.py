"""Field-level checks and typing, applied to a whole column at once.

Readers hand over text exactly as found in the file; this module trims it, types it (dates, whole
numbers, flags, codes) and records a problem for every value that does not fit the year's
specification. It works column by column with pandas (no Python loop over rows), because a real
authority's history is millions of rows.

Severity policy (the same for every return):
- errors (the load stops): a required value blank, a value of the wrong type, a date not in dd/mm/yyyy
  (or the ISO form the XML returns use), a code that no year's list has, an id too long or holding a
  character outside :data:`ID_PATTERN`;
- warnings (loaded, and listed on the Data quality page): a code valid in other years but not this one,
  a number outside its plausible range, a date after the end of the collection year or before 1900, a
  partial date that cannot be read.
"""

from __future__ import annotations

import re

import pandas as pd

from cscdash.extracts.problems import ERROR, WARNING, ProblemLog, dfe_message
from cscdash.extracts.spec import FieldSpec, Spec, TableSpec

FLAG_VALUES = {"0": 0, "1": 1, "0.0": 0, "1.0": 1, "FALSE": 0, "TRUE": 1}
BOOL_VALUES = {
    "TRUE": True,
    "1": True,
    "Y": True,
    "YES": True,
    "FALSE": False,
    "0": False,
    "N": False,
    "NO": False,
    "1.0": True,
    "0.0": False,
}
PARTIAL_DATE = r"^(?:\d{1,2}|zz)/(?:\d{1,2}|zz)/(?:\d{4}|zzzz)$"
EARLIEST = pd.Timestamp("1900-01-01")
#: What an identifier (CHILD, LAchildID, Child Unique ID, SWENo, Contact ID) may hold. The DfE's
#: child-level data standard (children-in-social-care-schemas, openapi.json) gives ``la_child_id`` as
#: ``[A-Za-z0-9]+`` of at most 20 and its other ids as ``[A-Za-z0-9_-]*``; the SSDA903 schema calls CHILD
#: "alphanumeric"; the workforce XSD's SWENo is two letters and ten digits. Ids are kept, joined and exported
#: as text, so anything else (a quote, comma, tab, ``<``, ``|``, a control character, a leading ``=``, ``+``,
#: ``-`` or ``@`` that a spreadsheet runs as a formula) is refused. ``_`` and ``-`` are allowed after the
#: first character because published samples use them (``RULE1_BAD``, ``child_fails_assessments``) and
#: the standard allows them in its other ids.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
ID_ALLOWED = (
    "letters A-Z and a-z, digits 0-9, hyphens (-) and underscores (_), starting with a letter or digit"
)


def clean_text(s: pd.Series) -> pd.Series:
    """Trimmed strings with blanks as missing (an empty cell is null; '0' is not)."""
    s = s.astype("string").str.strip()
    return s.mask(s == "")


def parse_dates(s: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    """Parse with each accepted format in turn; values no format reads stay NaT."""
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
    for fmt in formats:
        todo = out.isna() & s.notna()
        if not todo.any():
            break
        out[todo] = pd.to_datetime(s[todo], format=fmt, errors="coerce")
    return out


def year_label(year: int) -> str:
    """2025 -> '2024-25', the way the DfE names a collection year."""
    return f"{year - 1}-{year % 100:02d}"


def check_table(
    raw: pd.DataFrame,
    table: TableSpec,
    spec: Spec,
    *,
    file: str,
    log: ProblemLog,
    year_end: tuple[int, int] | None = (3, 31),
) -> pd.DataFrame:
    """Check and type every field of ``table`` in ``raw`` (text columns named by field).

    ``raw`` must carry ``source_row`` (int or 'ELEMENT line n' text) and ``collection_year`` (int per row).
    Returns the typed frame: the table's fields in spec order, then ``collection_year``, ``source_row`` and
    ``row_ref`` (how problems name the row).
    Fields absent from ``raw`` come back as nulls (or the field's ``default``, as blank cells do).
    """
    years = raw["collection_year"].astype("int64")
    rows = raw["row_ref"] if "row_ref" in raw.columns else raw["source_row"]
    ends = _year_ends(years, year_end)
    typed = {}
    for name, fspec in table.fields.items():
        if name in raw.columns:
            s = clean_text(raw[name])
        else:
            s = pd.Series(pd.NA, index=raw.index, dtype="string")
        if fspec.default is not None:
            s = s.fillna(fspec.default)
        typed[name] = _check_field(s, fspec, spec, years=years, rows=rows, ends=ends, file=file, log=log)
    out = pd.DataFrame(typed, index=raw.index)
    out["collection_year"] = years
    out["source_row"] = raw["source_row"]
    out["row_ref"] = rows.map(_row_label)
    return out


def _row_label(ref: object) -> str:
    return ref if isinstance(ref, str) else f"row {ref}"


def _year_ends(years: pd.Series, year_end: tuple[int, int] | None) -> pd.Series | None:
    if year_end is None:
        return None
    month, day = year_end
    lookup = {int(y): pd.Timestamp(int(y), month, day) for y in years.unique()}
    return years.map(lookup)


def _check_field(
    s: pd.Series,
    f: FieldSpec,
    spec: Spec,
    *,
    years: pd.Series,
    rows: pd.Series,
    ends: pd.Series | None,
    file: str,
    log: ProblemLog,
) -> pd.Series:
    if f.required:
        blank = s.isna()
        if blank.any():
            log.add_rows(ERROR, "REQUIRED", file, f"{f.name} is required but is blank", rows[blank], f.name)
    checker = _CHECKERS.get(f.type, _check_text)
    return checker(s, f, spec, years=years, rows=rows, ends=ends, file=file, log=log)


def _invalid(log: ProblemLog, file: str, f: FieldSpec, rows: pd.Series, values: pd.Series, what: str) -> None:
    """Report invalid values in the DfE's words when the field has a DfE rule, else ours."""
    if not len(rows):
        return
    ours = {"code": "CODE", "date": "DATE_FORMAT", "datetime": "DATE_FORMAT", "id": "ID_CHARACTERS"}
    rule = f.rule or ours.get(f.type, "TYPE")
    message = dfe_message(rule, f"{f.name} is not valid.") if f.rule else f"{f.name} is not valid."
    log.add_rows(f.invalid, rule, file, f"{message} {what}".strip(), rows, f.name, values)


def _check_text(s, f, spec, *, years, rows, ends, file, log):
    return s


def _check_id(s, f, spec, *, years, rows, ends, file, log):
    """An id too long or holding a character outside ID_PATTERN is an error: ids are the keys every table
    joins on and are written back out to CSV, where ``=cmd|calc!A1`` would run as a spreadsheet formula."""
    if f.max_length:
        long = s.str.len() > f.max_length
        if long.any():
            log.add_rows(
                ERROR,
                "ID_LENGTH",
                file,
                f"{f.name} is longer than {f.max_length} characters",
                rows[long],
                f.name,
                s[long],
            )
    bad = s.notna() & ~s.str.fullmatch(ID_PATTERN.pattern).fillna(True).astype(bool)
    _invalid(log, file, f, rows[bad], s[bad], f"An identifier may hold only {ID_ALLOWED}.")
    return s


def _check_date(s, f, spec, *, years, rows, ends, file, log):
    out = parse_dates(s, spec.date_formats)
    bad = s.notna() & out.isna()
    _invalid(log, file, f, rows[bad], s[bad], "A date must be written dd/mm/yyyy.")
    early = out < EARLIEST
    if early.any():
        log.add_rows(WARNING, "DATE_RANGE", file, f"{f.name} is before 1900", rows[early], f.name, s[early])
    if ends is not None and not f.future_ok:
        late = out > ends
        if late.any():
            log.add_rows(
                WARNING,
                "DATE_AFTER_YEAR",
                file,
                f"{f.name} is after the end of the collection year",
                rows[late],
                f.name,
                s[late],
            )
    return out


def _check_datetime(s, f, spec, *, years, rows, ends, file, log):
    out = parse_dates(s, spec.date_formats)
    bad = s.notna() & out.isna()
    _invalid(log, file, f, rows[bad], s[bad], "Expected dd/mm/yyyy hh:mm.")
    return out


def _check_partial_date(s, f, spec, *, years, rows, ends, file, log):
    bad = s.notna() & ~s.str.fullmatch(PARTIAL_DATE, case=False).fillna(False).astype(bool)
    if bad.any():
        log.add_rows(
            WARNING,
            "DATE_FORMAT",
            file,
            f"{f.name} is not a date or partial date (zz/mm/yyyy)",
            rows[bad],
            f.name,
            s[bad],
        )
    return s


def _check_code(s, f, spec, *, years, rows, ends, file, log):
    """A code of the year's list passes; a code of another year's list (a council re-extracting an old
    year with today's codes, or still using a retired code) is a warning; any other value is an error."""
    up = s.str.upper()
    aliases = spec.aliases(f.codes) if f.codes else {}
    if aliases:
        up = up.replace(aliases)
    if not f.codes:
        return up
    ever = spec.all_codes(f.codes)
    never = up.notna() & ~up.isin(ever)
    if never.any():
        _invalid(log, file, f, rows[never], s[never], f"Allowed: {', '.join(sorted(ever))}.")
    for year in sorted(years[up.notna() & ~never].unique()):
        allowed = spec.codes(f.codes, int(year))
        other = (years == year) & up.notna() & ~never & ~up.isin(allowed)
        if other.any():
            log.add_rows(
                WARNING,
                "CODE_YEAR",
                file,
                f"{f.name} code is valid in other years but not in {year_label(int(year))} "
                f"(that year allows {', '.join(sorted(allowed))})",
                rows[other],
                f.name,
                s[other],
            )
    return up


def _check_flag(s, f, spec, *, years, rows, ends, file, log):
    up = s.str.upper()
    out = up.map(FLAG_VALUES).astype("Int64")
    bad = up.notna() & out.isna()
    _invalid(log, file, f, rows[bad], s[bad], "It must be 0 or 1.")
    return out


def _check_bool(s, f, spec, *, years, rows, ends, file, log):
    up = s.str.upper()
    out = up.map(BOOL_VALUES).astype("boolean")
    bad = up.notna() & out.isna()
    _invalid(log, file, f, rows[bad], s[bad], "It must be true/false, 1/0 or Y/N.")
    return out


def _check_number(s, f, spec, *, years, rows, ends, file, log):
    num = pd.to_numeric(s, errors="coerce")
    bad = s.notna() & num.isna()
    whole = f.type == "int"
    if whole:
        bad |= num.notna() & (num % 1 != 0)
    _invalid(
        log, file, f, rows[bad], s[bad], "It must be a whole number." if whole else "It must be a number."
    )
    num = num.mask(bad)
    if f.range is not None:
        low, high = f.range
        out = num.notna() & ((num < low) | (num > high))
        if out.any():
            log.add_rows(
                WARNING,
                "RANGE",
                file,
                f"{f.name} is outside the plausible range {low:g} to {high:g}",
                rows[out],
                f.name,
                s[out],
            )
    return num.astype("Int64") if whole else num.astype("Float64")


_CHECKERS = {
    "text": _check_text,
    "id": _check_id,
    "date": _check_date,
    "datetime": _check_datetime,
    "partial_date": _check_partial_date,
    "code": _check_code,
    "flag": _check_flag,
    "bool": _check_bool,
    "int": _check_number,
    "decimal": _check_number,
}
