"""The workforce tables the files are written from: the monthly team extract and the yearly CSWW.

Both are sums over the same roster and worker-by-month matrices, so the census at 30 September and the
September row of the monthly extract always agree (employed FTE, agency FTE, vacancies, cases).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from cscdash.synthetic.workforce_activity import Activity

MONTHLY_COLUMNS = [
    "month_end",
    "team",
    "establishment_fte",
    "employed_fte",
    "agency_fte",
    "vacancy_fte",
    "starters_headcount",
    "leavers_headcount",
    "starters_fte",
    "leavers_fte",
    "sickness_days",
    "case_holders_fte",
    "cases",
    "asye_headcount",
]
CSWW_WORKER_COLUMNS = [
    "AgencyWorker",
    "SWENo",
    "FTE",
    "PersonBirthDate",
    "GenderCurrent",
    "Ethnicity",
    "QualInst",
    "QualLevel",
    "StepUpGrad",
    "OrgRole",
    "RoleStartDate",
    "StartOrigin",
    "RoleEndDate",
    "LeaverDestination",
    "ReasonLeave",
    "FTE30",
    "Cases30",
    "WorkingDaysLost",
    "ContractWeeks",
    "FrontlineGrad",
    "Absat30Sept",
    "ReasonAbsence",
    "CFKSSstatus",
]
CSWW_LA_COLUMNS = ["NumberOfVacancies", "NoAgencyFTE", "NoAgencyHeadcount"]
#: Fields the census asks only of employed social workers; agency rows leave them blank.
_EMPLOYED_ONLY = [
    "PersonBirthDate",
    "GenderCurrent",
    "Ethnicity",
    "QualInst",
    "QualLevel",
    "StepUpGrad",
    "StartOrigin",
    "RoleEndDate",
    "LeaverDestination",
    "ReasonLeave",
    "WorkingDaysLost",
    "FrontlineGrad",
    "CFKSSstatus",
]


def monthly_table(
    workers: pd.DataFrame,
    activity: Activity,
    establishment: np.ndarray,
    months: list[date],
    teams: list[str],
    first_written: int,
) -> pd.DataFrame:
    """One row per team per month from month index ``first_written``, then a ``team = ALL`` row per month.

    The ALL row is the sum of the (already rounded) team rows, and vacancy = establishment - employed is
    computed from the rounded figures, so both identities hold exactly in the written file.
    """
    n_teams = len(teams)
    team = pd.Categorical(workers["team"], categories=teams).codes
    fte = workers["FTE"].to_numpy()
    employed = workers["AgencyWorker"].to_numpy() == 0
    start_m, end_m = workers["start_m"].to_numpy(), workers["end_m"].to_numpy()
    nq = workers["newly_qualified"].to_numpy()

    def by_team(mask: np.ndarray, values: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(team[mask], None if values is None else values[mask], minlength=n_teams)

    frames = []
    for m in range(first_written, len(months)):
        post = activity.in_post[:, m]
        starters, leavers = employed & (start_m == m), employed & (end_m == m)
        holders = post & (activity.cases[:, m] > 0)
        est = np.round(establishment[m], 2)
        emp_fte = np.round(by_team(post & employed, fte), 2)
        frames.append(
            pd.DataFrame(
                {
                    "month_end": months[m],
                    "team": teams,
                    "establishment_fte": est,
                    "employed_fte": emp_fte,
                    "agency_fte": np.round(by_team(post & ~employed, fte), 2),
                    "vacancy_fte": np.round(est - emp_fte, 2),
                    "starters_headcount": by_team(starters),
                    "leavers_headcount": by_team(leavers),
                    "starters_fte": np.round(by_team(starters, fte), 2),
                    "leavers_fte": np.round(by_team(leavers, fte), 2),
                    "sickness_days": np.round(by_team(employed, activity.sickness_days[:, m]), 2),
                    "case_holders_fte": np.round(by_team(holders, fte), 2),
                    "cases": by_team(post, activity.cases[:, m].astype(float)).astype(np.int64),
                    "asye_headcount": by_team(post & employed & nq & (m - start_m < 12)),
                }
            )
        )
    teams_rows = pd.concat(frames, ignore_index=True)
    total = teams_rows.groupby("month_end", sort=True).sum(numeric_only=True).reset_index()
    total["team"] = "ALL"
    for col in MONTHLY_COLUMNS[2:]:
        if teams_rows[col].dtype.kind == "f":
            total[col] = total[col].round(2)
    total["vacancy_fte"] = (total["establishment_fte"] - total["employed_fte"]).round(2)
    out = pd.concat([teams_rows, total[MONTHLY_COLUMNS]], ignore_index=True)
    out["team_order"] = out["team"].map({t: i for i, t in enumerate(["ALL", *teams])})
    out = out.sort_values(["month_end", "team_order"], kind="stable").drop(columns="team_order")
    return out[MONTHLY_COLUMNS].reset_index(drop=True)


def census_years(months: list[date]) -> list[int]:
    """CSWW years (to 30 Sep YYYY) from 2019 to the last 30 September within the simulated months."""
    return [d.year for d in months if d.month == 9 and d.year >= 2019]


def csww_tables(
    workers: pd.DataFrame, activity: Activity, establishment: np.ndarray, months: list[date]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The CSWW worker rows and LA rows of every census year, each with a ``census_year`` column.

    Worker rows: employed staff in post at 30 September or leaving in the year to it; agency staff in
    post at 30 September (agency rows carry only the fields the census asks of agency workers).
    """
    index = {(d.year, d.month): i for i, d in enumerate(months)}
    employed = workers["AgencyWorker"].to_numpy() == 0
    start_m, end_m = workers["start_m"].to_numpy(), workers["end_m"].to_numpy()
    nq = workers["newly_qualified"].to_numpy()
    role = workers["OrgRole"].to_numpy()
    worker_frames, la_rows = [], []
    for year in census_years(months):
        ms = index[(year, 9)]
        m0 = ms - 11
        post = activity.in_post[:, ms]
        leaver = employed & (end_m >= m0) & (end_m <= ms)
        rows = (employed & (post | leaver)) | (~employed & post)
        w = workers.loc[rows].copy()
        sel = np.flatnonzero(rows)
        in_post, emp = post[sel], employed[sel]
        year_start, year_end = pd.Timestamp(year - 1, 10, 1), pd.Timestamp(year, 9, 30)
        starter = (start_m[sel] >= m0) & (start_m[sel] <= ms)
        asye = nq[sel] & (np.minimum(end_m[sel], ms) - start_m[sel] < 12)
        kss = np.select([asye, np.isin(role[sel], [5, 6]), np.isin(role[sel], [3, 4])], ["1", "2", "3"], "4")
        absent = activity.absence[sel, ms]
        w["FTE30"] = np.where(in_post, w["FTE"], np.nan)
        w["Cases30"] = pd.array(np.where(in_post, activity.cases[sel, ms], 0), dtype="Int64")
        w.loc[~in_post, "Cases30"] = pd.NA
        w["WorkingDaysLost"] = np.round(activity.sickness_days[sel, m0 : ms + 1].sum(axis=1), 2)
        active_from = w["RoleStartDate"].clip(lower=year_start)
        active_to = w["RoleEndDate"].fillna(year_end).clip(upper=year_end)
        weeks = np.round((active_to - active_from).dt.days.to_numpy() / 7.0, 1)
        w["ContractWeeks"] = np.where(emp, np.nan, weeks)
        w["Absat30Sept"] = pd.array(np.where(absent != "", 1, 0), dtype="Int64")
        w.loc[~in_post, "Absat30Sept"] = pd.NA
        w["ReasonAbsence"] = np.where(in_post & (absent != ""), absent, None)
        w["CFKSSstatus"] = kss
        w["StartOrigin"] = np.where(starter, w["StartOrigin"], None)
        left_in_year = leaver[sel]
        for col in ("RoleEndDate", "LeaverDestination", "ReasonLeave"):
            w[col] = w[col].where(left_in_year)
        for col in _EMPLOYED_ONLY:
            w[col] = w[col].where(emp)
        w["census_year"] = year
        worker_frames.append(w[["census_year", *CSWW_WORKER_COLUMNS]])

        ag_post = post & ~employed
        emp_fte = round(float(workers["FTE"].to_numpy()[post & employed].sum()), 6)
        la_rows.append(
            {
                "census_year": year,
                "NumberOfVacancies": round(float(establishment[ms].sum()) - emp_fte, 2),
                "NoAgencyFTE": round(float(workers["FTE"].to_numpy()[ag_post].sum()), 2),
                "NoAgencyHeadcount": int(ag_post.sum()),
            }
        )
    return pd.concat(worker_frames, ignore_index=True), pd.DataFrame(la_rows)
