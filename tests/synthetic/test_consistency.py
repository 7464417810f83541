"""Children's histories hang together across the demo's files (the issue's "done when").

Read straight from the files: the CIN census returns (all years, de-duplicated on child and referral
date as the DfE does), the Annex A contacts and the SSDA903 episodes, headers and OC3 rows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytestmark = pytest.mark.slow

PREGNANCY = pd.Timedelta(days=280)


def read_903(extracts: Path, table: str) -> pd.DataFrame:
    """Every year's SSDA903 ``table`` with a ``year`` column, dates parsed."""
    frames = []
    for folder in sorted((extracts / "ssda903").iterdir()):
        path = folder / f"{table}_SYNTHETIC.csv"
        if path.exists() and path.stat().st_size:
            df = pd.read_csv(path, dtype=str, keep_default_na=False)
            frames.append(df.assign(year=folder.name))
    df = pd.concat(frames, ignore_index=True)
    for col in ("DOB", "DECOM", "DEC"):
        if col in df:
            df[col] = pd.to_datetime(df[col].replace("", None), format="%d/%m/%Y")
    return df


def latest(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return df.sort_values("year").drop_duplicates(keys, keep="last")


@pytest.fixture(scope="module")
def episodes(cin_returns: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return latest(cin_returns["episodes"], ["child_id", "ref_date"])


@pytest.fixture(scope="module")
def births(cin_returns: dict[str, pd.DataFrame]) -> pd.Series:
    """Each child's date of birth as the latest return states it (expected date while unborn)."""
    kids = latest(cin_returns["children"], ["child_id"])
    return kids.set_index("child_id")["dob"].fillna(kids.set_index("child_id")["expected_dob"])


def test_every_file_says_synthetic(demo_out: Path, demo_extracts: Path) -> None:
    names = [p.name for p in demo_extracts.rglob("*") if p.is_file()]
    assert names and all("SYNTHETIC" in n for n in names)
    assert (demo_out / "README_SYNTHETIC.txt").read_text().startswith("SYNTHETIC")
    cin = next((demo_extracts / "cin").glob("*.xml")).read_text(encoding="utf-8")[:400]
    assert "SYNTHETIC: fictional data, not real children" in cin


def test_no_referral_before_birth_except_unborn(
    episodes: pd.DataFrame, births: pd.Series, cin_returns: dict[str, pd.DataFrame]
) -> None:
    dob = births.reindex(episodes["child_id"]).to_numpy()
    early = episodes[episodes["ref_date"].to_numpy() < dob]
    # pre-birth referrals exist (the unborn), and are never more than a pregnancy before birth
    assert len(early) > 0
    assert ((births.reindex(early["child_id"]).to_numpy() - early["ref_date"].to_numpy()) <= PREGNANCY).all()
    # a child is shown as unborn (ExpectedPersonBirthDate, sex unknown) only while the birth is to come
    kids = cin_returns["children"]
    unborn = kids[kids["expected_dob"].notna()]
    assert len(unborn) > 0 and unborn["sex"].isin(["0", "U"]).all()
    ref_day = pd.to_datetime(unborn["year"].astype(str) + "-03-31")
    assert (unborn["expected_dob"] > ref_day.where(unborn["year"] < 2027, pd.Timestamp("2026-10-31"))).all()


def test_contacts_after_birth_or_unborn(contacts: pd.DataFrame) -> None:
    born = contacts[contacts["Date of Birth"].notna()]
    assert (born["Date of Contact"] >= born["Date of Birth"]).all()
    assert contacts["Contact ID"].is_unique


def test_records_sit_inside_their_referral(
    cin_returns: dict[str, pd.DataFrame], episodes: pd.DataFrame
) -> None:
    eps = episodes.set_index(["child_id", "ref_date"])
    assert (eps["closure"].isna() | (eps["closure"] >= eps.index.get_level_values("ref_date"))).all()
    for name, start, end in (
        ("assessments", "start", "auth"),
        ("plans", "start", "end"),
        ("s47", "start", "icpc"),
        ("cpp", "start", "end"),
    ):
        rec = latest(cin_returns[name], ["child_id", "ref_date", start])
        ep = eps.reindex(pd.MultiIndex.from_frame(rec[["child_id", "ref_date"]]))
        assert ep["closure"].notna().sum() + ep["closure"].isna().sum() == len(rec)
        assert not ep["nfa"].to_numpy(bool).any(), f"{name} in an NFA referral"
        assert (rec[start] >= rec["ref_date"]).all(), name
        closure = ep["closure"].to_numpy()
        ends = rec[end].fillna(rec[start]).to_numpy()
        closed = ~pd.isna(closure)
        assert (ends[closed] <= closure[closed]).all(), name
        assert (rec[end].isna() | (rec[end] >= rec[start])).all(), name


def test_every_cp_plan_follows_its_conference(cin_returns: dict[str, pd.DataFrame]) -> None:
    s47 = latest(cin_returns["s47"], ["child_id", "start"])
    conferences = set(zip(s47["child_id"], s47["ref_date"], s47["icpc"], strict=True))
    plans = latest(cin_returns["cpp"], ["child_id", "start"])
    plans = plans[plans["start"] >= pd.Timestamp("2018-04-01")]  # earlier S47s are before the files begin
    missing = [
        t
        for t in zip(plans["child_id"], plans["ref_date"], plans["start"], strict=True)
        if t not in conferences
    ]
    assert missing == []


def test_icpc_target_is_15_working_days(cin_returns: dict[str, pd.DataFrame], count_working_days) -> None:
    s47 = cin_returns["s47"]
    assert (count_working_days(s47["start"], s47["target"]) == 15).all()


def test_previous_plans_match_the_childs_own_history(cin_returns: dict[str, pd.DataFrame]) -> None:
    plans = latest(cin_returns["cpp"], ["child_id", "start"]).sort_values(["child_id", "start"])
    seen_before = plans.groupby("child_id").cumcount()
    # plans before April 2018 are not in the files, so the return may know of more, never fewer
    assert (plans["n_prev"] >= seen_before).all()
    first_seen = plans.groupby("child_id")["n_prev"].transform("first")
    assert (plans["n_prev"] == first_seen + seen_before).all()


def test_care_entrants_were_referred_first(demo_extracts: Path, episodes: pd.DataFrame) -> None:
    eps903 = read_903(demo_extracts, "episodes")
    starts = eps903[eps903["RNE"] == "S"].drop_duplicates(["CHILD", "DECOM"])
    refs = episodes.groupby("child_id")
    for row in starts.itertuples(index=False):
        assert row.CHILD in refs.groups, f"{row.CHILD} in care with no CIN referral"
        mine = refs.get_group(row.CHILD)
        before = mine[mine["ref_date"] <= row.DECOM]
        assert len(before), f"{row.CHILD} entered care {row.DECOM:%Y-%m-%d} before any referral"
        if row.LS not in ("V3", "V4"):
            open_then = before["closure"].isna() | (before["closure"] >= row.DECOM)
            assert open_then.any(), f"{row.CHILD}: no open CIN episode on entry {row.DECOM:%Y-%m-%d}"


def test_looked_after_children_keep_an_open_cin_episode(
    demo_extracts: Path, cin_returns: dict[str, pd.DataFrame]
) -> None:
    """A child looked after at 31 March 2025 (not short breaks) is a child in need in that return."""
    eps903 = read_903(demo_extracts, "episodes")
    eps903 = eps903[eps903["year"] == "2024-25"]
    at = pd.Timestamp("2025-03-31")
    cla = eps903[
        (eps903["DECOM"] <= at)
        & (eps903["DEC"].isna() | (eps903["DEC"] > at))
        & ~eps903["LS"].isin(["V3", "V4"])
    ]
    ret = cin_returns["episodes"]
    open_cin = set(ret.loc[(ret["year"] == 2025) & ret["closure"].isna() & ~ret["nfa"], "child_id"])
    assert len(cla) > 300
    assert set(cla["CHILD"]) <= open_cin


def test_care_leavers_have_a_care_history(demo_extracts: Path) -> None:
    oc3 = read_903(demo_extracts, "oc3")
    eps903 = read_903(demo_extracts, "episodes")
    # care leavers born from April 2002 turned 16 after the files begin, so their care is in them
    recent = oc3[oc3["DOB"] >= pd.Timestamp("2002-04-01")]
    assert len(recent) > 100
    assert set(recent["CHILD"]) <= set(eps903["CHILD"])


def test_same_child_same_birth_date_in_cin_and_903(demo_extracts: Path, births: pd.Series) -> None:
    header = latest(read_903(demo_extracts, "header"), ["CHILD"]).set_index("CHILD")
    common = header.index.intersection(births.index)
    assert len(common) > 500
    assert (header.loc[common, "DOB"].to_numpy() == births.loc[common].to_numpy()).all()


def test_child_attributes_cover_every_child(
    demo_extracts: Path, episodes: pd.DataFrame, contacts: pd.DataFrame
) -> None:
    attrs = pd.read_csv(demo_extracts / "local" / "child_attributes_SYNTHETIC.csv")
    assert attrs["Child Unique ID"].is_unique
    ids = set(attrs["Child Unique ID"])
    assert set(episodes["child_id"]) <= ids and set(contacts["Child Unique ID"]) <= ids
    assert attrs["Locality"].nunique() == 6
    assert np.isin(
        attrs["Team"].str.split().str[0],
        [
            "MASH",
            "Children",
            "Care",
            "Disabled",
            "Harbourtown",
            "Northvale",
            "Eastmoor",
            "Westdown",
            "Midvale",
            "Chalkdown",
        ],
    ).all()
