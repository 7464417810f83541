"""Local (non-statutory) CSV extracts and the population file, read through ``specs/local.yml``.

These are files the council makes itself to fill gaps the statutory returns leave: visits (for visit
timeliness), child attributes (locality and team, for breakdowns), the monthly workforce establishment
extract, the ONS population of children aged 0-17 that rates per 10,000 divide by, return home interviews
after missing episodes and statutory health assessments (which no return records by date). They share one
reader: the headings of the specification (renamed to raw-table columns where the file uses display
names such as ``Child Unique ID``), then the common field checks.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from cscdash.extracts.integrity import check_order, report
from cscdash.extracts.problems import WARNING, ProblemLog
from cscdash.extracts.spec import load_spec
from cscdash.extracts.text_files import align_columns, read_csv_text

#: Raw table written for each local layout.
RAW_TABLES = {
    "visits": "local_visits",
    "child_attributes": "local_child_attributes",
    "workforce_monthly": "workforce_monthly",
    "population": "local_population",
    "csww_worker_csv": "csww_worker",
    "csww_la_csv": "csww_la",
    "rhi": "local_rhi",
    "health_assessments": "local_health_assessments",
}
#: Column giving each row's collection year (the DfE year containing that date), per local layout.
YEAR_FROM = {
    "workforce_monthly": "month_end",
    "visits": "visit_date",
    "rhi": "mis_start",
    "health_assessments": "assessment_date",
}


def read_table(path: Path, spec_name: str, table: str, log: ProblemLog) -> pd.DataFrame | None:
    """One CSV of a simple one-table layout as text, headings renamed to the specification's fields."""
    raw = read_csv_text(path, log)
    if raw is None:
        return None
    tspec = load_spec(spec_name).tables[table]
    headings = tspec.file_columns
    required = [h for h, f in zip(headings, tspec.fields.values(), strict=True) if f.required]
    raw = align_columns(raw, headings, required, path.name, log)
    if raw is None:
        return None
    return raw.rename(columns=tspec.columns)


def default_team(df: pd.DataFrame) -> pd.DataFrame:
    """The monthly workforce extract: a blank team is the LA total, 'ALL' (data_layouts.md 4.3)."""
    df = df.copy()
    team = df["team"].astype("string").str.strip() if "team" in df else pd.Series("", index=df.index)
    df["team"] = team.mask(team == "").fillna("ALL")
    return df


def check_rhi(df: pd.DataFrame, log: ProblemLog) -> None:
    """A return interview is offered after the child went missing and completed after it was offered.

    Either date out of order is an error: the 72-hour measure would count it wrongly. A completed or
    accepted interview with no offer date is a warning (the offer is implied; the offered measure misses it).
    """
    check_order(log, df, "mis_start", "rhi_offered_date", "RHI_ORDER", "RHI Offered Date is before MIS_START")
    check_order(
        log,
        df,
        "rhi_offered_date",
        "rhi_completed_date",
        "RHI_ORDER",
        "RHI Completed Date is before RHI Offered Date",
    )
    unoffered = df["rhi_offered_date"].isna() & (
        df["rhi_completed_date"].notna() | df["rhi_accepted"].fillna(False).astype(bool)
    )
    report(
        log,
        WARNING,
        "RHI_NOT_OFFERED",
        "the interview is completed or accepted but RHI Offered Date is blank",
        df[unoffered],
        "rhi_offered_date",
    )
