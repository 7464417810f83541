"""Row-level and cross-table checks within one return, after the field checks have typed the values.

- duplicates: an identical row twice is dropped with a warning; the same key twice with different
  values (the same child with two dates of birth, the same episode twice) is an error, except in tables
  whose specification says ``duplicates: warning`` (then the last row of the file is kept);
- dates in order: an episode ending before it starts, starting before the child's birth, a missing
  period, plan or assessment ending before it starts;
- cross-table: every child of a module is in the header (SSDA903) or child table (CIN), and the date of
  birth a module repeats agrees with the header's;
- overlapping episodes within one return (DfE rule 501) are warnings: they are common in real
  extracts, and the multi-year stitch (:mod:`cscdash.extracts.stitch`) reports what it cannot resolve.

DfE rule codes and wording are used where the rule is one of theirs.
"""

from __future__ import annotations

import pandas as pd

from cscdash.extracts.problems import ERROR, WARNING, ProblemLog, dfe_message
from cscdash.extracts.spec import TableSpec

BOOKKEEPING = ["collection_year", "source_row", "row_ref", "source_file"]


def report(
    log: ProblemLog,
    severity: str,
    rule: str,
    message: str,
    rows: pd.DataFrame,
    field: str,
    value_col: str | None = None,
) -> None:
    """Record one problem per offending row, grouped by the file each row came from."""
    if rows.empty:
        return
    for file, part in rows.groupby("source_file", sort=False):
        values = None
        if value_col:
            col = part[value_col]
            is_date = pd.api.types.is_datetime64_any_dtype(col)
            values = col.dt.strftime("%d/%m/%Y") if is_date else col.astype("string")
        log.add_rows(severity, rule, str(file), message, part["row_ref"], field, values)


def drop_duplicates(df: pd.DataFrame, tspec: TableSpec, log: ProblemLog) -> pd.DataFrame:
    """One row per key within a return (see module docstring for the rules)."""
    key = [k for k in tspec.key if k in df.columns]
    data_cols = [c for c in df.columns if c not in BOOKKEEPING]
    exact = df.duplicated(subset=data_cols + ["collection_year"], keep="first")
    if exact.any():
        report(
            log,
            WARNING,
            "DUPLICATE_ROW",
            f"the same {tspec.name} row appears twice; the copy is ignored",
            df[exact],
            ",".join(key),
        )
        df = df[~exact]
    clash = df.duplicated(subset=key + ["collection_year"], keep=False)
    if not clash.any():
        return df
    clashing = df[clash]
    if tspec.duplicates == ERROR:
        what = "child" if list(tspec.key) in (["CHILD"], ["LAchildID"]) else "record"
        differs = [
            c
            for c in data_cols
            if c not in key and clashing.groupby(key)[c].nunique(dropna=False).gt(1).any()
        ]
        message = (
            f"the same {what} appears more than once in {tspec.name} with different "
            f"{', '.join(differs) or 'values'} (key {', '.join(key)})"
        )
        report(log, ERROR, "DUPLICATE_KEY", message, clashing, ",".join(key), key[-1])
        return df
    report(
        log,
        WARNING,
        "DUPLICATE_KEY",
        f"{', '.join(key)} appears more than once in {tspec.name} with different values; "
        "the last row is kept",
        clashing,
        ",".join(key),
        key[-1],
    )
    return df.drop_duplicates(subset=key + ["collection_year"], keep="last")


def check_order(
    log: ProblemLog,
    df: pd.DataFrame | None,
    start: str,
    end: str,
    rule: str,
    message: str,
    severity: str = ERROR,
    allow_equal: bool = True,
) -> None:
    """``end`` must not be before ``start`` (nor equal, when ``allow_equal`` is False)."""
    if df is None or start not in df or end not in df:
        return
    bad = df[end] < df[start] if allow_equal else df[end] <= df[start]
    report(log, severity, rule, dfe_message(rule, message), df[bad.fillna(False)], end, end)


def check_in_parent(
    log: ProblemLog,
    child: pd.DataFrame | None,
    parent: pd.DataFrame | None,
    key: str,
    table: str,
    parent_table: str,
    rule: str,
) -> None:
    """Every ``key`` of ``child`` must be in ``parent`` (skipped when the return has no parent table)."""
    if child is None or parent is None:
        return
    orphan = ~child[key].isin(parent[key])
    report(
        log,
        ERROR,
        rule,
        f"{key} in {table} is not in {parent_table} of the same return",
        child[orphan],
        key,
        key,
    )


def check_same_dob(
    log: ProblemLog,
    module: pd.DataFrame | None,
    header: pd.DataFrame | None,
    table: str,
    module_raw_dob: pd.Series | None,
) -> None:
    """A module's DOB must equal the header's (the DfE's INT11-INT18 checks); reported as a warning."""
    if module is None or header is None or module_raw_dob is None:
        return
    merged = (
        module[["CHILD", "source_file", "row_ref"]]
        .assign(DOB=module_raw_dob.values)
        .merge(header[["CHILD", "DOB"]].rename(columns={"DOB": "HEADER_DOB"}), on="CHILD", how="inner")
    )
    bad = merged["DOB"].notna() & merged["HEADER_DOB"].notna() & (merged["DOB"] != merged["HEADER_DOB"])
    report(log, WARNING, "INT_DOB", f"DOB in {table} differs from DOB in header", merged[bad], "DOB", "DOB")


def check_overlaps(
    log: ProblemLog,
    df: pd.DataFrame,
    who: str,
    start: str,
    end: str,
    rule: str,
    message: str,
    severity: str = WARNING,
) -> None:
    """Periods of the same child that overlap: the next one starts before this one ended (or while open)."""
    if df.empty:
        return
    s = df.sort_values([who, start])
    nxt_start = s.groupby(who, sort=False)[start].shift(-1)
    bad = nxt_start.notna() & (s[end].isna() | (nxt_start < s[end]))
    report(log, severity, rule, dfe_message(rule, message), s[bad.fillna(False)], end, end)


def check_903(tables: dict[str, pd.DataFrame], dobs: dict[str, pd.Series], log: ProblemLog) -> None:
    """SSDA903 checks within one return (``tables`` typed, keyed by table name)."""
    header, episodes = tables.get("header"), tables.get("episodes")
    for name, df in tables.items():
        if name != "header":
            check_in_parent(log, df, header, "CHILD", name, "header", "INT_CHILD")
            check_same_dob(log, df, header, name, dobs.get(name))
    if episodes is not None:
        check_order(log, episodes, "DECOM", "DEC", "356", "the episode ends before it starts")
        same_day = episodes["DEC"] == episodes["DECOM"]
        report(
            log,
            WARNING,
            "EPISODE_SAME_DAY",
            "the episode starts and ends on the same day",
            episodes[same_day.fillna(False)],
            "DEC",
            "DEC",
        )
        one_only = episodes["DEC"].isna() != episodes["REC"].isna()
        report(
            log,
            WARNING,
            "148",
            dfe_message("148", "DEC and REC must both be present or both blank"),
            episodes[one_only],
            "DEC",
            "DEC",
        )
        check_overlaps(
            log, episodes, "CHILD", "DECOM", "DEC", "501", "the next episode starts before this ends"
        )
        if header is not None:
            born = episodes.merge(header[["CHILD", "DOB"]], on="CHILD", how="inner")
            report(
                log,
                ERROR,
                "302",
                dfe_message("302", "the episode starts before the child was born"),
                born[(born["DECOM"] < born["DOB"]).fillna(False)],
                "DECOM",
                "DECOM",
            )
    check_order(
        log, tables.get("missing"), "MIS_START", "MIS_END", "567", "the missing period ends before it starts"
    )
    check_order(
        log,
        tables.get("placed_for_adoption"),
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "522",
        "the decision ceased before it was made",
    )
    check_order(
        log,
        tables.get("sw_episodes"),
        "SW_DECOM",
        "SW_DEC",
        "SW_ORDER",
        "the social worker episode ends before it starts",
    )
    check_order(
        log,
        tables.get("dolo"),
        "DOLO_START",
        "DOLO_END",
        "DOLO_ORDER",
        "the deprivation of liberty order ends before it starts",
    )


def check_cin(tables: dict[str, pd.DataFrame], log: ProblemLog) -> None:
    """CIN census checks within one return (data_layouts.md 2.10)."""
    child = tables.get("child")
    for name, df in tables.items():
        if name != "child":
            check_in_parent(log, df, child, "LAchildID", name, "child", "INT_CHILD")
    details = tables.get("details")
    check_order(
        log,
        details,
        "CINreferralDate",
        "CINclosureDate",
        "CIN_ORDER",
        "CINclosureDate is before CINreferralDate",
    )
    if details is not None:
        one_only = details["CINclosureDate"].isna() != details["ReasonForClosure"].isna()
        report(
            log,
            WARNING,
            "CIN_CLOSURE",
            "CINclosureDate and ReasonForClosure must both be present or both blank",
            details[one_only],
            "ReasonForClosure",
            "ReasonForClosure",
        )
    check_order(
        log,
        tables.get("assessment"),
        "AssessmentActualStartDate",
        "AssessmentAuthorisationDate",
        "CIN_ORDER",
        "AssessmentAuthorisationDate is before AssessmentActualStartDate",
    )
    check_order(
        log,
        tables.get("assessment"),
        "CINreferralDate",
        "AssessmentActualStartDate",
        "CIN_WITHIN",
        "the assessment starts before the referral",
        severity=WARNING,
    )
    check_order(
        log,
        tables.get("plan"),
        "CINPlanStartDate",
        "CINPlanEndDate",
        "CIN_ORDER",
        "CINPlanEndDate is before CINPlanStartDate",
    )
    check_order(
        log, tables.get("cpp"), "CPPstartDate", "CPPendDate", "CIN_ORDER", "CPPendDate is before CPPstartDate"
    )
    check_order(
        log,
        tables.get("s47"),
        "CINreferralDate",
        "S47ActualStartDate",
        "CIN_WITHIN",
        "the S47 enquiry starts before the referral",
        severity=WARNING,
    )
