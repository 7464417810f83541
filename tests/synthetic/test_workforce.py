"""The synthetic workforce (CSWW census and monthly extract), checked from the written CSV files.

Every figure is recomputed here from the files with pandas, independently of the generator's own
tables, using the DfE formulas (indicators.md section 6):
  vacancy rate = vacancies / (vacancies + employed FTE at 30 Sep)
  agency rate  = agency FTE / (agency FTE + employed FTE at 30 Sep)
  turnover     = FTE of employed leavers in the year / employed FTE at 30 Sep
  caseload     = cases at 30 Sep / FTE of workers (employed and agency) with FTE > 0 and >= 1 case
  sickness     = days lost by employed workers in the year / employed FTE at 30 Sep
The bands are calibration.md's 'good' column, judged on the 2025 census (year to 30 Sep 2025).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from cscdash.synthetic.context import Context
from cscdash.synthetic.workforce import simulate_workforce, write_workforce

XSD_ETHNICITY = {
    "WBRI",
    "WIRI",
    "WOTH",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
}


def _write(tmp: Path, **context_args) -> Path:
    ctx = Context(**context_args)
    out = tmp / ctx.la_code
    write_workforce(ctx, simulate_workforce(ctx), out)
    return out / "extracts"


@pytest.fixture(scope="module")
def extracts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("wf"))


def read_census(folder: Path, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    workers = pd.read_csv(folder / "csww" / f"csww_worker_{year}_SYNTHETIC.csv", dtype=str)
    la = pd.read_csv(folder / "csww" / f"csww_la_{year}_SYNTHETIC.csv")
    return workers, la


def census_figures(workers: pd.DataFrame, la: pd.DataFrame, year: int) -> dict[str, float]:
    """The published CSWW measures, from one year's worker and LA files."""
    employed = workers[workers["AgencyWorker"] == "0"]
    in_post = employed[employed["FTE30"].notna()]
    fte_in_post = in_post["FTE30"].astype(float).sum()
    leavers_fte = employed.loc[employed["RoleEndDate"].notna(), "FTE"].astype(float).sum()
    started = pd.to_datetime(employed["RoleStartDate"], format="%d/%m/%Y")
    in_year = (started >= pd.Timestamp(year - 1, 10, 1)) & (started <= pd.Timestamp(year, 9, 30))
    starters_fte = employed.loc[in_year, "FTE"].astype(float).sum()
    fte30 = workers["FTE30"].astype(float)
    cases = pd.to_numeric(workers["Cases30"]).fillna(0)
    holders = (fte30 > 0) & (cases >= 1)
    vacancies, agency = float(la["NumberOfVacancies"].iloc[0]), float(la["NoAgencyFTE"].iloc[0])
    return {
        "fte_in_post": fte_in_post,
        "vacancies": vacancies,
        "agency": agency,
        "leavers": leavers_fte,
        "starters": starters_fte,
        "vacancy_rate": 100 * vacancies / (vacancies + fte_in_post),
        "agency_rate": 100 * agency / (agency + fte_in_post),
        "turnover": 100 * leavers_fte / fte_in_post,
        "caseload": cases[holders].sum() / fte30[holders].sum(),
        "sickness": employed["WorkingDaysLost"].astype(float).sum() / fte_in_post,
    }


def test_census_figures_on_a_hand_made_census() -> None:
    """The test's own arithmetic, on four workers worked by hand."""
    workers = pd.DataFrame(
        {
            # A: employed 1.0 FTE, 12 cases, 5 days sick.  B: employed 0.5 FTE, 6 cases, 2 days sick.
            # C: employed 0.8 FTE, left in the year (no FTE30), 4 days sick.  D: agency 1.0 FTE, 15 cases.
            "AgencyWorker": ["0", "0", "0", "1"],
            "FTE": ["1.0", "0.5", "0.8", "1.0"],
            "FTE30": ["1.0", "0.5", None, "1.0"],
            "Cases30": ["12", "6", None, "15"],
            "RoleStartDate": ["01/01/2015", "15/10/2024", "01/03/2020", "01/05/2025"],
            "RoleEndDate": [None, None, "31/01/2025", None],
            "WorkingDaysLost": ["5", "2", "4", None],
        }
    )
    la = pd.DataFrame({"NumberOfVacancies": [0.5], "NoAgencyFTE": [1.0]})
    got = census_figures(workers, la, 2025)
    assert got["fte_in_post"] == pytest.approx(1.5)  # A 1.0 + B 0.5
    assert got["vacancy_rate"] == pytest.approx(25.0)  # 0.5 / (0.5 + 1.5)
    assert got["agency_rate"] == pytest.approx(40.0)  # 1.0 / (1.0 + 1.5)
    assert got["turnover"] == pytest.approx(53.333, abs=0.01)  # C 0.8 / 1.5
    assert got["starters"] == pytest.approx(0.5)  # only B started 1 Oct 2024 - 30 Sep 2025 (D is agency)
    assert got["caseload"] == pytest.approx(13.2)  # (12 + 6 + 15) / (1.0 + 0.5 + 1.0)
    assert got["sickness"] == pytest.approx(7.3333, abs=0.001)  # (5 + 2 + 4) / 1.5


def test_2025_census_lands_in_the_calibration_bands(extracts: Path) -> None:
    got = census_figures(*read_census(extracts, 2025), 2025)
    assert 13 <= got["vacancy_rate"] <= 22  # target 18
    assert 10 <= got["agency_rate"] <= 19  # target 12
    assert 8 <= got["turnover"] <= 20  # target 10
    assert 13 <= got["caseload"] <= 16  # target 14
    assert 8 <= got["sickness"] <= 14  # target about 11 days per FTE
    assert 205 <= got["fte_in_post"] <= 245  # about 225 FTE
    assert 40 <= got["vacancies"] <= 60  # about 50
    assert 22 <= got["agency"] <= 40  # about 31
    assert 15 <= got["leavers"] <= 32 and 18 <= got["starters"] <= 36  # about 23 and 27


def test_every_census_year_is_plausible_and_follows_the_trends(extracts: Path) -> None:
    years = {y: census_figures(*read_census(extracts, y), y) for y in range(2019, 2027)}
    for year, got in years.items():
        assert 5 <= got["vacancy_rate"] <= 25, year
        assert 5 <= got["agency_rate"] <= 22, year
        assert 4 <= got["turnover"] <= 25, year
        assert 12 <= got["caseload"] <= 19.5, year
    # calibration.md 5.3: turnover spikes in 2022-23 (the census of 30 Sep 2023) ...
    assert years[2023]["turnover"] > years[2022]["turnover"] + 3
    assert years[2023]["turnover"] > years[2024]["turnover"] + 3
    # ... caseloads fall from about 17.6 (2019) to about 14 ...
    assert years[2019]["caseload"] > years[2021]["caseload"] + 2
    # ... and agency falls after the October 2024 rules (E7).
    assert years[2025]["agency"] < 0.85 * years[2024]["agency"]


@pytest.fixture(scope="module")
def monthly(extracts: Path) -> pd.DataFrame:
    table = pd.read_csv(extracts / "local" / "workforce_monthly_SYNTHETIC.csv")
    table["month_end"] = pd.to_datetime(table["month_end"], format="%d/%m/%Y")
    return table


def test_monthly_extract_covers_every_month_and_team(monthly: pd.DataFrame) -> None:
    months = pd.date_range("2018-04-30", "2026-10-31", freq="ME")
    assert list(monthly["month_end"].drop_duplicates()) == list(months)
    teams_per_month = monthly.groupby("month_end")["team"].agg(list)
    assert all(t[0] == "ALL" and sorted(t[1:]) == sorted(Context().teams) for t in teams_per_month)


def test_monthly_total_rows_equal_the_sum_of_team_rows(monthly: pd.DataFrame) -> None:
    numeric = [c for c in monthly.columns if c not in ("month_end", "team")]
    teams = monthly[monthly["team"] != "ALL"].groupby("month_end")[numeric].sum()
    total = monthly[monthly["team"] == "ALL"].set_index("month_end")[numeric]
    pd.testing.assert_frame_equal(total.sort_index(), teams.sort_index(), check_dtype=False, atol=1e-6)


def test_establishment_is_employed_plus_vacancies(monthly: pd.DataFrame) -> None:
    gap = monthly["establishment_fte"] - monthly["employed_fte"] - monthly["vacancy_fte"]
    assert gap.abs().max() < 1e-6
    assert (monthly.loc[monthly["team"] != "ALL", "vacancy_fte"] >= 0).all()


def test_september_rows_agree_with_the_census(extracts: Path, monthly: pd.DataFrame) -> None:
    total = monthly[monthly["team"] == "ALL"].set_index("month_end")
    for year in range(2019, 2027):
        workers, la = read_census(extracts, year)
        sep = total.loc[pd.Timestamp(year, 9, 30)]
        employed = workers[workers["AgencyWorker"] == "0"]
        assert sep["employed_fte"] == pytest.approx(employed["FTE30"].astype(float).sum())
        assert sep["agency_fte"] == pytest.approx(la["NoAgencyFTE"].iloc[0])
        assert sep["vacancy_fte"] == pytest.approx(la["NumberOfVacancies"].iloc[0])
        assert sep["cases"] == pd.to_numeric(workers["Cases30"]).sum()
        year_rows = total.loc[pd.Timestamp(year - 1, 10, 31) : pd.Timestamp(year, 9, 30)]
        assert year_rows["leavers_headcount"].sum() == employed["RoleEndDate"].notna().sum()
        assert year_rows["leavers_fte"].sum() == pytest.approx(
            employed.loc[employed["RoleEndDate"].notna(), "FTE"].astype(float).sum()
        )
        assert year_rows["sickness_days"].sum() == pytest.approx(
            employed["WorkingDaysLost"].astype(float).sum()
        )


def _all(monthly: pd.DataFrame) -> pd.DataFrame:
    total = monthly[monthly["team"] == "ALL"].set_index("month_end").copy()
    total["vacancy_rate"] = 100 * total["vacancy_fte"] / total["establishment_fte"]
    total["caseload"] = total["cases"] / total["case_holders_fte"]
    return total


def test_e6_exodus_is_visible(monthly: pd.DataFrame) -> None:
    """E6, Nov-Dec 2022: employed down, vacancy rate 17% -> 21%, caseload +1.5 for 3 months, agency +5."""
    t = _all(monthly)
    oct22, dec22 = t.loc["2022-10-31"], t.loc["2022-12-31"]
    assert dec22["vacancy_rate"] - oct22["vacancy_rate"] >= 3
    assert 19 <= dec22["vacancy_rate"] <= 23
    assert oct22["employed_fte"] - dec22["employed_fte"] >= 3
    assert dec22["agency_fte"] - oct22["agency_fte"] >= 3
    before = t.loc["2022-08-31":"2022-10-31", "caseload"].mean()
    during = t.loc["2022-11-30":"2023-01-31", "caseload"].mean()
    after = t.loc["2023-03-31":"2023-05-31", "caseload"].mean()
    assert during - before >= 0.8 and during - after >= 0.8  # +1.5 designed; noise SD about 0.2


def test_e7_agency_rules_are_visible(monthly: pd.DataFrame) -> None:
    """E7, from Oct 2024: agency FTE -30% over 6 months; vacancies stay; caseload +0.5."""
    t = _all(monthly)
    agency_before = t.loc["2024-07-31":"2024-09-30", "agency_fte"].mean()
    assert t.loc["2025-04-30":"2025-09-30", "agency_fte"].mean() <= 0.8 * agency_before
    vacancy_before = t.loc["2024-04-30":"2024-09-30", "vacancy_rate"].mean()
    vacancy_after = t.loc["2025-04-30":"2025-09-30", "vacancy_rate"].mean()
    assert abs(vacancy_after - vacancy_before) <= 3
    caseload_before = t.loc["2024-07-31":"2024-09-30", "caseload"].mean()
    caseload_after = t.loc["2025-01-31":"2025-03-31", "caseload"].mean()
    assert caseload_after - caseload_before >= 0.2


def test_census_codes_are_valid(extracts: Path) -> None:
    for year in range(2019, 2027):
        workers, _ = read_census(extracts, year)
        assert workers["SWENo"].str.fullmatch(r"SW\d{10}").all() and workers["SWENo"].is_unique
        assert set(workers["OrgRole"]) <= set("123456")
        fte = workers["FTE"].astype(float)
        assert ((fte > 0) & (fte <= 1)).all()
        assert workers["FTE"].str.fullmatch(r"[01]\.\d{6}").all()
        employed = workers[workers["AgencyWorker"] == "0"]
        agency = workers[workers["AgencyWorker"] == "1"]
        assert set(employed["GenderCurrent"]) <= {"0", "1", "2", "9"}
        assert set(employed["Ethnicity"]) <= XSD_ETHNICITY
        assert set(employed["StartOrigin"].dropna()) <= {str(i) for i in range(1, 11)}
        assert set(employed["ReasonLeave"].dropna()) <= {str(i) for i in range(1, 11)}
        assert set(employed["LeaverDestination"].dropna()) <= {str(i) for i in range(1, 10)}
        assert set(workers["CFKSSstatus"].dropna()) <= set("1234")
        assert set(workers["ReasonAbsence"].dropna()) <= {"MAT", "OTH", "PUB", "SIC", "TRN", "UNA", "UNP"}
        assert agency["PersonBirthDate"].isna().all() and agency["FTE30"].notna().all()
        dates = pd.to_datetime(employed["RoleStartDate"], format="%d/%m/%Y")
        ended = pd.to_datetime(employed["RoleEndDate"], format="%d/%m/%Y")
        born = pd.to_datetime(employed["PersonBirthDate"], format="%d/%m/%Y")
        assert (ended.dropna() >= pd.Timestamp(year - 1, 10, 1)).all()
        assert (ended.dropna() <= pd.Timestamp(year, 9, 30)).all()
        assert (ended.dropna() >= dates[ended.notna()]).all()
        age_at_start = (dates - born).dt.days / 365.25
        assert age_at_start.between(21, 65).all()
        # leavers hold no post at 30 Sep; everyone else does
        assert (employed["RoleEndDate"].notna() == employed["FTE30"].isna()).all()


def test_workers_table_serves_the_care_part() -> None:
    ctx = Context()
    wf = simulate_workforce(ctx)
    w = wf.workers
    for col in ("SWENo", "team", "AgencyWorker", "OrgRole", "RoleStartDate", "RoleEndDate"):
        assert col in w.columns
    assert w["SWENo"].is_unique and set(w["team"]) <= set(ctx.teams)
    assert str(w["RoleEndDate"].dtype).startswith("datetime64")
    in_post_at_end = w["RoleEndDate"].isna()
    assert (w.loc[in_post_at_end, "RoleStartDate"] <= pd.Timestamp(ctx.end_month)).all()
    assert (w["RoleEndDate"].dropna() <= pd.Timestamp(ctx.end_month)).all()
    # every case-holding team has case holders in post at the end month
    holders = w[in_post_at_end & w["OrgRole"].isin([4, 5])]
    assert set(holders["team"]) == set(ctx.teams)
    assert list(wf.events.columns) == ["id", "series", "start", "end", "effect"]
    assert set(wf.events["id"]) == {"E6", "E7"}


def test_files_are_byte_identical_for_a_seed_and_differ_between_seeds(tmp_path: Path) -> None:
    first, second, other = (_write(tmp_path / name, seed=s) for name, s in (("a", 1), ("b", 1), ("c", 2)))
    names = sorted(p.relative_to(first) for p in first.rglob("*.csv"))
    assert names and all("SYNTHETIC" in p.name for p in names)
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert (first / names[0]).read_bytes() != (other / names[0]).read_bytes()


def test_census_years_follow_the_end_month(tmp_path: Path) -> None:
    """An end month of August 2026 has no 2026 census yet (year to 30 Sep 2026 unfinished)."""
    folder = _write(tmp_path, end_month=date(2026, 8, 31))
    years = sorted(int(re.search(r"(\d{4})", p.name).group(1)) for p in (folder / "csww").glob("csww_la_*"))
    assert years == list(range(2019, 2026))


def test_improving_profile_uses_the_same_code_with_its_own_shape(tmp_path: Path) -> None:
    folder = _write(tmp_path, profile="improving")
    y2022 = census_figures(*read_census(folder, 2022), 2022)
    y2025 = census_figures(*read_census(folder, 2025), 2025)
    assert y2022["vacancy_rate"] > 25 and 18 <= y2025["vacancy_rate"] <= 28  # 30 -> 24
    assert y2022["agency_rate"] > 30 and y2025["agency_rate"] < y2022["agency_rate"]  # 37 -> 28
