"""Annex A list 8 (children in care) as monthly snapshots, built from the care part's own records.

A child is on the list for date D when an SSDA903 episode is open at D (``DECOM`` <= D and ``DEC``
blank or later), short breaks (V3/V4) excluded, the ``cla_count`` rule of indicators.md. Every column
is read from what the generator already wrote for the same child, as the case system would show it
on D: the open episode (legal status, placement, provider, location), the period's start, the latest
review, CLA visit, health assessment and dental check on or before D, missing and away episodes in
the 12 months to D with the RHI after the last missing one, and the social worker holding the case.

The permanence plan follows the period's exit track and current placement; it is recorded some weeks
after entry (by four months for about 97%) and never for about 6%, which puts
``cla_permanence_plan_pct`` near 93 (calibration.md section 3) and lower for recent entrants.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from cscdash.synthetic.annex_a_labels import (
    LIST8_HEADINGS,
    LOCATION_LABELS,
    PERMANENCE_LABELS,
    PROVIDER_LABELS,
    dmy,
    person_columns,
    yes_no,
)
from cscdash.synthetic.as_at import count_in_window, latest_on_or_before
from cscdash.synthetic.care import CareHistory
from cscdash.synthetic.care_dates import days
from cscdash.synthetic.context import Context
from cscdash.synthetic.health_assessments import HealthRecords
from cscdash.synthetic.local_files import SOUTH

#: RNE codes that start a new placement / a new legal status (data_layouts 1.2.1; indicators R8)
NEW_PLACEMENT = ["S", "P", "B", "T", "U"]
NEW_LEGAL_STATUS = ["S", "L", "B", "U"]
SUPPORTED = ["H5", "P2", "K3"]
HOMES = ["K1", "K2"]
FOSTER = ["U1", "U2", "U3", "U4", "U5", "U6"]
PLAN_NEVER = 0.06  # periods whose permanence plan is never recorded


def _open_episodes(episodes: pd.DataFrame, snapshots: list[date]) -> pd.DataFrame:
    """(episode row, snapshot) for every episode open at a snapshot, short breaks excluded."""
    eps = episodes[~episodes["LS"].isin(["V3", "V4"])]
    decom = eps["DECOM"].to_numpy(dtype="datetime64[D]")
    dec = eps["DEC"].to_numpy(dtype="datetime64[D]")
    frames = []
    for snap in snapshots:
        d = np.datetime64(snap)
        open_now = (decom <= d) & (np.isnat(dec) | (dec > d))
        frames.append(eps[open_now].assign(snapshot=pd.Timestamp(snap)))
    out = pd.concat(frames, ignore_index=True)
    out = out.rename(columns={"CHILD": "child_id"})
    return out.sort_values(["snapshot", "child_id"], kind="stable").reset_index(drop=True)


def _since_period_start(found: pd.Series, start: pd.Series) -> np.ndarray:
    """Dates found by a look-up, blanked when they belong to an earlier period of care."""
    found = pd.to_datetime(found)
    return found.where(found >= start.to_numpy()).to_numpy(dtype="datetime64[D]")


def _permanence(ctx: Context, rows: pd.DataFrame, periods: pd.DataFrame) -> np.ndarray:
    """The plan label per row (blank while not yet recorded)."""
    rng = ctx.rng("annex_a.list8.permanence")
    n_periods = len(periods)
    lag = np.where(
        rng.random(n_periods) < 0.92, rng.integers(10, 100, n_periods), rng.integers(100, 400, n_periods)
    )
    never = rng.random(n_periods) < PLAN_NEVER
    pos = pd.Series(np.arange(n_periods), index=periods["period_id"].to_numpy())
    at = pos.reindex(rows["period_id"]).to_numpy()
    snap = rows["snapshot"].to_numpy(dtype="datetime64[D]")
    start = rows["period_start"].to_numpy(dtype="datetime64[D]")
    recorded = ~never[at] & (snap >= start + days(lag[at]))
    track = rows["track"].to_numpy(dtype=object)
    place = rows["PLACE"].fillna("").to_numpy(dtype=object)
    decision = rows["decision"].to_numpy(dtype="datetime64[D]")
    adopting = ~np.isnat(decision) & (snap >= decision - days(60))
    plan = np.select(
        [
            track == "home",
            (track == "adopt") & adopting,
            track == "adopt",
            np.isin(track, ["sgo", "cao"]),
            np.isin(track, ["other", "remand"]),
            np.isin(place, SUPPORTED),
            np.isin(place, HOMES),
            np.isin(place, FOSTER),
        ],
        [
            "return_home",
            "adoption",
            "return_home",
            "sgo_cao",
            "other",
            "supported_living",
            "long_term_residential",
            "long_term_fostering",
        ],
        "other",
    )
    labels = pd.Series(plan).map(PERMANENCE_LABELS).to_numpy(dtype=object)
    return np.where(recorded, labels, "")


def _iro_contacts(ctx: Context, reviews: pd.DataFrame) -> pd.DataFrame:
    """IRO contacts: each review, and a visit between reviews after about 60% of them."""
    rng = ctx.rng("annex_a.list8.iro")
    n = len(reviews)
    mid = reviews["review_date"] + pd.to_timedelta(rng.integers(50, 110, n), unit="D")
    extra = reviews.assign(review_date=mid)[rng.random(n) < 0.6]
    return pd.concat([reviews, extra], ignore_index=True)[["child_id", "review_date"]]


def _worker_teams(workers: pd.DataFrame | None) -> dict[str, str]:
    if workers is None or not {"SWENo", "team"} <= set(workers.columns):
        return {}
    return dict(zip(workers["SWENo"].astype(str), workers["team"].astype(str), strict=True))


def list8_snapshots(
    ctx: Context,
    history: CareHistory,
    disabilities: pd.Series,
    health: HealthRecords,
    rhi: pd.DataFrame,
    snapshots: list[date],
    workers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every list 8 row of every snapshot: the LIST8_HEADINGS columns plus ``snapshot``.

    ``history`` is the care part's CareHistory, ``disabilities`` the front door's ';'-joined codes by
    child id ('NONE' if none), ``health`` the HealthRecords, ``rhi`` the RHI records.
    """
    periods = history.periods
    rows = _open_episodes(history.episodes, snapshots)
    info = periods.set_index("period_id")
    for col in ("period_start", "track", "locality", "decision", "natural_end"):
        rows[col] = info[col].reindex(rows["period_id"]).to_numpy()
    kids = history.children.set_index("child_id").reindex(rows["child_id"]).reset_index()
    snap = rows["snapshot"].to_numpy(dtype="datetime64[D]")
    start = rows["period_start"]
    keys = rows[["child_id", "snapshot"]]

    duc = kids["duc"].to_numpy(dtype="datetime64[D]")
    uasc = kids["uasc"].to_numpy(dtype=bool) & (np.isnat(duc) | (duc > snap - days(365)))
    care = periods[~periods["short_breaks"]]
    before = latest_on_or_before(keys.assign(snapshot=start - pd.Timedelta(days=1)), care, "natural_end")[
        "natural_end"
    ].to_numpy(dtype="datetime64[D]")
    second = ~np.isnat(before) & (before > snap - days(365))

    eps = history.episodes.rename(columns={"CHILD": "child_id"})
    eps = eps[~eps["LS"].isin(["V3", "V4"])]
    ls_start = latest_on_or_before(keys, eps[eps["RNE"].isin(NEW_LEGAL_STATUS)], "DECOM")["DECOM"]
    placements = eps[eps["RNE"].isin(NEW_PLACEMENT) & ~eps["temporary"].astype(bool)]
    pl_start = latest_on_or_before(keys, placements, "DECOM")["DECOM"]
    n_placements = count_in_window(keys, placements, "DECOM") + (
        start.to_numpy(dtype="datetime64[D]") <= snap - days(365)
    )
    review = latest_on_or_before(keys, history.reviews, "review_date")["review_date"]
    cla_visits = history.visits[history.visits["visit_type"] == "CLA"]
    visit = latest_on_or_before(keys, cla_visits, "visit_date")["visit_date"]
    iro = latest_on_or_before(keys, _iro_contacts(ctx, history.reviews), "review_date")["review_date"]
    health_date = latest_on_or_before(keys, health.assessments, "date")["date"]
    dental = latest_on_or_before(keys, health.dental, "date")["date"]

    ms = history.missing
    missing_m, away = ms[ms["missing"] == "M"], ms[ms["missing"] == "A"]
    n_missing = count_in_window(keys, missing_m, "mis_start")
    n_away = count_in_window(keys, away, "mis_start")
    last = latest_on_or_before(keys, missing_m, "mis_start")["mis_start"]
    last_rhi = pd.DataFrame({"child_id": rows["child_id"], "mis_start": pd.to_datetime(last)}).merge(
        rhi[["child_id", "mis_start", "offered", "accepted"]], on=["child_id", "mis_start"], how="left"
    )
    offered = last_rhi["offered"].to_numpy(dtype="datetime64[D]") <= snap
    accepted = offered & last_rhi["accepted"].fillna(False).to_numpy(dtype=bool)
    recent = n_missing > 0

    sw = latest_on_or_before(keys, history.sw_episodes, "sw_decom", ["sw_id", "sw_dec"])
    sw_dec = sw["sw_dec"].to_numpy(dtype="datetime64[D]")
    holding = sw["sw_id"].notna().to_numpy() & (np.isnat(sw_dec) | (sw_dec > snap))
    worker = np.where(holding, sw["sw_id"].astype(object).to_numpy(), "")
    teams = _worker_teams(workers)
    south = rows["locality"].isin(SOUTH).to_numpy()
    fallback = np.where(south, "Children in Care South", "Children in Care North")
    fallback = np.where(rows["CIN"].to_numpy(dtype=object) == "N2", "Disabled Children", fallback)
    team = np.array([teams.get(w, f) for w, f in zip(worker, fallback, strict=True)], dtype=object)

    columns = person_columns(kids, snap)
    columns.update(
        {
            LIST8_HEADINGS[5]: yes_no(uasc),
            LIST8_HEADINGS[6]: yes_no(
                disabilities.reindex(rows["child_id"]).fillna("NONE").to_numpy() != "NONE"
            ),
            LIST8_HEADINGS[7]: dmy(start),
            LIST8_HEADINGS[8]: rows["CIN"].fillna("").to_numpy(dtype=object),
            LIST8_HEADINGS[9]: yes_no(second),
            LIST8_HEADINGS[10]: dmy(ls_start),
            LIST8_HEADINGS[11]: rows["LS"].to_numpy(dtype=object),
            LIST8_HEADINGS[12]: dmy(_since_period_start(review, start)),
            LIST8_HEADINGS[13]: dmy(_since_period_start(visit, start)),
            LIST8_HEADINGS[14]: _permanence(ctx, rows, periods),
            LIST8_HEADINGS[15]: dmy(_since_period_start(iro, start)),
            LIST8_HEADINGS[16]: dmy(_since_period_start(health_date, start)),
            LIST8_HEADINGS[17]: dmy(_since_period_start(dental, start)),
            LIST8_HEADINGS[18]: n_placements.astype(str),
            LIST8_HEADINGS[19]: "",
            LIST8_HEADINGS[20]: "",
            LIST8_HEADINGS[21]: dmy(pl_start),
            LIST8_HEADINGS[22]: rows["PLACE"].fillna("").to_numpy(dtype=object),
            LIST8_HEADINGS[23]: rows["PLACE_PROVIDER"].map(PROVIDER_LABELS).fillna("").to_numpy(dtype=object),
            LIST8_HEADINGS[24]: rows["PL_POST"].fillna("").to_numpy(dtype=object),
            LIST8_HEADINGS[25]: rows["URN"].fillna("").astype(str).to_numpy(dtype=object),
            LIST8_HEADINGS[26]: rows["PL_LOCATION"].map(LOCATION_LABELS).fillna("").to_numpy(dtype=object),
            LIST8_HEADINGS[27]: rows["PL_LA"].fillna("").to_numpy(dtype=object),
            LIST8_HEADINGS[28]: n_missing.astype(str),
            LIST8_HEADINGS[29]: n_away.astype(str),
            LIST8_HEADINGS[30]: np.where(recent, yes_no(offered), ""),
            LIST8_HEADINGS[31]: np.where(recent, yes_no(accepted), ""),
            LIST8_HEADINGS[32]: team,
            LIST8_HEADINGS[33]: worker,
        }
    )
    out = pd.DataFrame(columns)[LIST8_HEADINGS]
    out["snapshot"] = rows["snapshot"].to_numpy()
    return out
