"""The local (non-statutory) files of the demo: visits, child attributes, population, README.

Layouts are data_layouts.md 3.1 (visits), the child attributes file (Child Unique ID, Locality,
Team) and 5.3 (population). Dates are dd/mm/yyyy; booleans Y/N.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from cscdash.synthetic.context import HISTORY_START, Context
from cscdash.synthetic.front_door import FrontDoor
from cscdash.synthetic.population import population_table

#: Localities whose children in care are held by the southern team; the rest go to the northern one.
SOUTH = {"Harbourtown", "Westdown", "Midvale"}

README_TEXT = """SYNTHETIC: fictional data, not real children.

These files were made by the cscdash demo generator (python -m cscdash demo) for fictional local
authorities such as "Wessex Vale Council (synthetic data)", LA code E06999999. No record describes a
real child, family, worker or council. Postcode sectors are real places used only for plausible
distances; every other value is invented.

Seed {seed}, history from April 2018 to {end}. Each authority folder holds:
  events.csv                    the special-cause events injected into the series
  extracts/ssda903/<year>/      SSDA903 CSV modules (children looked after, care leavers, adoption)
  extracts/cin/                 CIN census XML, one return per collection year
  extracts/annex_a/             Annex A list 1 (contacts) workbooks with the local extension columns
  extracts/annex_a/snapshots/   Annex A list 8 (children in care) and list 9 (care leavers) CSVs,
                                one per list for each of the last 36 month ends (date in the name)
  extracts/csww/                children's social work workforce census CSVs
  extracts/local/               visits, child attributes, monthly workforce, return home interviews
                                (rhi), health assessments (initial and review) and early help
                                episodes (early_help)
  extracts/population_SYNTHETIC.csv   ONS-style mid-year estimates of children aged 0-17
"""


def _dmy(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.strftime("%d/%m/%Y")


def write_visits(fd: FrontDoor, care_visits: pd.DataFrame | None, path: Path) -> Path:
    """CP and CIN visits from the front door plus CLA and PA visits from the care part, one file."""
    ids = fd.children.set_index("child_no")["child_id"]
    v = fd.visits.assign(child_id=ids.reindex(fd.visits["child_no"]).to_numpy())
    frames = [v[["child_id", "visit_date", "visit_type", "child_seen", "seen_alone"]]]
    if care_visits is not None and len(care_visits):
        frames.append(care_visits[["child_id", "visit_date", "visit_type", "child_seen", "seen_alone"]])
    out = pd.concat(frames, ignore_index=True)
    out["visit_date"] = pd.to_datetime(out["visit_date"])
    out = out[out["visit_date"] >= pd.Timestamp(HISTORY_START)]
    out = out.sort_values(["visit_date", "child_id", "visit_type"], kind="stable")
    out = out.drop_duplicates(["child_id", "visit_date", "visit_type"])
    table = pd.DataFrame(
        {
            "Child Unique ID": out["child_id"].to_numpy(),
            "Visit Date": _dmy(out["visit_date"]).to_numpy(),
            "Visit Type": out["visit_type"].to_numpy(),
            "Child Seen": np.where(out["child_seen"].to_numpy(bool), "Y", "N"),
            "Seen Alone": np.where(out["seen_alone"].to_numpy(bool), "Y", "N"),
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n")
    return path


def child_teams(ctx: Context, fd: FrontDoor, periods: pd.DataFrame | None) -> pd.DataFrame:
    """Each child's locality and the team holding (or last holding) the case at end_month."""
    end = np.datetime64(ctx.end_month)
    kids = fd.children[["child_no", "child_id", "locality", "dob"]].copy()
    team = pd.Series("MASH and Duty", index=kids["child_no"].to_numpy(), dtype=object)
    loc = kids.set_index("child_no")["locality"]
    ref = fd.referrals.sort_values("ref_date")
    assessed = ref.loc[ref["assessed"], "child_no"].unique()
    team[assessed] = (loc[assessed] + " Assessment").to_numpy()
    planned = ref.loc[ref["cin_plan"] | ref["cpp"], "child_no"].unique()
    team[planned] = (loc[planned] + " Safeguarding and Support").to_numpy()
    disabled = ref.loc[ref["need"] == "N2", "child_no"].unique()
    team[disabled] = "Disabled Children"
    if periods is not None and len(periods):
        ids = kids.set_index("child_id")["child_no"]
        p = periods.sort_values(["child_id", "period_start"]).groupby("child_id").tail(1)
        p = p[p["child_id"].isin(ids.index)]
        nos = ids.reindex(p["child_id"]).to_numpy()
        p_end = pd.to_datetime(p["period_end"]).to_numpy().astype("datetime64[D]")
        dob = kids.set_index("child_no")["dob"].reindex(nos).to_numpy().astype("datetime64[D]")
        in_care = np.isnat(p_end) | (p_end > end)
        south = loc.reindex(nos).isin(SOUTH).to_numpy()
        team[nos[in_care]] = np.where(south[in_care], "Children in Care South", "Children in Care North")
        age_left = (p_end - dob).astype("timedelta64[D]").astype(float) / 365.25
        age_now = (end - dob).astype(int) / 365.25
        leaver = ~in_care & (age_left >= 16) & (age_now < 21)
        team[nos[leaver]] = "Care Leavers"
    return pd.DataFrame(
        {
            "child_no": kids["child_no"].to_numpy(),
            "child_id": kids["child_id"].to_numpy(),
            "locality": kids["locality"].to_numpy(),
            "team": team.reindex(kids["child_no"]).to_numpy(),
        }
    )


def written_children(fd: FrontDoor, periods: pd.DataFrame | None) -> np.ndarray:
    """Numbers of the children who appear in some written file (contacts and CIN from 2018, or care)."""
    first = np.datetime64(HISTORY_START)
    ref = fd.referrals
    closure = ref["closure"].to_numpy().astype("datetime64[D]")
    shown = set(ref.loc[np.isnat(closure) | (closure >= first), "child_no"].tolist())
    shown |= set(fd.contacts["child_no"].tolist())
    if periods is not None and len(periods):
        ids = fd.children.set_index("child_id")["child_no"]
        shown |= set(ids.reindex(periods["child_id"]).dropna().astype(int).tolist())
    return np.array(sorted(shown), dtype=np.int64)


def write_child_attributes(ctx: Context, fd: FrontDoor, periods: pd.DataFrame | None, path: Path) -> Path:
    """child_attributes: Child Unique ID, Locality, Team, Worker, one row per child in any written file.

    The worker is a made-up staff reference, one of six per team chosen from the child's number, so a
    team's lists group by worker as a council's would."""
    teams = child_teams(ctx, fd, periods)
    teams = teams[teams["child_no"].isin(written_children(fd, periods))]
    initials = teams["team"].str.split().map(lambda words: "".join(w[0] for w in words).upper())
    worker = initials + "-SW" + (teams["child_no"] * 7919 % 6 + 1).astype(str)
    out = pd.DataFrame(
        {
            "Child Unique ID": teams["child_id"],
            "Locality": teams["locality"],
            "Team": teams["team"],
            "Worker": worker,
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, index=False, lineterminator="\n")
    return path


def write_population(ctx: Context, path: Path) -> Path:
    """population_SYNTHETIC.csv: la_code, year, age_0_17."""
    path.parent.mkdir(parents=True, exist_ok=True)
    population_table(ctx).to_csv(path, index=False, lineterminator="\n")
    return path


def write_readme(out_dir: Path, seed: int, end_month: date) -> Path:
    """README_SYNTHETIC.txt at the top of the output folder."""
    path = out_dir / "README_SYNTHETIC.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(README_TEXT.format(seed=seed, end=end_month.strftime("%B %Y")), encoding="utf-8")
    return path
