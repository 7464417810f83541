"""The period each return covers, which decides the month ends its indicators run to.

A council's database is built from returns of different kinds, and what a return covers is not the span
of the dates inside it: a full 2023-24 SSDA903 return whose last event happened in August still says
how many children were in care on 31 March 2024. So every return read gets a coverage row:

- **Yearly returns** (SSDA903, CIN census, Annex A list 1): a full return covers its collection year,
  1 April to 31 March. An in-year extract covers 1 April to its as-at date, which comes from ``--as-at``
  (capped at 31 March: for a return of an earlier, finished year the option changes nothing), else from a
  date in its file or folder name (``2025-10-31``, ``20251031``), else, for a year that has not ended yet,
  from the latest date in the return, rounded up to its month end and stated as a warning. The month ends
  a return covers are those on or before its as-at date.
- **Snapshots** (Annex A lists 8 and 9) cover their snapshot date; **the workforce census** its
  30 September.
- **Local files** cover from their earliest to their latest ``period_date`` (or the as-at date when one is
  given); a current list (a spec without ``period_date``) replaces all of the LA's rows. The local sources
  and their period dates come from their specifications (``specs/local/*.yml``, :func:`local_sources`).

A newer extract of the same source, LA and year replaces that year's rows as a whole; an older one than
the extract already loaded is refused (``allow_older`` loads it anyway): a scheduled job re-running last
month's folder must not quietly roll the dashboard back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from cscdash.extracts import local
from cscdash.extracts.annex_a_snapshots import snapshot_date
from cscdash.extracts.fields import year_label
from cscdash.extracts.problems import ERROR, WARNING, ProblemLog

#: Sources that come as a collection year's return, and the raw tables each one fills.
YEARLY_SOURCES: dict[str, tuple[str, ...]] = {
    "ssda903": (
        "ssda903_header",
        "ssda903_episodes",
        "ssda903_reviews",
        "ssda903_uasc",
        "ssda903_oc2",
        "ssda903_oc3",
        "ssda903_ad1",
        "ssda903_placed_for_adoption",
        "ssda903_missing",
        "ssda903_prev_perm",
        "ssda903_sw_episodes",
        "ssda903_dolo",
    ),
    "cin_census": (
        "cin_child",
        "cin_disability",
        "cin_details",
        "cin_assessment",
        "cin_assessment_factor",
        "cin_plan",
        "cin_s47",
        "cin_cpp",
        "cin_cpp_review",
    ),
    "annex_a_list1": ("annexa_contacts",),
}
#: The workforce census: one return a year, a snapshot at 30 September.
CENSUS_SOURCES: dict[str, tuple[str, ...]] = {"csww": ("csww_worker", "csww_la")}
#: Snapshot sources (one file per date) and their tables; a load replaces each date it brings.
SNAPSHOT_SOURCES: dict[str, tuple[str, ...]] = {
    "annex_a_list8": ("annexa_cla",),
    "annex_a_list9": ("annexa_care_leavers",),
}
#: Dates that are not events (births, expected dates, future dates) never decide an inferred as-at.
NOT_EVENTS = frozenset(
    {
        "DOB",
        "MC_DOB",
        "DUC",
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "PersonDeathDate",
        "date_of_birth",
    }
)
FULL, IN_YEAR, SNAPSHOT, CENSUS, LOCAL = "full return", "in-year extract", "snapshot", "census", "local file"


@dataclass(frozen=True)
class ReturnRead:
    """One return as the readers found it, before its coverage is decided."""

    source: str
    la_code: str
    file: str
    path: Path
    root: Path | None = None
    collection_year: int | None = None
    earliest_date: date | None = None  # local files: the first date of the period column
    latest_date: date | None = None  # the latest event date (an as-at guess of last resort)
    fixed_date: date | None = None  # a snapshot's or census's own date


@dataclass(frozen=True)
class Coverage:
    """What one return covers: the rows of ``load_coverage``."""

    la_code: str
    source: str
    collection_year: int | None
    period_start: date | None
    period_end: date | None  # the as-at date: month ends on or before it are covered
    kind: str
    as_at_from: str
    file: str

    def as_row(self) -> dict:
        """A ``load_coverage`` row (without load_id)."""
        return {
            "la_code": self.la_code,
            "source": self.source,
            "collection_year": self.collection_year,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "kind": self.kind,
            "as_at_from": self.as_at_from,
            "source_file": self.file,
        }


def local_sources() -> dict[str, tuple[str, str | None]]:
    """Local sources (their specifications, :mod:`cscdash.extracts.local`) that cover a period: source ->
    (raw table, the date field that places each row in the period a file covers; None for a current list,
    whose newest file replaces all of the LA's rows). Reference files (``replace: none``) cover nothing."""
    return {n: (s.table, s.period_date) for n, s in local.sources().items() if s.replace != "none"}


def tables_of(source: str) -> tuple[str, ...]:
    """The raw tables a source fills."""
    declared = local_sources()
    if source in declared:
        return (declared[source][0],)
    return {**YEARLY_SOURCES, **CENSUS_SOURCES, **SNAPSHOT_SOURCES}.get(source, ())


def latest_event_date(frames: list[pd.DataFrame]) -> date | None:
    """The latest event date in a return's typed tables (birth and expected dates excluded)."""
    latest: pd.Timestamp | None = None
    for df in frames:
        for column in df.columns:
            if column in NOT_EVENTS or not pd.api.types.is_datetime64_any_dtype(df[column]):
                continue
            value = df[column].max()
            if pd.notna(value) and (latest is None or value > latest):
                latest = value
    return None if latest is None else latest.date()


def date_range(values: pd.Series) -> tuple[date | None, date | None]:
    """(earliest, latest) of a date column, None where it has no dates."""
    values = pd.to_datetime(values, errors="coerce").dropna()
    if values.empty:
        return None, None
    return values.min().date(), values.max().date()


def date_in_path(path: Path, root: Path | None = None) -> date | None:
    """A full date (``2025-10-31`` or ``20251031``) in the file name or a folder name under the load root."""
    parts = [path.name]
    parts += [p.name for p in path.parents if root is None or p == root or root in p.parents]
    for part in parts:
        found = snapshot_date(part)
        if found is not None:
            return found
    return None


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    return (pd.Timestamp(day) + pd.offsets.MonthEnd(0)).date()


@dataclass
class CoverageRules:
    """How the load decides coverage: the ``--as-at`` option and today's date (a test can fix it)."""

    as_at: date | None = None
    today: date = field(default_factory=date.today)


def decide(returns: list[ReturnRead], rules: CoverageRules, log: ProblemLog) -> list[Coverage]:
    """The coverage of every return read; problems (an as-at before the year, an inferred as-at) to log."""
    found: dict[tuple, Coverage] = {}
    for ret in returns:
        cover = _one(ret, rules, log)
        if cover is None:
            continue
        key = (cover.la_code, cover.source, cover.collection_year, cover.period_end)
        if cover.kind == LOCAL:
            key = (cover.la_code, cover.source, ret.file)
        found[key] = cover
    return list(found.values())


def _one(ret: ReturnRead, rules: CoverageRules, log: ProblemLog) -> Coverage | None:
    if ret.source in SNAPSHOT_SOURCES and ret.fixed_date is not None:
        day = ret.fixed_date
        return Coverage(
            ret.la_code, ret.source, ret.collection_year, day, day, SNAPSHOT, "file name", ret.file
        )
    if ret.source in CENSUS_SOURCES and ret.collection_year is not None:
        day = date(ret.collection_year, 9, 30)
        return Coverage(
            ret.la_code, ret.source, ret.collection_year, day, day, CENSUS, "census date", ret.file
        )
    if ret.source in local_sources():
        return _local(ret, rules)
    if ret.source in YEARLY_SOURCES and ret.collection_year is not None:
        return _yearly(ret, rules, log)
    return None


def _local(ret: ReturnRead, rules: CoverageRules) -> Coverage:
    end, how = ret.latest_date, "latest date in the file"
    named = date_in_path(ret.path, ret.root)
    if rules.as_at is not None:
        end, how = rules.as_at, "--as-at"
    elif named is not None:
        end, how = named, "file name"
    start = ret.earliest_date
    if start is not None and end is not None and end < start:
        end = start
    return Coverage(ret.la_code, ret.source, None, start, end, LOCAL, how, ret.file)


def _yearly(ret: ReturnRead, rules: CoverageRules, log: ProblemLog) -> Coverage | None:
    year = int(ret.collection_year)  # type: ignore[arg-type]
    start, year_end = date(year - 1, 4, 1), date(year, 3, 31)
    named = date_in_path(ret.path, ret.root)
    explicit, how = (rules.as_at, "--as-at") if rules.as_at is not None else (named, "file name")
    if explicit is not None and how == "file name" and not start <= explicit <= year_end:
        explicit = None  # a date in a name that is not inside the year (a run date, say) decides nothing
    if explicit is not None:
        if explicit < start:
            log.add(
                ERROR,
                "AS_AT_BEFORE_YEAR",
                ret.file,
                f"the as-at date {explicit:%d/%m/%Y} ({how}) is before the {year_label(year)} year this "
                f"return covers (from {start:%d/%m/%Y})",
            )
            return None
        if explicit >= year_end:
            return Coverage(ret.la_code, ret.source, year, start, year_end, FULL, how, ret.file)
        return Coverage(ret.la_code, ret.source, year, start, explicit, IN_YEAR, how, ret.file)
    if year_end < rules.today:
        return Coverage(ret.la_code, ret.source, year, start, year_end, FULL, "year complete", ret.file)
    latest = ret.latest_date or rules.today
    guess = min(month_end(min(latest, rules.today)), year_end)
    log.add(
        WARNING,
        "AS_AT_INFERRED",
        ret.file,
        f"an in-year {year_label(year)} extract with no as-at date: its latest date is "
        f"{latest:%d/%m/%Y}, so it is taken as at {guess:%d/%m/%Y}. Give --as-at YYYY-MM-DD, or put "
        "the date in the file or folder name, to be sure.",
    )
    return Coverage(ret.la_code, ret.source, year, start, guess, IN_YEAR, "latest date in the file", ret.file)


def older_than_loaded(covers: list[Coverage], loaded: pd.DataFrame, log: ProblemLog, severity: str) -> None:
    """Report yearly returns whose as-at date is before the extract of the same year already loaded."""
    if loaded.empty:
        return
    latest = {
        (r.la_code, r.source, int(r.collection_year)): r.period_end
        for r in loaded.itertuples()
        if pd.notna(r.collection_year) and r.source in YEARLY_SOURCES
    }
    for cover in covers:
        if cover.source not in YEARLY_SOURCES or cover.period_end is None:
            continue
        before = latest.get((cover.la_code, cover.source, cover.collection_year))
        if before is not None and pd.Timestamp(before).date() > cover.period_end:
            log.add(
                severity,
                "OLDER_EXTRACT",
                cover.file,
                f"this {year_label(int(cover.collection_year or 0))} extract is as at "
                f"{cover.period_end:%d/%m/%Y}, but the one already loaded is as at "
                f"{pd.Timestamp(before):%d/%m/%Y}: loading it would take the dashboard back"
                + (
                    "; loaded anyway (--allow-older)"
                    if severity == WARNING
                    else " (use --allow-older to load it)"
                ),
            )


def replaced_rows(
    table: str, la_code: str, covers: list[Coverage]
) -> Callable[[pd.DataFrame], pd.Series] | None:
    """Which of an LA's loaded rows of ``table`` this load's returns replace as a whole (None: none).

    A replaced row disappears unless the load brings it again (then it is kept, unchanged): a referral
    deleted in the case management system is gone after the next in-year extract of its year.
    """
    mine = [c for c in covers if c.la_code == la_code and table in tables_of(c.source)]
    if not mine:
        return None
    source = mine[0].source
    if source in YEARLY_SOURCES or source in CENSUS_SOURCES:
        years = {c.collection_year for c in mine if c.collection_year is not None}
        return lambda old: old["collection_year"].isin(years)
    if source in SNAPSHOT_SOURCES:
        days = {pd.Timestamp(c.period_end) for c in mine if c.period_end is not None}
        return lambda old: pd.to_datetime(old["snapshot_date"]).isin(days)
    column = local_sources()[source][1]
    if column is None:
        return lambda old: pd.Series(True, index=old.index)
    windows = [(pd.Timestamp(c.period_start), pd.Timestamp(c.period_end)) for c in mine if c.period_start]

    def in_window(old: pd.DataFrame) -> pd.Series:
        when = pd.to_datetime(old[column])
        hit = pd.Series(False, index=old.index)
        for start, end in windows:
            hit |= (when >= start) & (when <= end)
        return hit

    return in_window


def merged(loaded: pd.DataFrame, covers: list[Coverage]) -> pd.DataFrame:
    """The ``load_coverage`` rows after this load, for the (LA, source) pairs it brings.

    Yearly returns and censuses: one row per year (the load's wins); snapshots: one per date; a local
    file: one row from the earliest start to the latest end of what is loaded.
    """
    new = pd.DataFrame([c.as_row() for c in covers])
    if new.empty:
        return new
    pairs = new[["la_code", "source"]].drop_duplicates()
    old = loaded.merge(pairs, on=["la_code", "source"]) if not loaded.empty else loaded
    both = pd.concat([old.drop(columns=["load_id"], errors="ignore"), new.assign(_new=1)], ignore_index=True)
    both["_new"] = both["_new"].fillna(0)
    for column in ("period_start", "period_end"):
        both[column] = pd.to_datetime(both[column])
    both["collection_year"] = pd.to_numeric(both["collection_year"]).astype("Int64")
    parts = []
    declared = local_sources()
    for (_, source), rows in both.groupby(["la_code", "source"], sort=True):
        if source in declared:
            first = rows.sort_values("_new").iloc[-1].copy()
            first["period_start"] = rows["period_start"].min()
            first["period_end"] = rows["period_end"].max()
            parts.append(first.to_frame().T)
            continue
        key = ["period_end"] if source in SNAPSHOT_SOURCES else ["collection_year"]
        rows = rows.assign(_k=rows[key[0]].astype("string"))
        parts.append(
            rows.sort_values("_new", kind="stable").drop_duplicates("_k", keep="last").drop(columns="_k")
        )
    out = pd.concat(parts, ignore_index=True).drop(columns="_new")
    for column in ("period_start", "period_end"):
        out[column] = pd.to_datetime(out[column]).dt.date
    out["collection_year"] = pd.to_numeric(out["collection_year"]).astype("Int64")
    return out.sort_values(["la_code", "source", "period_end"]).reset_index(drop=True)


def replacement_notes(loaded: pd.DataFrame, covers: list[Coverage]) -> list[str]:
    """What a load replaces, in words for the load log: 'cin_census 2024-25 for E06000059: the extract
    as at 30/09/2024 replaced by the one as at 31/10/2024'."""
    if loaded.empty:
        return []
    before = {
        (r.la_code, r.source, int(r.collection_year)): pd.Timestamp(r.period_end).date()
        for r in loaded.itertuples()
        if r.source in YEARLY_SOURCES and pd.notna(r.collection_year) and pd.notna(r.period_end)
    }
    notes = []
    for c in covers:
        if c.source not in YEARLY_SOURCES or c.collection_year is None:
            continue
        old = before.get((c.la_code, c.source, c.collection_year))
        if old is not None:
            notes.append(
                f"{c.source} {year_label(c.collection_year)} for {c.la_code}: the extract as at "
                f"{old:%d/%m/%Y} replaced by the one as at {c.period_end:%d/%m/%Y}"
            )
    return sorted(set(notes))
