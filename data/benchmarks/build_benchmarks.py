"""Rebuild the shipped benchmark and reference files from the DfE and ONS reference files.

Run at build time, never by the app (the app reads only the outputs)::

    python data/benchmarks/build_benchmarks.py [--reference ../shared/reference]

Inputs (Open Government Licence v3.0, Crown copyright):
  CSC_outcomes_and_enablers/data-raw/*.csv   DfE tidy CSVs (CIN, SSDA903, CSWW), ONS 0-17 population,
                                             statistical neighbour groupings (2021 and 2025 models)
  local-authority-interactive-tool/01_data/02_prod/bds_long_0.parquet   DfE LAIT values, 2016-2025

Outputs:
  data/benchmarks/published.parquet          one row per indicator, year and geography (long table)
  data/reference/population.csv              ONS mid-year 0-17 for every LA, region and England
  data/reference/la_codes.csv                current LAs plus the synthetic demo authorities
  data/reference/statistical_neighbours.csv  each LA's ten neighbours under the 2021 and 2025 models

Why two sources: the DfE tidy CSVs carry numerators and denominators (so the arithmetic can be checked)
but cover only some measures and years; LAIT covers more measures from 2016 but gives only the value.
For each indicator the tidy CSV wins for every year it covers; LAIT fills only the years the CSV lacks,
so one year never mixes two sources. Suppression codes (c, x, z, k, low, u; LAIT's "-") are kept as
``status`` with the code, never turned into zero.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
DEFAULT_REFERENCE = PROJECT.parent / "shared" / "reference"
RAW = "CSC_outcomes_and_enablers/data-raw"
LAIT = "local-authority-interactive-tool/01_data/02_prod/bds_long_0.parquet"

ENGLAND = "E92000001"
#: GSS symbols used by the DfE files, and LAIT's dash, with the reason shown to users.
CODES = {
    "c": "confidential: small number suppressed",
    "x": "not available",
    "z": "not applicable",
    "k": "less than 0.5 but not zero",
    "low": "too few to publish",
    "u": "low reliability",
    ":": "not available",
    "-": "not published in LAIT (suppressed or not collected)",
}
#: LAIT's region numbers -> ONS region codes (LAIT also has Inner/Outer London, which we do not ship).
LAIT_REGIONS = {
    970: ENGLAND,
    980: "E12000001",
    981: "E12000002",
    982: "E12000003",
    983: "E12000004",
    984: "E12000005",
    985: "E12000006",
    986: "E12000007",
    989: "E12000008",
    990: "E12000009",
}
SYNTHETIC_LAS = [("E06999999", "999", "Wessex Vale Council (synthetic data)", "South West")] + [
    (f"E06999{i:03d}", f"{i:03d}", f"Synthetic Authority {i:03d} (synthetic data)", "South West")
    for i in range(1, 150)
]
WORKFORCE_FILE = "csww_indicators_2017_to_2025.csv"
#: CSWW absence rate: days lost / (FTE x working days in the year to 30 Sep), as the DfE computes it.
WORKING_DAYS_PER_YEAR = 253


@dataclass(frozen=True)
class Spec:
    """How one indicator is read from one tidy DfE file.

    ``value`` names the published column; when it is None the value is derived from ``num``/``den``
    (``kind`` 'pct' = num / den x 100, 'ratio' = num / den, 'rate' = num / ONS 0-17 of the previous
    mid-year x 10,000), rounded to ``dp`` as the DfE rounds that release. ``num``/``den`` are lists of
    columns that are summed (a suppressed part makes the sum suppressed).
    """

    indicator_id: str
    file: str
    value: str | None
    num: tuple[str, ...] = ()
    den: tuple[str, ...] = ()
    kind: str = "published"
    dp: int = 1
    where: dict[str, str] = field(default_factory=dict)
    den_scale: float = 1.0


def S(
    indicator_id: str,
    file: str,
    value: str | None,
    num: str | tuple[str, ...] = (),
    den: str | tuple[str, ...] = (),
    **kw,
) -> Spec:  # noqa: N802 - a short constructor for the table
    """Shorthand for the table below: single column names may be given as plain strings."""
    as_tuple = lambda x: (x,) if isinstance(x, str) else tuple(x)  # noqa: E731
    return Spec(indicator_id, file, value, as_tuple(num), as_tuple(den), **kw)


C1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
B1 = "b1_children_in_need_2013_to_2025.csv"
D3 = "d3_cpps_subsequent_plan_2013_to_2025.csv"
D5 = "d5_cpps_at31march_by_duration_2013_to_2025.csv"
CLA = "cla_number_and_rate_per_10k_children.csv"
STAB = "la_cla_placement_stability.csv"
NEWPL = "la_cla_during_year_new_placements.csv"
HEALTH = "la_conviction_health_outcome_cla.csv"
ACCOM = "la_care_leavers_accommodation_suitability.csv"
ACTIV = "la_care_leavers_activity.csv"
SWC = "la_cla_swcount.csv"
WF = WORKFORCE_FILE

# Long files are pivoted to one column per breakdown label: "<group> | <label>".
_LA = "CLA on 31 March"
_2Y = "CLA 2 years on 31 March"
_3P2 = "With 3 or more placements during the previous 2 years"
_LT = "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"
_NP = "Location of new placements during the year"
_HA = "Health assessments: Children looked after all ages"
_SDQ = "Ages 5 to 16 years with SDQ score"
_OUT20 = (
    f"{_NP} | Placed inside LA boundary more than 20 miles from home",
    f"{_NP} | Placed outside LA boundary more than 20 miles from home",
)
_OUTLA = (
    f"{_NP} | Placed outside LA boundary less than 20 miles from home",
    f"{_NP} | Placed outside LA boundary more than 20 miles from home",
)

SPECS: list[Spec] = [
    S("referrals_count", C1, "referral_count", "referral_count"),
    S("referral_rate_per_10k", C1, None, "referral_count", kind="rate"),
    S("rereferrals_12m_pct", C1, "rereferral_percent", "rereferral_count", "referral_count"),
    S("referrals_nfa_pct", C1, "no_further_action_percent", "no_further_action_count", "referral_count"),
    S("referrals_assessed_not_in_need_pct", C1, "not_in_need_percent", "not_in_need_count", "referral_count"),
    S("cin_count", B1, "At31_episodes", "At31_episodes"),
    S("cin_rate_per_10k", B1, None, "At31_episodes", kind="rate"),
    S("cpp_starts_count", D3, "CPP_start", "CPP_start"),
    S("cpp_second_subsequent_pct", D3, "CPP_subsequent_percent", "CPP_subsequent", "CPP_start"),
    S("cpp_count", D5, "CPP_At31", "CPP_At31"),
    S("cpp_rate_per_10k", D5, None, "CPP_At31", kind="rate"),
    S("cpp_open_2y_plus_pct", D5, "2_years_or_more_percent", "2_years_or_more", "CPP_At31"),
    S(
        "cla_count",
        CLA,
        "Children looked after on 31 March each year | children_count",
        "Children looked after on 31 March each year | children_count",
    ),
    S(
        "cla_rate_per_10k",
        CLA,
        "Children looked after on 31 March each year | rate_per_10000",
        "Children looked after on 31 March each year | children_count",
        "Children looked after on 31 March each year | population_estimate",
        den_scale=1e-4,
    ),
    S(
        "cla_starts_count",
        CLA,
        "Children starting to be looked after each year | children_count",
        "Children starting to be looked after each year | children_count",
    ),
    S(
        "cla_starts_rate_per_10k",
        CLA,
        "Children starting to be looked after each year | rate_per_10000",
        "Children starting to be looked after each year | children_count",
        "Children starting to be looked after each year | population_estimate",
        den_scale=1e-4,
    ),
    S(
        "cla_ceased_count",
        CLA,
        "Children ceasing to be looked after each year | children_count",
        "Children ceasing to be looked after each year | children_count",
    ),
    S(
        "cla_3plus_placements_pct",
        STAB,
        f"{_LA} | With 3 or more placements during the year | pct",
        f"{_LA} | With 3 or more placements during the year",
        f"{_LA} | Total children",
    ),
    S(
        "cla_3plus_placements_2y_pct",
        STAB,
        f"{_2Y} | {_3P2} | pct",
        f"{_2Y} | {_3P2}",
        f"{_2Y} | Total children",
    ),
    S(
        "cla_longterm_stability_pct",
        STAB,
        f"{_LT} | Living with the same carer for at least 2 years | pct",
        f"{_LT} | Living with the same carer for at least 2 years",
        f"{_LT} | Total children",
    ),
    S(
        "cla_new_placements_over_20_miles_pct",
        NEWPL,
        None,
        _OUT20,
        f"{_NP} | Total new placements",
        kind="pct",
        dp=0,
    ),
    S(
        "cla_new_placements_outside_la_pct",
        NEWPL,
        None,
        _OUTLA,
        f"{_NP} | Total new placements",
        kind="pct",
        dp=0,
    ),
    S(
        "cla_health_assessment_pct",
        HEALTH,
        f"{_HA} | Had their annual health assessment | pct",
        f"{_HA} | Had their annual health assessment",
        f"{_HA} | Total all ages",
    ),
    S(
        "cla_dental_check_pct",
        HEALTH,
        f"{_HA} | Had their teeth checked by a dentist | pct",
        f"{_HA} | Had their teeth checked by a dentist",
        f"{_HA} | Total all ages",
    ),
    S(
        "cla_immunisations_pct",
        HEALTH,
        f"{_HA} | Had their immunisations up to date | pct",
        f"{_HA} | Had their immunisations up to date",
        f"{_HA} | Total all ages",
    ),
    S("cla_sdq_average", HEALTH, f"{_SDQ} | SDQ average score", (), f"{_SDQ} | SDQ score was received"),
    S(
        "cla_sdq_concern_pct",
        HEALTH,
        f"{_SDQ} | SDQ score is a cause for concern | pct",
        f"{_SDQ} | SDQ score is a cause for concern",
        f"{_SDQ} | SDQ score was received",
    ),
    S(
        "cla_sdq_returned_pct",
        HEALTH,
        f"{_SDQ} | SDQ score was received | pct",
        f"{_SDQ} | SDQ score was received",
        f"{_SDQ} | Total ages 5 to 16 years",
    ),
    S(
        "cla_sw_changes_3plus_pct",
        SWC,
        f"{_LA} | 3 or more social workers during the year | pct",
        f"{_LA} | 3 or more social workers during the year",
        f"{_LA} | Total children",
    ),
    S("cl_17_18_cohort_count", ACTIV, "17 to 18 years | Total", "17 to 18 years | Total"),
    S("cl_19_21_cohort_count", ACTIV, "19 to 21 years | Total", "19 to 21 years | Total"),
    S(
        "cl_eet_17_18_pct",
        ACTIV,
        "17 to 18 years | Total in education, employment or training | pct",
        "17 to 18 years | Total in education, employment or training",
        "17 to 18 years | Total",
    ),
    S(
        "cl_eet_19_21_pct",
        ACTIV,
        "19 to 21 years | Total in education, employment or training | pct",
        "19 to 21 years | Total in education, employment or training",
        "19 to 21 years | Total",
    ),
    S(
        "cl_suitable_accom_17_18_pct",
        ACCOM,
        "17 to 18 years | Accommodation considered suitable | pct",
        "17 to 18 years | Accommodation considered suitable",
        "17 to 18 years | Suitability total",
    ),
    S(
        "cl_suitable_accom_19_21_pct",
        ACCOM,
        "19 to 21 years | Accommodation considered suitable | pct",
        "19 to 21 years | Accommodation considered suitable",
        "19 to 21 years | Suitability total",
    ),
    S("wf_sw_fte_in_post", WF, "inpost_fte", "inpost_fte"),
    S("wf_vacancy_fte", WF, "vacancy_fte", "vacancy_fte"),
    S("wf_agency_fte", WF, "agency_fte", "agency_fte"),
    S("wf_starters_fte", WF, "starters_fte", "starters_fte"),
    S("wf_leavers_fte", WF, "leavers_fte", "leavers_fte"),
    S("wf_vacancy_rate_pct", WF, "vacancy_rate_fte", "vacancy_fte", ("vacancy_fte", "inpost_fte")),
    S("wf_agency_rate_pct", WF, "agency_rate_fte", "agency_fte", ("agency_fte", "inpost_fte")),
    S("wf_turnover_rate_pct", WF, "turnover_rate_fte", "leavers_fte", "inpost_fte"),
    S("wf_avg_caseload", WF, "caseload_fte", "cases", "case_holders_fte"),
    S(
        "wf_absence_rate_pct",
        WF,
        "absence_rate_fte",
        "working_days_lost_fte",
        "inpost_fte",
        den_scale=WORKING_DAYS_PER_YEAR,
    ),
    S("wf_sickness_days_per_fte", WF, None, "working_days_lost_fte", "inpost_fte", kind="ratio", dp=1),
]

#: LAIT measures (Short Desc) for indicators with no tidy file, or to fill earlier years.
LAIT_MEASURES: dict[str, str] = {
    "referral_rate_per_10k": "CPP_Total_Rateper10,000",
    "rereferrals_12m_pct": "ReReferral",
    "referrals_nfa_pct": "CIN_Refferals_NFA",
    "referrals_assessed_not_in_need_pct": "Referrals_AssessedNotNeed",
    "referral_source_police_pct": "RefBySource_Police_%",
    "referral_source_schools_pct": "RefBySource_Schl_%",
    "referral_source_health_pct": "RefBySource_HealthServ_%",
    "assessments_within_45wd_pct": "Continue_Assess_Comp",
    "cin_rate_per_10k": "CIN",
    "s47_rate_per_10k": "Section_47",
    "icpc_rate_per_10k": "ISCP_Conf",
    "icpc_within_15wd_pct": "CP_conf_15days",
    "cpp_rate_per_10k": "CPP_rate",
    "cpp_second_subsequent_pct": "PrevRegCPR",
    "cpp_ended_2y_plus_pct": "CPPlans2yrs",
    "cpp_open_2y_plus_pct": "CPPlans2yrsActive",
    "cpp_reviews_on_time_pct": "RevCP",
    "cla_rate_per_10k": "LAC",
    "cla_starts_rate_per_10k": "LAC_Start_Rate",
    "cla_uasc_count": "Unacc_Asylmn_Seek_Childn",
    "cla_starts_uasc_pct": "UASC_%_Starting",
    "cla_ceased_adoption_pct": "%_of LAC Adopted",
    "cla_ceased_sgo_pct": "LAC_ceased_SGO%",
    "adoptions_count": "No_of LAC Adopted",
    "cla_in_foster_pct": "LAC_Foster_Placements",
    "cla_in_childrens_homes_pct": "LAC_SecHome_And_ChildHome",
    "cla_independent_supported_pct": "LAC_Ind_SInd_Liv_Arr",
    "cla_placed_with_parents_pct": "LAC_Parents_OR_Others",
    "cla_other_placements_pct": "LAC_Other_Place_Inc_Unreg",
    "cla_3plus_placements_pct": "LACStable_2016on",
    "cla_longterm_stability_pct": "LAC_LongStable%",
    "cla_outside_la_over_20_miles_pct": "LACDistance",
    "cla_health_assessment_pct": "LACHealth%",
    "cla_dental_check_pct": "LACDental%",
    "cla_immunisations_pct": "LACVaccinations%",
    "cla_sdq_average": "Emotional_LAC",
    "cla_missing_pct": "Children_missing",
    "cla_away_pct": "Children_Away",
    "cla_sw_changes_3plus_pct": "Stability_SocialWorker",
    "cl_staying_put_pct": "StayingPut",
    "cl_not_in_touch_19_21_pct": "CareLeavers_LA_NotInTouch",
    "wf_vacancy_rate_pct": "Work_Force_Vac_Rate",
    "wf_agency_rate_pct": "Work_Force_Agecy_Rate",
    "wf_turnover_rate_pct": "Work_Force_TO_Rate",
    "wf_avg_caseload": "Work_Force_AvgNumCase_SW",
    "wf_absence_rate_pct": "Work_Force_SWAbsence",
}
WORKFORCE_IDS = {s.indicator_id for s in SPECS if s.file == WF} | {k for k in LAIT_MEASURES if k[:3] == "wf_"}

COLUMNS = [
    "indicator_id",
    "year",
    "period_end",
    "geographic_level",
    "la_code",
    "la_number",
    "la_name",
    "region",
    "value",
    "numerator",
    "denominator",
    "status",
    "status_code",
    "status_reason",
    "method",
    "source",
]


# --------------------------------------------------------------------------- reading
def read_tidy(path: Path) -> pd.DataFrame:
    """A DfE tidy CSV as text, with one ``la_code`` for every geography level."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    df.columns = [c.strip() for c in df.columns]
    df = df[df["geographic_level"].isin(["National", "Regional", "Local authority"])].copy()
    level = df["geographic_level"]
    df["la_code"] = np.where(
        level == "National",
        df["country_code"],
        np.where(level == "Regional", df["region_code"], df["new_la_code"]),
    )
    df["la_name"] = np.where(
        level == "National", "England", np.where(level == "Regional", df["region_name"], df["la_name"])
    )
    # The nine ONS regions: some files split London into Inner and Outer London (E13 codes).
    region = df["region_name"].replace({"Inner London": "London", "Outer London": "London"})
    df["region"] = np.where(level == "Local authority", region, "")
    df["la_number"] = np.where(level == "Local authority", df["old_la_code"], "")
    df["year"] = df["time_period"].str[:4].astype(int)
    return df


KEYS = ["year", "geographic_level", "la_code", "la_number", "la_name", "region"]


def widen(df: pd.DataFrame, label_cols: list[str], value_cols: dict[str, str]) -> pd.DataFrame:
    """Long breakdown rows -> one row per geography and year; columns '<labels> | <suffix>'."""
    label = df[label_cols].astype(str).agg(" | ".join, axis=1)
    parts = []
    for col, suffix in value_cols.items():
        part = df[KEYS].assign(label=label + suffix, cell=df[col])
        parts.append(part)
    long = pd.concat(parts)
    return long.pivot_table(index=KEYS, columns="label", values="cell", aggfunc="first").reset_index()


def load_wide(raw: Path, file: str) -> pd.DataFrame:
    """Each tidy file in the shape the specs address (wide files as they are)."""
    df = read_tidy(raw / file)
    if file == CLA:
        return widen(
            df,
            ["population_type"],
            {
                "children_count": " | children_count",
                "rate_per_10000": " | rate_per_10000",
                "population_estimate": " | population_estimate",
            },
        )
    long_layouts = {
        STAB: (["cla_group", "placement_stability"], "children_count", "children_percent"),
        NEWPL: (["characteristic", "breakdown"], "children_count", "children_percent"),
        HEALTH: (["characteristic", "breakdown"], "children_count", "children_percent"),
        ACCOM: (["care_leaver_age", "breakdown"], "care_leaver_count", "care_leaver_percent"),
        ACTIV: (["care_leaver_age", "breakdown"], "care_leaver_count", "care_leaver_percent"),
        SWC: (["cla_group", "sw_stability"], "number", "percentage"),
    }
    if file in long_layouts:
        labels, count, pct = long_layouts[file]
        return widen(df, labels, {count: "", pct: " | pct"})
    return df


def cell(text: object) -> tuple[float, str]:
    """(number, '') for a published number, (nan, code) for a GSS symbol or blank."""
    s = "" if text is None or (isinstance(text, float) and np.isnan(text)) else str(text).strip()
    try:
        return float(s.replace(",", "")), ""
    except ValueError:
        return np.nan, (s.lower() if s else "x")


# --------------------------------------------------------------------------- building
def population_table(raw: Path) -> pd.DataFrame:
    """ONS mid-year estimate of children aged 0-17: la_code, year, age_0_17."""
    df = read_tidy(raw / "ons_mid-year_population_estimates_2012_to_2024.csv")
    df["age_0_17"] = pd.to_numeric(df["population_estimate"], errors="coerce")
    df = df.dropna(subset=["age_0_17"])
    df["age_0_17"] = df["age_0_17"].astype("int64")
    return df[["la_code", "year", "age_0_17"]].sort_values(["la_code", "year"]).reset_index(drop=True)


def _sum(row: pd.Series, cols: tuple[str, ...]) -> tuple[float, str]:
    total, code = 0.0, ""
    for col in cols:
        v, c = cell(row.get(col))
        if c:
            return np.nan, c
        total += v
    return total, code


def build_spec(spec: Spec, wide: pd.DataFrame, pop: dict[tuple[str, int], int]) -> pd.DataFrame:
    """Rows of one indicator from one tidy file."""
    records = []
    for _, row in wide.iterrows():
        num, num_code = _sum(row, spec.num) if spec.num else (np.nan, "")
        den, den_code = _sum(row, spec.den) if spec.den else (np.nan, "")
        den = den * spec.den_scale if not np.isnan(den) else den
        if spec.kind == "rate":
            p = pop.get((row["la_code"], row["year"] - 1))
            den, den_code = (float(p) / 10_000, "") if p else (np.nan, "x")
        if spec.value is not None:
            value, code = cell(row.get(spec.value))
            method = "published"
        else:
            code = num_code or den_code
            if code or not den:
                value = np.nan
                code = code or "z"
            else:
                scale = 100.0 if spec.kind == "pct" else 1.0
                value = round(num / den * scale, spec.dp)
            method = "derived from published components"
        records.append(
            {
                **{k: row[k] for k in KEYS},
                "indicator_id": spec.indicator_id,
                "value": value,
                "numerator": num,
                "denominator": den,
                "status_code": code,
                "method": method,
                "source": f"{RAW}/{spec.file}",
            }
        )
    return pd.DataFrame.from_records(records)


def old_to_new_codes(raw: Path) -> dict[str, str]:
    """DfE three-digit LA number -> ONS code, from every year of the population file (old LAs too)."""
    df = read_tidy(raw / "ons_mid-year_population_estimates_2012_to_2024.csv")
    df = df[df["geographic_level"] == "Local authority"].sort_values("year")
    return dict(zip(df["old_la_code"], df["new_la_code"], strict=True))


def lait_year(label: str) -> int | None:
    """LAIT year labels used by our measures: '2025' or '2024-25' (by its end); others are skipped."""
    s = label.strip()
    if s.isdigit() and len(s) == 4:
        return int(s)
    if len(s) == 7 and s[4] == "-" and s[:4].isdigit():
        return int(s[:4]) + 1
    return None


def build_lait(ref: Path, raw: Path, names: pd.DataFrame) -> pd.DataFrame:
    """LAIT rows for LAIT_MEASURES, in the same columns (no numerator/denominator: LAIT has none)."""
    lait = pd.read_parquet(ref / LAIT)
    by_measure = {v: k for k, v in LAIT_MEASURES.items()}
    lait = lait[lait["Short Desc"].isin(by_measure)].copy()
    old_new = old_to_new_codes(raw)
    num = lait["LA Number"].astype("Int64")
    lait["la_code"] = [
        LAIT_REGIONS.get(int(n)) or old_new.get(f"{int(n)}") if pd.notna(n) else None for n in num
    ]
    lait = lait.dropna(subset=["la_code"])
    lait["year"] = lait["Years"].map(lait_year)
    lait = lait.dropna(subset=["year"])
    lait["year"] = lait["year"].astype(int)
    num = lait["LA Number"].astype("Int64")
    level = np.where(
        lait["la_code"] == ENGLAND,
        "National",
        np.where(lait["la_code"].str.startswith("E12"), "Regional", "Local authority"),
    )
    parsed = lait["Values"].map(cell)
    out = pd.DataFrame(
        {
            "indicator_id": lait["Short Desc"].map(by_measure).to_numpy(),
            "year": lait["year"].to_numpy(),
            "geographic_level": level,
            "la_code": lait["la_code"].to_numpy(),
            "la_number": np.where(level == "Local authority", num.astype(str), ""),
            "la_name": lait["LA and Regions"].to_numpy(),
            "region": "",
            "value": [p[0] for p in parsed],
            "numerator": np.nan,
            "denominator": np.nan,
            "status_code": [p[1] for p in parsed],
            "method": "published",
            "source": "local-authority-interactive-tool/" + LAIT.split("/", 1)[1],
        }
    )
    # LAIT names and regions differ slightly from the DfE files: use the DfE ones where we have them.
    out = out.drop(columns=["la_name", "region"]).merge(names, on="la_code", how="left")
    out["la_name"] = out["la_name"].fillna("")
    out["region"] = out["region"].fillna("")
    return out.drop_duplicates(["indicator_id", "year", "la_code"])


def finish(df: pd.DataFrame) -> pd.DataFrame:
    """Add period end and status columns; order and type the columns."""
    df = df.copy()
    wf = df["indicator_id"].isin(WORKFORCE_IDS)
    df["period_end"] = pd.to_datetime(df["year"].astype(str) + np.where(wf, "-09-30", "-03-31")).dt.date
    df["value"] = np.where(df["status_code"] != "", np.nan, df["value"])
    df["status"] = np.where(
        df["status_code"] == "", "published", np.where(df["status_code"].isin(["-"]), "missing", "suppressed")
    )
    df["status_reason"] = df["status_code"].map(CODES).fillna("")
    df.loc[df["status_code"] != "", "status_reason"] = df["status_reason"].where(
        df["status_reason"] != "", "not published"
    )
    for col in ("value", "numerator", "denominator"):
        df[col] = df[col].astype("float64")
    df["year"] = df["year"].astype("int64")
    order = ["indicator_id", "year", "geographic_level", "la_code"]
    return df[COLUMNS].sort_values(order).reset_index(drop=True)


def build_published(ref: Path) -> pd.DataFrame:
    """The long table of every indicator, year and geography."""
    raw = ref / RAW
    pop = population_table(raw)
    pop_map = {(r.la_code, r.year): r.age_0_17 for r in pop.itertuples()}
    cache: dict[str, pd.DataFrame] = {}
    frames = []
    for spec in SPECS:
        if spec.file not in cache:
            cache[spec.file] = load_wide(raw, spec.file)
        frames.append(build_spec(spec, cache[spec.file], pop_map))
    tidy = pd.concat(frames, ignore_index=True)
    names = tidy.sort_values("year")[["la_code", "la_name", "region"]].drop_duplicates("la_code", keep="last")
    lait = build_lait(ref, raw, names)
    covered = tidy[["indicator_id", "year"]].drop_duplicates()
    lait = lait.merge(covered.assign(_tidy=True), on=["indicator_id", "year"], how="left")
    lait = lait[lait["_tidy"].isna()].drop(columns="_tidy")
    return finish(pd.concat([tidy, lait], ignore_index=True))


def la_codes_table(raw: Path) -> pd.DataFrame:
    """Every current LA (in the latest population year) plus the synthetic authorities."""
    df = read_tidy(raw / "ons_mid-year_population_estimates_2012_to_2024.csv")
    df = df[(df["geographic_level"] == "Local authority") & (df["year"] == df["year"].max())]
    real = df[["new_la_code", "old_la_code", "la_name", "region"]].copy()
    real.columns = ["la_code", "la_number", "la_name", "region"]
    synthetic = pd.DataFrame(SYNTHETIC_LAS, columns=real.columns)
    return pd.concat([real.sort_values("la_code"), synthetic], ignore_index=True)


def neighbours_table(raw: Path) -> pd.DataFrame:
    """la_code, sn_rank, sn_la_code, model, closeness for the 2021 and 2025 DfE models."""
    old_new = old_to_new_codes(raw)
    rows = []
    g21 = pd.read_csv(
        raw / "New_Statistical_Neighbour_Groupings_April_2021.csv",
        dtype=str,
        encoding="utf-8-sig",
        header=None,
        skiprows=1,
        keep_default_na=False,
    )
    for r in g21[g21[0] != ""].itertuples(index=False):
        for k in range(10):
            rows.append((r[0], k + 1, r[5 + 2 * k], (r[6 + 2 * k] or "").strip(), "2021"))
    g25 = pd.read_csv(raw / "sn_model_2025_wide.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    for r in g25.itertuples(index=False):
        for k in range(10):
            rows.append((r[0], k + 1, r[4 + 2 * k], (r[5 + 2 * k] or "").strip(), "2025"))
    df = pd.DataFrame(rows, columns=["la_number", "sn_rank", "sn_la_number", "closeness", "model"])
    df["la_code"] = df["la_number"].map(old_new)
    df["sn_la_code"] = df["sn_la_number"].map(old_new)
    missing = df[df["la_code"].isna() | df["sn_la_code"].isna()]
    if not missing.empty:
        raise ValueError(f"LA numbers with no ONS code: {sorted(set(missing['la_number']))}")
    return df[["la_code", "sn_rank", "sn_la_code", "model", "la_number", "sn_la_number", "closeness"]]


def main(argv: list[str] | None = None, writer: Callable[[str], None] = print) -> int:
    """Build every output from ``--reference`` (default ../shared/reference beside the project)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=PROJECT / "data")
    args = parser.parse_args(argv)
    raw = args.reference / RAW
    (args.out / "benchmarks").mkdir(parents=True, exist_ok=True)
    (args.out / "reference").mkdir(parents=True, exist_ok=True)
    published = build_published(args.reference)
    published.to_parquet(args.out / "benchmarks" / "published.parquet", index=False)
    population_table(raw).to_csv(args.out / "reference" / "population.csv", index=False)
    la_codes_table(raw).to_csv(args.out / "reference" / "la_codes.csv", index=False)
    neighbours_table(raw).to_csv(args.out / "reference" / "statistical_neighbours.csv", index=False)
    counts = published.groupby("status").size().to_dict()
    writer(
        f"published.parquet: {len(published)} rows, {published['indicator_id'].nunique()} indicators, "
        f"{counts}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
