"""The synthetic authority's children and families social workers (the WORKFORCE part of the generator).

``simulate_workforce`` builds a roster of named-by-number social workers from ``BURN_IN_START`` to the
end month (``workforce_roster``), who they are (``workforce_people``), their sickness, absences and
cases (``workforce_activity``), and from those the CSWW census and the monthly establishment extract
(``workforce_tables``). The paths steered towards are in ``workforce_profile``. ``write_workforce``
writes the files of data_layouts.md 4.1-4.3 (monthly: plus ``starters_fte`` and ``leavers_fte``).

The CARE part allocates social workers to children in care from ``Workforce.workers``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cscdash.synthetic.context import BURN_IN_START, HISTORY_START, Context
from cscdash.synthetic.workforce_activity import Activity, simulate_activity
from cscdash.synthetic.workforce_people import describe_workers
from cscdash.synthetic.workforce_profile import PROFILES, monthly_targets, workforce_events
from cscdash.synthetic.workforce_roster import simulate_roster, team_shares
from cscdash.synthetic.workforce_tables import (
    CSWW_LA_COLUMNS,
    CSWW_WORKER_COLUMNS,
    MONTHLY_COLUMNS,
    csww_tables,
    monthly_table,
)

SYNTHETIC_NOTE = "SYNTHETIC: fictional data, not real children"


@dataclass
class Workforce:
    """The simulated workforce of one authority.

    workers: one row per social worker ever on the roster (employed and agency): SWENo, team,
        AgencyWorker (0/1), OrgRole (int 1-6), FTE, RoleStartDate, RoleEndDate (NaT while in post),
        StartOrigin, ReasonLeave, LeaverDestination, PersonBirthDate, GenderCurrent, Ethnicity, QualInst,
        QualLevel, StepUpGrad, FrontlineGrad, newly_qualified (bool: an ASYE starter), start_m, end_m.
    monthly: the monthly extract as written (team rows and a team = ALL row per month from April 2018).
    csww_workers, csww_la: the census rows of every year to 30 September, with ``census_year``.
    events: the injected workforce events (E6, E7) for events.csv: id, series, start, end, effect.
    targets: the monthly paths the roster steered towards (for checking and charts).
    """

    workers: pd.DataFrame
    monthly: pd.DataFrame
    csww_workers: pd.DataFrame
    csww_la: pd.DataFrame
    events: pd.DataFrame
    targets: pd.DataFrame
    activity: Activity


def simulated_months(ctx: Context) -> list:
    """Month ends from BURN_IN_START to the context's end month."""
    return [d.date() for d in pd.date_range(BURN_IN_START, ctx.end_month, freq="ME")]


def simulate_workforce(ctx: Context) -> Workforce:
    """Simulate the authority's social work roster, its sickness and caseloads, and the census tables."""
    profile = PROFILES[ctx.profile]
    months = simulated_months(ctx)
    targets = monthly_targets(profile, months, ctx.size_factor)
    shares = team_shares(ctx.teams, ctx.localities)
    roster = simulate_roster(ctx.rng("workforce.roster"), targets, shares)
    workers = describe_workers(
        ctx.rng("workforce.people"), roster, ctx.teams, months[0], profile.newly_qualified_share
    )
    activity = simulate_activity(ctx.rng("workforce.activity"), workers, months, targets)
    first_written = months.index(pd.Timestamp(HISTORY_START).to_period("M").to_timestamp("M").date())
    monthly = monthly_table(workers, activity, roster.team_establishment, months, ctx.teams, first_written)
    csww_workers, csww_la = csww_tables(workers, activity, roster.team_establishment, months)
    return Workforce(
        workers=workers,
        monthly=monthly,
        csww_workers=csww_workers,
        csww_la=csww_la,
        events=workforce_events(profile, ctx.end_month),
        targets=targets,
        activity=activity,
    )


# ----------------------------------------------------------------------------------------- writers
def _dates(series: pd.Series) -> pd.Series:
    """dd/mm/yyyy, blank for missing (data_layouts.md 0)."""
    return pd.to_datetime(series).dt.strftime("%d/%m/%Y").fillna("")


def _decimals(series: pd.Series, places: int) -> pd.Series:
    """Fixed decimals as the census schema types them, blank for missing."""
    values = pd.to_numeric(series)
    return values.map(lambda v: "" if pd.isna(v) else f"{v:.{places}f}")


def _codes(series: pd.Series) -> pd.Series:
    """Codes and integers as text, blank for missing (no '5.0' from a float column)."""
    return series.map(
        lambda v: "" if v is None or pd.isna(v) else str(int(v)) if isinstance(v, float) else str(v)
    )


def csww_worker_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """One census year's worker rows formatted for CSV."""
    out = pd.DataFrame(index=rows.index)
    for col in CSWW_WORKER_COLUMNS:
        if col in ("PersonBirthDate", "RoleStartDate", "RoleEndDate"):
            out[col] = _dates(rows[col])
        elif col in ("FTE", "FTE30"):
            out[col] = _decimals(rows[col], 6)
        elif col == "WorkingDaysLost":
            out[col] = _decimals(rows[col], 2)
        elif col == "ContractWeeks":
            out[col] = _decimals(rows[col], 1)
        else:
            out[col] = _codes(rows[col].astype(object))
    return out


def write_workforce(ctx: Context, wf: Workforce, out_dir: Path) -> list[Path]:
    """Write the CSWW files of every census year and the monthly extract under ``out_dir/extracts``.

    ``out_dir`` is the authority's folder (``<out>/<la_code>``). Returns the paths written.
    """
    extracts = Path(out_dir) / "extracts"
    csww_dir, local_dir = extracts / "csww", extracts / "local"
    csww_dir.mkdir(parents=True, exist_ok=True)
    local_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for year in sorted(wf.csww_la["census_year"]):
        rows = wf.csww_workers[wf.csww_workers["census_year"] == year]
        path = csww_dir / f"csww_worker_{year}_SYNTHETIC.csv"
        csww_worker_frame(rows).to_csv(path, index=False, lineterminator="\n")
        written.append(path)
        la = wf.csww_la[wf.csww_la["census_year"] == year]
        la_out = pd.DataFrame(
            {
                "NumberOfVacancies": _decimals(la["NumberOfVacancies"], 2),
                "NoAgencyFTE": _decimals(la["NoAgencyFTE"], 2),
                "NoAgencyHeadcount": la["NoAgencyHeadcount"].astype(int).astype(str),
            }
        )[CSWW_LA_COLUMNS]
        path = csww_dir / f"csww_la_{year}_SYNTHETIC.csv"
        la_out.to_csv(path, index=False, lineterminator="\n")
        written.append(path)

    monthly = wf.monthly.copy()
    monthly["month_end"] = _dates(monthly["month_end"])
    for col in MONTHLY_COLUMNS[2:]:
        if monthly[col].dtype.kind == "f":
            monthly[col] = _decimals(monthly[col], 2)
    path = local_dir / "workforce_monthly_SYNTHETIC.csv"
    monthly[MONTHLY_COLUMNS].to_csv(path, index=False, lineterminator="\n")
    written.append(path)
    return written


__all__ = ["SYNTHETIC_NOTE", "Workforce", "simulate_workforce", "write_workforce", "simulated_months"]
