"""Write the care history as yearly SSDA903 returns in the DfE CSV upload layout.

Each collection year's folder holds what that year's return would: episodes open at any time in the
year (DEC and REC blank when still open at 31 March, so the next year's return repeats them), and the
other tables cut to the year; the current year is an in-year extract up to end_month, as councils run
monthly. Codes are those valid in the year (SEX 1/2 to 2023-24 and M/F from 2024-25; ACTIV F3/P3 before
2021-22). Column names and order follow the DfE upload files (the Data to Insight validator's
fake_data headers), plus the optional DfE-derived PL_DISTANCE, PL_LOCATION and PL_LA columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cscdash.synthetic.context import Context

if TYPE_CHECKING:
    from cscdash.synthetic.care import CareHistory

COLUMNS = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": [
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
        "PL_DISTANCE",
        "PL_LOCATION",
        "PL_LA",
    ],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    "oc2": [
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "ad1": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
    "placed_for_adoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "prev_perm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "sw_episodes": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
}
SW_EPISODES_FROM = 2024


@dataclass(frozen=True)
class ReturnYear:
    """One collection year: its label, first day and the last day it can hold (31 March or end_month)."""

    year: int

    @property
    def label(self) -> str:
        return f"{self.year - 1}-{self.year % 100:02d}"

    @property
    def start(self) -> pd.Timestamp:
        return pd.Timestamp(date(self.year - 1, 4, 1))

    def cutoff(self, end_month: date) -> pd.Timestamp:
        return pd.Timestamp(min(date(self.year, 3, 31), end_month))


def _fmt(values: pd.Series) -> pd.Series:
    """Dates as dd/mm/yyyy, NaT as blank."""
    return pd.to_datetime(values).dt.strftime("%d/%m/%Y").fillna("")


def _blank_after(values: pd.Series, cutoff: pd.Timestamp) -> pd.Series:
    values = pd.to_datetime(values)
    return values.where(values <= cutoff)


def _int_text(values: pd.Series) -> pd.Series:
    """Numbers that may be missing as integer text ('' for missing)."""
    return values.map(lambda v: "" if pd.isna(v) else str(int(v)))


def year_tables(ctx: Context, history: CareHistory, year: int) -> dict[str, pd.DataFrame]:
    """Every table of one collection year's return, as text columns ready to write."""
    ry = ReturnYear(year)
    start, cut = ry.start, ry.cutoff(ctx.end_month)
    kids = history.children.set_index("child_id")
    dob = kids["dob"]
    eps = history.episodes
    eps = eps[(eps["DECOM"] <= cut) & (eps["DEC"].isna() | (eps["DEC"] >= start))].copy()
    still_open = eps["DEC"].isna() | (eps["DEC"] > cut)
    eps.loc[still_open, ["REC", "REASON_PLACE_CHANGE"]] = None
    eps["DEC"] = eps["DEC"].where(~still_open)
    eps = eps.sort_values(["CHILD", "DECOM"], kind="stable")
    tables: dict[str, pd.DataFrame] = {}
    ep = eps[COLUMNS["episodes"]].copy()
    ep["DECOM"], ep["DEC"] = _fmt(ep["DECOM"]), _fmt(ep["DEC"])
    ep["PL_DISTANCE"] = ep["PL_DISTANCE"].map(lambda v: "" if pd.isna(v) else f"{v:.1f}")
    tables["episodes"] = ep

    rv = history.reviews
    rv = rv[(rv["review_date"] >= start) & (rv["review_date"] <= cut)]
    tables["reviews"] = pd.DataFrame(
        {"CHILD": rv["child_id"], "REVIEW": _fmt(rv["review_date"]), "REVIEW_CODE": rv["review_code"]}
    )

    uasc_kids = kids[kids["uasc"] & kids.index.isin(eps["CHILD"])]
    duc = pd.to_datetime(uasc_kids["duc"])
    uasc_kids = uasc_kids[duc.isna() | (duc >= start)]
    tables["uasc"] = pd.DataFrame(
        {
            "CHILD": uasc_kids.index,
            "SEX": uasc_kids["sex"].to_numpy(),
            "DUC": _fmt(_blank_after(uasc_kids["duc"], cut)).to_numpy(),
        }
    )

    oc2 = history.oc2[history.oc2["collection_year"] == year] if len(history.oc2) else history.oc2
    tables["oc2"] = _oc2_text(oc2)

    oc3 = history.oc3[history.oc3["collection_year"] == year]
    activ = oc3["activ"]
    if year <= 2021:
        activ = activ.replace({"F4": "F3", "F5": "F3", "P4": "P3", "P5": "P3"})
    tables["oc3"] = pd.DataFrame(
        {
            "CHILD": oc3["child_id"],
            "IN_TOUCH": oc3["in_touch"],
            "ACTIV": activ.fillna("0"),
            "ACCOM": oc3["accom"].fillna("0"),
        }
    )

    ad = history.adoption
    adopted = ad[(ad["adopted"] >= start) & (ad["adopted"] <= cut)]
    tables["ad1"] = pd.DataFrame(
        {
            "CHILD": adopted["child_id"],
            "DATE_INT": _fmt(adopted["date_placed"]),
            "DATE_MATCH": _fmt(adopted["date_match"]),
            "FOSTER_CARE": adopted["foster_care"].astype(str),
            "NB_ADOPTR": adopted["nb_adoptr"].astype(str),
            "SEX_ADOPTR": adopted["sex_adoptr"],
            "LS_ADOPTR": adopted["ls_adoptr"],
        }
    )
    pfa = ad[
        (ad["date_placed"] <= cut)
        & (ad["date_placed_ceased"].isna() | (ad["date_placed_ceased"] >= start))
        & ad["child_id"].isin(eps["CHILD"])
    ]
    ceased = _blank_after(pfa["date_placed_ceased"], cut)
    tables["placed_for_adoption"] = pd.DataFrame(
        {
            "CHILD": pfa["child_id"],
            "DATE_PLACED": _fmt(pfa["date_placed"]),
            "DATE_PLACED_CEASED": _fmt(ceased),
            "REASON_PLACED_CEASED": pfa["reason_placed_ceased"].where(ceased.notna()),
        }
    )

    ms = history.missing
    ms = ms[(ms["mis_start"] <= cut) & (ms["mis_end"].isna() | (ms["mis_end"] >= start))]
    tables["missing"] = pd.DataFrame(
        {
            "CHILD": ms["child_id"],
            "MISSING": ms["missing"],
            "MIS_START": _fmt(ms["mis_start"]),
            "MIS_END": _fmt(_blank_after(ms["mis_end"], cut)),
        }
    )

    pp = history.prev_perm
    pp = pp[(pp["period_start"] >= start) & (pp["period_start"] <= cut)].drop_duplicates("child_id")
    tables["prev_perm"] = pd.DataFrame(
        {
            "CHILD": pp["child_id"],
            "PREV_PERM": pp["prev_perm"],
            "LA_PERM": pp["la_perm"],
            "DATE_PERM": pp["date_perm"],
        }
    )

    if year >= SW_EPISODES_FROM:
        tables["sw_episodes"] = _sw_text(history, eps, start, cut)
    tables["header"] = _header_text(history, tables, eps, year, cut)
    for name, table in tables.items():
        if "DOB" in COLUMNS[name] and name != "header":
            table["DOB"] = _fmt(table["CHILD"].map(dob))
        tables[name] = table.reindex(columns=COLUMNS[name]).fillna("").astype(str).reset_index(drop=True)
    return tables


def _oc2_text(oc2: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({"CHILD": oc2["child_id"] if len(oc2) else pd.Series(dtype=str)})
    for col in COLUMNS["oc2"][2:]:
        if col == "SDQ_REASON":
            out[col] = oc2[col] if len(oc2) else None
        else:
            out[col] = _int_text(oc2[col]) if len(oc2) else None
    return out


def _sw_text(history: CareHistory, eps: pd.DataFrame, start: pd.Timestamp, cut: pd.Timestamp) -> pd.DataFrame:
    """Social worker episodes in the year of children looked after (not short breaks) on the last day."""
    cla = eps[(eps["DECOM"] <= cut) & eps["DEC"].isna() & ~eps["LS"].isin(["V3", "V4"])]["CHILD"].unique()
    sw = history.sw_episodes
    sw = sw[
        sw["child_id"].isin(cla) & (sw["sw_decom"] <= cut) & (sw["sw_dec"].isna() | (sw["sw_dec"] >= start))
    ]
    sw = sw.sort_values(["child_id", "sw_decom"], kind="stable")
    return pd.DataFrame(
        {
            "CHILD": sw["child_id"],
            "SW_ID": sw["sw_id"],
            "SW_DECOM": _fmt(sw["sw_decom"]),
            "SW_DEC": _fmt(_blank_after(sw["sw_dec"], cut)),
            "SW_REASON": sw["sw_reason"],
        }
    )


def _header_text(
    history: CareHistory, tables: dict[str, pd.DataFrame], eps: pd.DataFrame, year: int, cut: pd.Timestamp
) -> pd.DataFrame:
    """One row per child in any module; MOTHER for girls aged 11+ looked after (not on short breaks)."""
    ids = pd.unique(np.concatenate([t["CHILD"].to_numpy(dtype=object) for t in tables.values()]))
    kids = history.children.set_index("child_id").loc[ids]
    sex = (
        kids["sex"]
        .map({"M": "1", "F": "2"} if year <= 2024 else {"M": "M", "F": "F"})
        .fillna("U" if year > 2024 else "1")
    )
    looked_after = eps[~eps["LS"].isin(["V3", "V4"])]["CHILD"].unique()
    age = (cut - pd.to_datetime(kids["dob"])).dt.days / 365.25
    girl = (kids["sex"] == "F") & kids.index.isin(looked_after) & (age >= 11)
    mc_dob = pd.to_datetime(kids["mc_dob"])
    mother = mc_dob.notna() & (mc_dob <= cut)
    return pd.DataFrame(
        {
            "CHILD": kids.index,
            "SEX": sex.to_numpy(),
            "DOB": _fmt(kids["dob"]).to_numpy(),
            "ETHNIC": kids["ethnic"].to_numpy(),
            "UPN": kids["upn"].to_numpy(),
            "MOTHER": np.where(girl, np.where(mother, "1", "0"), ""),
            "MC_DOB": np.where(girl & mother, _fmt(mc_dob).to_numpy(), ""),
        }
    )


def write_returns(ctx: Context, history: CareHistory, la_dir: Path) -> list[Path]:
    """Write every collection year's return under ``la_dir/extracts/ssda903/<YYYY-YY>/``.

    ``la_dir`` is the authority's folder (``<out>/<la_code>``), as every part's writer takes.
    """
    written = []
    for year in ctx.collection_years:
        folder = Path(la_dir) / "extracts" / "ssda903" / ReturnYear(year).label
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in year_tables(ctx, history, year).items():
            path = folder / f"{name}_SYNTHETIC.csv"
            table.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
            written.append(path)
    return written
