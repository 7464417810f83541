"""Ofsted Annex A list 1 (contacts), from the workbook or a CSV, to ``annexa_contacts``.

Real Annex A files are typed by hand or exported from several systems, so headings and values are
matched tolerantly: a heading matches the Ofsted heading exactly (ignoring case and spacing) or one of
the patterns of ``specs/annex_a.yml``; a value matches the first pattern of its column (``Female``,
``b) Female``, ``F`` all become ``F``). Patterns come from the Annex A data maps of Social Finance's
liia-tools, which were built from the spellings real councils' files use. A value no pattern matches
is an error naming the file, row, column and the options.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from cscdash.extracts import xlsx_reader
from cscdash.extracts.fields import clean_text
from cscdash.extracts.pooled import POOLED_COLUMNS
from cscdash.extracts.problems import ERROR, WARNING, ProblemLog
from cscdash.extracts.spec import SPEC_DIR, FieldSpec, Spec, TableSpec
from cscdash.extracts.text_files import read_csv_text


@cache
def _config() -> dict:
    return yaml.safe_load((SPEC_DIR / "annex_a.yml").read_text(encoding="utf-8"))


@cache
def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().lower()


@cache
def contacts_spec() -> Spec:
    """The list 1 columns as a table specification (types and required) for the common field checks."""
    cols = _config()["columns"]
    fields = {
        c["column"]: FieldSpec(
            name=c["column"],
            type=c["type"] if c["type"] != "code" else "text",
            required=bool(c.get("required")),
            range=tuple(c["range"]) if c.get("range") else None,
        )
        for c in cols.values()
    }
    # A repeated Contact ID with other values keeps the file's last row, with a warning.
    table = TableSpec(name="contacts", key=("contact_id",), fields=fields, duplicates="warning")
    return Spec(
        name="annex_a",
        tables={"contacts": table},
        code_lists={},
        date_formats=tuple(_config()["date_formats"]),
        raw=_config(),
    )


def match_headings(headings: list[str], columns: dict | None = None) -> dict[str, str]:
    """Heading in the file -> raw-table column, for the columns found (list 1's unless ``columns`` given).

    ``columns`` is a ``columns`` mapping of an Annex A specification (Ofsted heading -> column, header_regex).
    """
    found: dict[str, str] = {}
    taken: set[str] = set()
    cols = _config()["columns"] if columns is None else columns
    for ofsted, c in cols.items():  # exact (case/space-insensitive) matches first
        for h in headings:
            if h not in found and _squash(h) == _squash(ofsted):
                found[h] = c["column"]
                taken.add(ofsted)
    for ofsted, c in cols.items():
        if ofsted in taken:
            continue
        for h in headings:
            if h not in found and any(re.search(p, _squash(h), re.I) for p in c["header_regex"]):
                found[h] = c["column"]
                break
    return found


def looks_like_list1(headings: list[str]) -> bool:
    """True when the headings hold at least a child id and a contact date (Annex A list 1)."""
    cols = set(match_headings(headings).values())
    return {"child_id", "contact_date"} <= cols


def list1_sheet(path: Path) -> str | None:
    """The workbook's list 1 (contacts) sheet, if it has one."""
    return _pick_sheet(path)


def _pick_sheet(path: Path) -> str | None:
    names = xlsx_reader.sheet_names(path)
    for pattern in _config()["sheet_regex"]:
        for name in names:
            if re.search(pattern, name, re.I):
                return name
    return None


def read(path: Path, log: ProblemLog) -> pd.DataFrame | None:
    """List 1 as text, headings renamed to the raw-table columns; None (with a problem) if not found."""
    name = path.name
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            return _read_workbook(path, log)
        except xlsx_reader.ERRORS as exc:
            log.add(
                ERROR,
                "FILE_MALFORMED",
                name,
                f"the workbook cannot be read ({type(exc).__name__}): save it again from Excel as .xlsx",
            )
            return None
    raw = read_csv_text(path, log)
    if raw is None:
        return None
    return _match_columns(raw, name, log)


def _read_workbook(path: Path, log: ProblemLog) -> pd.DataFrame | None:
    """The list 1 sheet of a workbook as text, with spreadsheet row numbers."""
    name = path.name
    sheet = _pick_sheet(path)
    if sheet is None:
        log.add(ERROR, "FILE_LAYOUT", name, "the workbook has no Annex A list 1 (contacts) sheet")
        return None
    raw = sheet_frame(path, sheet, log)
    if raw is None:
        return None
    return _match_columns(raw, name, log)


def sheet_frame(path: Path, sheet: str, log: ProblemLog) -> pd.DataFrame | None:
    """One sheet as text under its own headings, with ``source_row`` and ``row_ref`` ('List 8 row 5')."""
    name = path.name
    rows = xlsx_reader.read_sheet(path, sheet)
    if len(rows) < 2:
        log.add(ERROR, "FILE_NO_ROWS", name, f"sheet {sheet!r} has a heading row but no data rows")
        return None
    (head_number, heads), body = rows[0], rows[1:]
    heads = [h.strip() for h in heads]
    width = len(heads)
    raw = pd.DataFrame([(cells + [""] * width)[:width] for _, cells in body], columns=heads, dtype="string")
    numbers = [n for n, _ in body]
    return raw.assign(
        source_row=[n - head_number for n in numbers], row_ref=[f"{sheet} row {n}" for n in numbers]
    )


def _match_columns(raw: pd.DataFrame, name: str, log: ProblemLog) -> pd.DataFrame | None:
    """Headings renamed to the raw-table columns; a pooled file's ``LA`` and ``YEAR`` are kept as they are
    (:mod:`cscdash.extracts.pooled` splits the rows by them)."""
    ours = {"source_row", "row_ref", *POOLED_COLUMNS}
    found = match_headings([c for c in raw.columns if c not in ours])
    for heading in raw.columns:
        if heading not in found and heading not in ours:
            log.add(
                WARNING,
                "HEADING_UNKNOWN",
                name,
                f"column {heading!r} is not part of list 1 and is ignored",
                field=heading,
            )
    for ofsted, c in _config()["columns"].items():
        if c.get("required") and c["column"] not in found.values():
            log.add(
                ERROR,
                "MISSING_COLUMN",
                name,
                f"required column {ofsted!r} is missing",
                row_ref="heading row",
                field=ofsted,
            )
            return None
    keep = [c for c in raw.columns if c in found or c in ours]
    return raw[keep].rename(columns=found)


def normalise_values(df: pd.DataFrame, file: str, log: ProblemLog) -> pd.DataFrame:
    """Option labels to codes (Gender -> M/F/U, Ethnicity -> WBRI ..., Contact Source -> 1A ...)."""
    df = df.copy()
    rows = df["row_ref"] if "row_ref" in df else df["source_row"]
    for ofsted, c in _config()["columns"].items():
        col = c["column"]
        if "values" not in c or col not in df:
            continue
        s = clean_text(df[col])
        lookup = {v: _match(v, c["values"]) for v in s.dropna().unique()}
        mapped = s.map(lookup)
        bad = s.notna() & mapped.isna()
        if bad.any():
            options = ", ".join(v.get("ofsted", v["code"]) for v in c["values"])
            log.add_rows(
                ERROR,
                "CODE",
                file,
                f"{ofsted} value is not one of the Ofsted options ({options})",
                rows[bad],
                ofsted,
                s[bad],
            )
        df[col] = mapped.astype("string")
    if "age_years" in df:
        age = pd.to_numeric(clean_text(df["age_years"]), errors="coerce")
        df["age_years"] = (
            age.where(age.isna(), age // 1)
            .astype("Float64")
            .astype("string")
            .str.replace(r"\.0$", "", regex=True)
        )
    return df


def _match(value: str, rules: list[dict]) -> str | None:
    text = str(value).strip()
    for rule in rules:
        if any(re.search(p, text, re.I) for p in rule["regex"]):
            return str(rule["code"])
    return None


def contact_ids(df: pd.DataFrame) -> pd.Series:
    """``Contact ID`` when the file has one, else child|date|source|n (the raw-table contract, plus n).

    Several contacts about one child on one day from one source are common and all count, so the n-th
    such contact in the file gets ``|n``; the same file loaded again gives the same ids.
    """
    base = (
        df["child_id"].astype("string")
        + "|"
        + df["contact_date"].dt.strftime("%Y-%m-%d").astype("string")
        + "|"
        + df["contact_source"].astype("string").fillna("")
    )
    fallback = base + "|" + (base.groupby(base, dropna=False).cumcount() + 1).astype("string")
    if "contact_id" in df:
        return df["contact_id"].astype("string").fillna(fallback)
    return fallback
