"""Statutory health assessments and dental checks of children in care (local health_assessments.csv).

An initial health assessment (IHA) is due within 20 working days of entering care; in the 'good'
profile about 55% of children still in care then have had it in time (calibration.md section 3,
``cla_iha_20wd_pct``), most of the rest within three months, and a few never. Review health
assessments (RHA) follow every six months for under-fives and every year from five. Where the child is
in the SSDA903 OC2 cohort the year's RHAs agree with ``HEALTH_ASSESSMENT`` (none in a year marked 0;
at least one, two for under-fives, in a year marked 1). Dental checks are drawn the same way to agree
with ``TEETH_CHECK``; they are not written to a file of their own but feed Annex A list 8.
Short breaks (V3/V4) have no health assessments.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from cscdash.synthetic.annex_a_labels import dmy
from cscdash.synthetic.care_dates import DAY, add_months, age_years, as_days, days
from cscdash.synthetic.context import HISTORY_START, Context
from cscdash.synthetic.working_days import add_working_days

#: Share of IHAs done within 20 working days, by profile (calibration.md section 3: 55 good, 40 improving)
IHA_ON_TIME = {"good": 0.57, "improving": 0.42}
IHA_NEVER = 0.04  # children who never have an IHA recorded
RHA_LATE = 0.12  # RHAs held after the due date
HEADINGS = ["Child Unique ID", "Assessment Date", "Assessment Type"]


@dataclass
class HealthRecords:
    """assessments: child_id, date, type ('IHA'/'RHA'); dental: child_id, date."""

    assessments: pd.DataFrame
    dental: pd.DataFrame


def _care_periods(ctx: Context, periods: pd.DataFrame) -> pd.DataFrame:
    """Periods of care (not short breaks) that reach into the written history."""
    care = periods[~periods["short_breaks"]]
    care = care[care["natural_end"] > pd.Timestamp(HISTORY_START) - pd.Timedelta(days=400)]
    return care[care["period_start"] <= pd.Timestamp(ctx.end_month)].reset_index(drop=True)


def initial_assessments(ctx: Context, care: pd.DataFrame) -> pd.DataFrame:
    """One IHA per period of care (when done): child_id, period row, date, type 'IHA'.

    The on-time share drifts month to month (a bounded random walk, calibration.md 5.2) around the
    profile's level, so the monthly indicator has realistic noise.
    """
    rng = ctx.rng("local.health.iha")
    n = len(care)
    start = care["period_start"].to_numpy(dtype="datetime64[D]")
    months = pd.period_range(start.min() if n else ctx.end_month, ctx.end_month, freq="M")
    level = IHA_ON_TIME[ctx.profile]
    walk = np.empty(len(months))
    current = level
    for i, step in enumerate(rng.normal(0, 0.005, len(months))):
        current = float(np.clip(current + step - 0.1 * (current - level), level - 0.05, level + 0.05))
        walk[i] = current
    p_on_time = pd.Series(walk, index=months.to_timestamp().to_numpy(dtype="datetime64[M]"))
    p = p_on_time.reindex(start.astype("datetime64[M]")).fillna(level).to_numpy()
    on_time = rng.random(n) < p
    wd = np.where(on_time, rng.integers(3, 21, n), rng.integers(21, 70, n))
    date = add_working_days(start, wd)
    done = (rng.random(n) >= IHA_NEVER) & (date < care["natural_end"].to_numpy(dtype="datetime64[D]"))
    return pd.DataFrame({"row": np.flatnonzero(done), "date": date[done], "type": "IHA"})


def _chain(
    rng: np.random.Generator, care: pd.DataFrame, anchor: np.ndarray, cut: np.datetime64, kind: str
) -> pd.DataFrame:
    """Repeating checks after ``anchor``: six-monthly under five (health) or always (dental), else yearly."""
    n = len(care)
    dob = care["dob_d"].to_numpy(dtype="datetime64[D]")
    end = np.minimum(care["natural_end"].to_numpy(dtype="datetime64[D]"), cut + DAY)
    prev = anchor.copy()
    rows, dates = [], []
    for _ in range(40):
        young = age_years(dob, prev) < 5
        months = np.where(young | (kind == "dental"), 6, 12)
        due = add_months(prev, months)
        late = rng.random(n) < (RHA_LATE if kind == "health" else 0.3)
        date = np.where(late, due + days(rng.integers(1, 100, n)), due - days(rng.integers(0, 30, n)))
        alive = (date < end) & ~np.isnat(prev)
        if not alive.any():
            break
        rows.append(np.flatnonzero(alive))
        dates.append(date[alive])
        prev = np.where(alive, date, np.datetime64("NaT"))
    if not rows:
        return pd.DataFrame({"row": np.array([], dtype=int), "date": np.array([], dtype="datetime64[D]")})
    return pd.DataFrame({"row": np.concatenate(rows), "date": np.concatenate(dates)})


def _collection_year(day: np.ndarray) -> np.ndarray:
    """The DfE year label (by its end) of each date: April 2024 - March 2025 is 2025."""
    month = day.astype("datetime64[M]").astype(int)
    return month // 12 + 1970 + (month % 12 >= 3)


def _agree_with_oc2(
    rng: np.random.Generator, checks: pd.DataFrame, care: pd.DataFrame, oc2: pd.DataFrame | None, flag: str
) -> pd.DataFrame:
    """Make a chain agree with one OC2 flag per (child, collection year).

    The year's checks go where the flag is 0; where it is 1 and the year has too few (two for
    under-fives' health assessments, otherwise one), checks are added on random days of that year.
    OC2 children were in care for the whole year, so the added days fall inside their period.
    """
    if oc2 is None or not len(oc2) or flag not in oc2.columns:
        return checks
    child = care["child_id"].to_numpy(dtype=object)
    checks = checks.assign(
        child_id=child[checks["row"].to_numpy()],
        year=_collection_year(checks["date"].to_numpy(dtype="datetime64[D]")),
    )
    flags = oc2[["child_id", "collection_year", flag]].rename(columns={"collection_year": "year"})
    marked = checks.merge(flags, on=["child_id", "year"], how="left")
    checks = checks[marked[flag].to_numpy() != 0]
    wanted = flags[flags[flag] == 1].copy()
    year_end = (wanted["year"].astype(str) + "-03-31").to_numpy(dtype="datetime64[D]")
    # the period covering the whole year (in care 12 months to 31 March)
    cover = pd.DataFrame({"child_id": child, "row": np.arange(len(care))}).merge(
        wanted[["child_id", "year"]].assign(year_end=year_end), on="child_id"
    )
    p_start = care["period_start"].to_numpy(dtype="datetime64[D]")[cover["row"].to_numpy()]
    p_end = care["natural_end"].to_numpy(dtype="datetime64[D]")[cover["row"].to_numpy()]
    y_end = cover["year_end"].to_numpy(dtype="datetime64[D]")
    # OC2 says the child was in care all year, so the period is the latest one started a year or more
    # before the year end (its recorded end can fall inside the year when a later episode continues it)
    cover = (
        cover.assign(p_start=p_start, p_end=p_end)[p_start <= y_end - days(365)]
        .sort_values(["child_id", "year", "p_start"], ascending=[True, True, False], kind="stable")
        .drop_duplicates(["child_id", "year"])
        .drop(columns=["p_start", "p_end"])
    )
    have = checks.groupby(["child_id", "year"]).size().rename("have").reset_index()
    cover = cover.merge(have, on=["child_id", "year"], how="left").fillna({"have": 0})
    y_end = cover["year_end"].to_numpy(dtype="datetime64[D]")
    dob = care["dob_d"].to_numpy(dtype="datetime64[D]")[cover["row"].to_numpy()]
    two = (age_years(dob, y_end) < 5) & (flag == "HEALTH_ASSESSMENT")
    need = np.maximum(np.where(two, 2, 1) - cover["have"].to_numpy(dtype=int), 0)
    extra = np.repeat(np.arange(len(cover)), need)
    offset = rng.integers(0, 365, len(extra))
    first_day = y_end[extra] - days(364)
    added = pd.DataFrame({"row": cover["row"].to_numpy()[extra], "date": first_day + days(offset)})
    # a drawn day can land on a check the child already has that year (or on the other added one), and
    # identical checks are later merged: move such a day half a year round the same year instead
    taken = pd.concat([checks[["row", "date"]], added]).duplicated(["row", "date"]).to_numpy()[len(checks) :]
    moved = first_day + days((offset + 182) % 365)
    added["date"] = np.where(taken, moved, added["date"].to_numpy(dtype="datetime64[D]"))
    return pd.concat([checks[["row", "date"]], added], ignore_index=True)


def health_records(ctx: Context, periods: pd.DataFrame, oc2: pd.DataFrame | None) -> HealthRecords:
    """IHAs, RHAs and dental checks of every period of care reaching into the history, up to end_month."""
    cut = as_days([ctx.end_month])[0]
    care = _care_periods(ctx, periods)
    iha = initial_assessments(ctx, care)
    anchor = np.full(len(care), np.datetime64("NaT"), dtype="datetime64[D]")
    anchor[iha["row"].to_numpy()] = iha["date"].to_numpy(dtype="datetime64[D]")
    no_iha = np.isnat(anchor)
    start = care["period_start"].to_numpy(dtype="datetime64[D]")
    anchor = np.where(no_iha, start + days(60), anchor)
    rng = ctx.rng("local.health.rha")
    rha = _agree_with_oc2(rng, _chain(rng, care, anchor, cut, "health"), care, oc2, "HEALTH_ASSESSMENT")
    rng = ctx.rng("local.health.dental")
    first_dental = start + days(rng.integers(30, 150, len(care)))
    dental = _agree_with_oc2(rng, _chain(rng, care, first_dental, cut, "dental"), care, oc2, "TEETH_CHECK")
    dental = pd.concat([pd.DataFrame({"row": np.arange(len(care)), "date": first_dental}), dental])

    def finish(frame: pd.DataFrame) -> pd.DataFrame:
        rows = frame["row"].to_numpy()
        date = frame["date"].to_numpy(dtype="datetime64[D]")
        keep = (
            (date >= np.datetime64(HISTORY_START))
            & (date <= cut)
            & (date > start[rows])
            & (date < care["natural_end"].to_numpy(dtype="datetime64[D]")[rows])
        )
        out = frame[keep].assign(child_id=care["child_id"].to_numpy()[rows[keep]])
        out["date"] = pd.to_datetime(out["date"].to_numpy(dtype="datetime64[D]"))
        return out

    assessments = pd.concat([finish(iha), finish(rha.assign(type="RHA"))], ignore_index=True)
    assessments = assessments.sort_values(["child_id", "date", "type"], kind="stable")
    assessments = assessments.drop_duplicates(["child_id", "date", "type"])
    dental = (
        finish(dental).sort_values(["child_id", "date"], kind="stable").drop_duplicates(["child_id", "date"])
    )
    return HealthRecords(
        assessments=assessments[["child_id", "date", "type"]].reset_index(drop=True),
        dental=dental[["child_id", "date"]].reset_index(drop=True),
    )


def write_health_assessments(records: HealthRecords, path: Path) -> Path:
    """health_assessments_SYNTHETIC.csv: Child Unique ID, Assessment Date, Assessment Type."""
    a = records.assessments
    table = pd.DataFrame(
        {
            HEADINGS[0]: a["child_id"].to_numpy(dtype=object),
            HEADINGS[1]: dmy(a["date"]),
            HEADINGS[2]: a["type"].to_numpy(dtype=object),
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n")
    return path
