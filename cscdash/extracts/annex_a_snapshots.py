"""Ofsted Annex A lists 8 (children in care) and 9 (care leavers): snapshots of one date.

Unlike list 1, which is a year of events, these lists say who was in care, or a care leaver, on one day,
so every file is a snapshot and the snapshot date (from the file name, ``annex_a_list9_2025-03-31.csv``)
is part of each row's key. Loading a snapshot again replaces the whole snapshot (the store's
``replace_by``), so a child removed from the corrected file disappears from that date.

Headings and option labels are matched as list 1's are (:mod:`cscdash.extracts.annex_a`), from the rules
in ``specs/annex_a_snapshots.yml``: real Annex A files are typed by hand and exported from several systems.
The checks here are the ones only a snapshot has: a child twice on one date, a date of birth after the
snapshot, care ceasing before it started, dates after the snapshot date.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from cscdash.extracts import annex_a, integrity, xlsx_reader
from cscdash.extracts.fields import check_table, clean_text
from cscdash.extracts.problems import ERROR, WARNING, ProblemLog
from cscdash.extracts.spec import SPEC_DIR, FieldSpec, Spec, TableSpec, load_spec

LISTS = ("8", "9")
#: Raw table of each list.
RAW_TABLES = {"8": "annexa_cla", "9": "annexa_care_leavers"}
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_COMPACT_DATE = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_BOOKKEEPING = ("source_row", "row_ref")


@cache
def _config() -> dict:
    return yaml.safe_load((SPEC_DIR / "annex_a_snapshots.yml").read_text(encoding="utf-8"))


def list_config(list_no: str) -> dict:
    """The YAML of one list (``'8'`` or ``'9'``): table, sheet_regex, recognise_by, order, columns."""
    return _config()["lists"][list_no]


def columns(list_no: str) -> dict[str, dict]:
    """Ofsted heading -> column rules of one list, with ``values_from`` and ``codes_from`` resolved."""
    return _resolved_columns(list_no)


@cache
def _resolved_columns(list_no: str) -> dict[str, dict]:
    list1 = annex_a._config()["columns"]
    out = {}
    for heading, rule in list_config(list_no)["columns"].items():
        rule = dict(rule)
        if "values_from" in rule:
            rule["values"] = list1[rule["values_from"]]["values"]
        if "codes_from" in rule:
            source = rule["codes_from"]
            rule["leading_codes"] = sorted(load_spec(source["spec"]).all_codes(source["list"]))
        out[heading] = rule
    return out


@cache
def snapshot_spec(list_no: str) -> Spec:
    """One list's columns as a table specification (types, required) for the common field checks."""
    fields = {
        c["column"]: FieldSpec(
            name=c["column"],
            type="text" if c["type"] == "code" else c["type"],
            required=bool(c.get("required")),
            range=tuple(c["range"]) if c.get("range") else None,
            max_length=c.get("max_length"),
        )
        for c in columns(list_no).values()
    }
    table = TableSpec(name=f"list {list_no}", key=("la_code", "snapshot_date", "child_id"), fields=fields)
    return Spec(
        name="annex_a_snapshots",
        tables={list_no: table},
        code_lists={},
        date_formats=tuple(_config()["date_formats"]),
        raw=_config(),
    )


def snapshot_date(name: str) -> date | None:
    """The date in a file name: ``YYYY-MM-DD`` or ``YYYYMMDD`` anywhere in it (the first real date)."""
    for pattern in (_ISO_DATE, _COMPACT_DATE):
        for y, m, d in pattern.findall(name):
            try:
                return date(int(y), int(m), int(d))
            except ValueError:
                continue
    return None


def collection_year(day: date) -> int:
    """The DfE year (1 April - 31 March, named by its end) that contains ``day``."""
    return day.year + (day.month > 3)


def csv_list(headings: list[str]) -> str | None:
    """'8' or '9' when a CSV's headings are list 8's or list 9's (by their distinctive ones), else None."""
    best, best_count = None, 0
    for list_no in LISTS:
        found = set(_matched(tuple(headings), list_no).values())
        count = len(found & set(list_config(list_no)["recognise_by"]))
        if count > best_count:
            best, best_count = list_no, count
    return best


def workbook_sheets(path: Path) -> dict[str, str]:
    """List number -> sheet name for each of lists 1, 8 and 9 the workbook holds."""
    names = xlsx_reader.sheet_names(path)
    found: dict[str, str] = {}
    for list_no in LISTS:
        for pattern in list_config(list_no)["sheet_regex"]:
            hit = next((n for n in names if re.search(pattern, n, re.I) and n not in found.values()), None)
            if hit is not None:
                found[list_no] = hit
                break
    list1 = annex_a.list1_sheet(path)
    if list1 is not None and list1 not in found.values():
        found["1"] = list1
    return found


@cache
def _matched(headings: tuple[str, ...], list_no: str) -> dict[str, str]:
    """Heading -> column; cached because every month's file of a history has the same heading row."""
    return annex_a.match_headings(list(headings), columns(list_no))


def match_columns(raw: pd.DataFrame, list_no: str, name: str, log: ProblemLog) -> pd.DataFrame | None:
    """Headings renamed to raw-table columns, unknown ones warned about; None if a required one is missing."""
    heads = [c for c in raw.columns if c not in _BOOKKEEPING and str(c).strip()]
    cols = columns(list_no)
    found = _matched(tuple(heads), list_no)
    for heading in heads:
        if heading not in found:
            log.add(
                WARNING,
                "HEADING_UNKNOWN",
                name,
                f"column {heading!r} is not part of list {list_no} and is ignored",
                field=heading,
            )
    missing = [o for o, c in cols.items() if c.get("required") and c["column"] not in found.values()]
    for ofsted in missing:
        log.add(
            ERROR,
            "MISSING_COLUMN",
            name,
            f"required column {ofsted!r} of Annex A list {list_no} is missing",
            row_ref="heading row",
            field=ofsted,
        )
    if missing:
        return None
    keep = [c for c in raw.columns if c in found or c in _BOOKKEEPING]
    return raw[keep].rename(columns=found)


def normalise_values(df: pd.DataFrame, list_no: str, file: str, log: ProblemLog) -> pd.DataFrame:
    """Option labels to codes ('f) Long-term fostering' -> long_term_fostering, 'C2: FCO' -> C2, 'b) No' -> N)

    A value no rule matches is an error naming the file, row, column and the options.
    """
    df = df.copy()
    rows = df["row_ref"] if "row_ref" in df else df["source_row"]
    for ofsted, c in columns(list_no).items():
        col = c["column"]
        if col not in df or not ("values" in c or "leading_codes" in c):
            continue
        s = clean_text(df[col])
        lookup = {v: _match(v, c) for v in s.dropna().unique()}
        mapped = s.map(lookup).astype("string")  # None: no option matched; '': a deliberate blank
        bad = s.notna() & mapped.isna()
        if bad.any():
            log.add_rows(
                ERROR,
                "CODE",
                file,
                f"{ofsted} value is not one of the Ofsted options ({_options(c)})",
                rows[bad],
                ofsted,
                s[bad],
            )
        df[col] = clean_text(mapped)
    if "age_years" in df:  # ages are often exported with decimals (19.08): whole years
        age = pd.to_numeric(clean_text(df["age_years"]), errors="coerce")
        whole = age.where(age.isna(), age // 1).astype("Float64").astype("string")
        df["age_years"] = whole.str.replace(r"\.0$", "", regex=True).where(age.notna(), df["age_years"])
    return df


def _options(rule: dict) -> str:
    labels = list(dict.fromkeys(v.get("ofsted", str(v["code"])) for v in rule.get("values", [])))
    if "leading_codes" in rule:
        labels.append("or a code: " + ", ".join(rule["leading_codes"]))
    return ", ".join(labels)


@cache
def _leading_pattern(codes: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True))
    return re.compile(rf"^(?:[a-z]{{1,2}}\)\s*)?({alternatives})(?=$|[\s:\-)])", re.I)


def _match(value: str, rule: dict) -> str | None:
    """The code for one distinct value: '' for a deliberate blank (c) Unknown), None when nothing matches."""
    text = str(value).strip()
    if "leading_codes" in rule:
        hit = _leading_pattern(tuple(str(c) for c in rule["leading_codes"])).match(text)
        if hit:
            return hit.group(1).upper()
    for option in rule.get("values", []):
        if any(re.search(p, text, re.I) for p in option["regex"]):
            return "" if option["code"] is None else str(option["code"])
    return None


def typed(frames: list[pd.DataFrame], list_no: str, log: ProblemLog) -> pd.DataFrame:
    """Type and check every file's rows of one list at once; the rows as the raw table wants them.

    Each frame is one file's rows (text, headings matched) with ``la_code``, ``source_file``,
    ``snapshot_date`` and ``collection_year``. A month-end history is dozens of small files, and the
    column-at-a-time checks cost about the same for 500 rows as for 50,000, so the files are typed together.
    Those checks name one file per call: when the batch finds any problem it is typed again file by file,
    so every problem names its own file (clean files, the usual case, take the fast path).
    """
    spec = snapshot_spec(list_no)
    table = spec.tables[list_no]
    batch = pd.concat(frames, ignore_index=True)
    scratch = ProblemLog()
    out = _typed_part(batch, list_no, spec, "", scratch)
    if scratch.items:
        out = pd.concat(
            [_typed_part(part, list_no, spec, str(file), log) for file, part in batch.groupby("source_file")],
            ignore_index=False,
        ).sort_index()
    out = out.assign(
        la_code=batch["la_code"], source_file=batch["source_file"], snapshot_date=batch["snapshot_date"]
    )
    _check_dates(out, list_no, log)
    return integrity.drop_duplicates(out, table, log)


def _typed_part(raw: pd.DataFrame, list_no: str, spec: Spec, file: str, log: ProblemLog) -> pd.DataFrame:
    raw = normalise_values(raw, list_no, file, log)
    return check_table(raw, spec.tables[list_no], spec, file=file, log=log, year_end=None)


def _check_dates(df: pd.DataFrame, list_no: str, log: ProblemLog) -> None:
    """Dates after the snapshot date (an error for a date of birth), and end dates before start dates."""
    for c in columns(list_no).values():
        if c["type"] != "date":
            continue
        col = c["column"]
        late = df[col] > df["snapshot_date"]
        if late.any():
            severity = c.get("after_snapshot", WARNING)
            rule = "BIRTH_AFTER_SNAPSHOT" if severity == ERROR else "DATE_AFTER_SNAPSHOT"
            message = f"{col} is after the snapshot date (the date in the file name)"
            integrity.report(log, severity, rule, message, df[late.fillna(False)], col, col)
    for pair in list_config(list_no).get("order", []):
        integrity.check_order(log, df, pair["start"], pair["end"], pair["rule"], pair["message"])


def check_one_file_per_snapshot(frames: list[pd.DataFrame], list_no: str, log: ProblemLog) -> None:
    """Two files giving the same list for the same LA and date in one load: which one is meant is unknown."""
    seen: dict[tuple[str, pd.Timestamp], str] = {}
    for df in frames:
        for (la, day), part in df.groupby(["la_code", "snapshot_date"], sort=False):
            file = str(part["source_file"].iloc[0])
            first = seen.setdefault((str(la), day), file)
            if first != file:
                log.add(
                    ERROR,
                    "SNAPSHOT_TWICE",
                    file,
                    f"Annex A list {list_no} for {day:%d/%m/%Y} is also given by {first}: load one of them",
                )
