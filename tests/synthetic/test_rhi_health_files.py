"""The demo's rhi.csv and health_assessments.csv: layouts, agreement with the SSDA903 missing, episodes
and OC2 files, and the issue 6 calibration figures computed from the files with pandas.

Bands: the RHI figures are shares of ~2,600 missing episodes (one binomial SD is under a point), the
IHA figure a share of ~1,000 starts (SD ~1.6 points, plus a month-to-month drift the generator adds);
each band is about four SDs either side of the target so that a real change in the generator fails.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.synthetic.care_snapshot_files import (
    END_MONTH,
    episodes,
    local_file,
    missing,
    parse_dates,
    read_903,
)

pytestmark = pytest.mark.slow

RHI_HEADINGS = ["Child Unique ID", "MIS_START", "RHI Offered Date", "RHI Completed Date", "RHI Accepted"]
HEALTH_HEADINGS = ["Child Unique ID", "Assessment Date", "Assessment Type"]
END = pd.Timestamp(END_MONTH)


@pytest.fixture(scope="module")
def rhi() -> pd.DataFrame:
    return parse_dates(local_file("rhi"), RHI_HEADINGS[1:4])


@pytest.fixture(scope="module")
def health() -> pd.DataFrame:
    return parse_dates(local_file("health_assessments"), ["Assessment Date"])


@pytest.fixture(scope="module")
def episodes_m() -> pd.DataFrame:
    """Missing ('M') episodes ended April 2019 - September 2026, with their RHI row (if any)."""
    ms = missing()
    ms = ms[
        (ms["MISSING"] == "M") & ms["MIS_END"].between(pd.Timestamp("2019-04-01"), pd.Timestamp("2026-09-30"))
    ]
    r = parse_dates(local_file("rhi"), RHI_HEADINGS[1:4])
    return ms.merge(r, left_on=["CHILD", "MIS_START"], right_on=["Child Unique ID", "MIS_START"], how="left")


def test_headings_are_exactly_the_contract() -> None:
    assert list(local_file("rhi").columns) == RHI_HEADINGS
    assert list(local_file("health_assessments").columns) == HEALTH_HEADINGS


def test_every_rhi_row_belongs_to_an_ended_missing_episode(rhi: pd.DataFrame) -> None:
    ms = missing()
    linked = rhi.merge(
        ms, left_on=["Child Unique ID", "MIS_START"], right_on=["CHILD", "MIS_START"], how="left"
    )
    assert len(linked) == len(rhi)  # one missing episode per row
    assert (linked["MISSING"] == "M").all()
    assert linked["MIS_END"].notna().all()
    offered = linked["RHI Offered Date"]
    completed = linked["RHI Completed Date"]
    assert (offered.dropna() >= linked.loc[offered.notna(), "MIS_END"]).all()
    assert (completed.dropna() >= offered[completed.notna()]).all()
    assert (offered.dropna() <= END).all() and (completed.dropna() <= END).all()
    assert set(rhi["RHI Accepted"]) == {"Y", "N"}
    # a completed interview was accepted; declined ones are never completed
    assert (rhi.loc[completed.notna(), "RHI Accepted"] == "Y").all()
    assert (rhi.loc[offered.isna(), "RHI Accepted"] == "N").all()
    # "a few rows with no completion": accepted, but the interview never happened
    accepted = rhi["RHI Accepted"] == "Y"
    not_done = (accepted & completed.isna()).sum()
    assert 0 < not_done < 0.05 * accepted.sum()


def test_rhi_offered_completed_and_accepted_rates(episodes_m: pd.DataFrame) -> None:
    """cla_rhi_offered_pct ~92; cla_rhi_72h_pct ~70 (completed <= MIS_END + 3 days); cla_rhi_accepted_pct
    ~75 of offered. Completion needs acceptance, so 92% x 75% = 69% caps completion below its 70%
    target: the generator accepts 79% of offers to keep completion near 70 (band 73-85 for accepted)."""
    eps = episodes_m
    assert len(eps) > 1500
    offered = eps["RHI Offered Date"].notna()
    in_72h = (eps["RHI Completed Date"] - eps["MIS_END"]).dt.days <= 3
    accepted = eps.loc[offered, "RHI Accepted"] == "Y"
    assert 88 <= offered.mean() * 100 <= 96
    assert 65 <= in_72h.mean() * 100 <= 74
    assert 73 <= accepted.mean() * 100 <= 85


def periods_of_care() -> pd.DataFrame:
    """Periods of care from the episodes: each starts at RNE 'S' (short breaks V3/V4 dropped) and ends
    at the DEC of its last episode (NaT while open)."""
    eps = episodes()
    eps = eps[~eps["LS"].isin(["V3", "V4"])].sort_values(["CHILD", "DECOM"])
    eps = eps.assign(period=(eps["RNE"] == "S").groupby(eps["CHILD"]).cumsum())
    g = eps.groupby(["CHILD", "period"])
    return pd.DataFrame(
        {"start": g["DECOM"].first(), "first_rne": g["RNE"].first(), "end": g["DEC"].last()}
    ).reset_index()


def test_initial_health_assessments_within_20_working_days(health: pd.DataFrame, count_working_days) -> None:
    """cla_iha_20wd_pct ~55: periods starting April 2019 - August 2026 still in care 20 working days
    later, with an IHA dated on or after the start and at most 20 working days after it."""
    p = periods_of_care()
    p = p[
        (p["first_rne"] == "S") & p["start"].between(pd.Timestamp("2019-04-01"), pd.Timestamp("2026-08-31"))
    ]
    end = p["end"].fillna(END)
    p = p[count_working_days(p["start"], end) > 20]
    iha = health[health["Assessment Type"] == "IHA"]
    pairs = p.merge(iha, left_on="CHILD", right_on="Child Unique ID", how="left")
    date = pairs["Assessment Date"]
    ok = date.notna() & (date >= pairs["start"])
    ok &= count_working_days(pairs["start"], date.fillna(pairs["start"])) <= 20
    per_period = ok.groupby([pairs["CHILD"], pairs["start"]]).any()
    assert len(per_period) > 800
    assert 48 <= per_period.mean() * 100 <= 62
    # most of the rest are late rather than missing: ~95% of these periods have an IHA at all
    any_iha = (date.notna() & (date >= pairs["start"])).groupby([pairs["CHILD"], pairs["start"]]).any()
    assert any_iha.mean() > 0.9


def test_health_assessments_fall_inside_care(health: pd.DataFrame) -> None:
    assert set(health["Assessment Type"]) == {"IHA", "RHA"}
    assert health["Assessment Date"].between(pd.Timestamp("2018-04-01"), END).all()
    eps = episodes()
    eps = eps[~eps["LS"].isin(["V3", "V4"])]
    pairs = health.merge(eps, left_on="Child Unique ID", right_on="CHILD")
    inside = (pairs["DECOM"] <= pairs["Assessment Date"]) & (
        pairs["DEC"].isna() | (pairs["DEC"] > pairs["Assessment Date"])
    )
    covered = inside.groupby([pairs["Child Unique ID"], pairs["Assessment Date"]]).any()
    assert len(covered) == len(health.drop_duplicates(["Child Unique ID", "Assessment Date"]))
    assert covered.all()


def test_review_assessments_agree_with_oc2(health: pd.DataFrame) -> None:
    """OC2 HEALTH_ASSESSMENT = 0: no RHA in that collection year; = 1: at least one (two under 5)."""
    oc2 = read_903("oc2")
    oc2 = oc2.assign(collection_year=oc2["year"].str[:4].astype(int) + 1)
    d = health["Assessment Date"]
    year = d.dt.year + (d.dt.month >= 4)
    counts = health.assign(collection_year=year).groupby(["Child Unique ID", "collection_year"]).size()
    rha = health[health["Assessment Type"] == "RHA"]
    rha_year = rha["Assessment Date"].dt.year + (rha["Assessment Date"].dt.month >= 4)
    rha_counts = rha.assign(collection_year=rha_year).groupby(["Child Unique ID", "collection_year"]).size()
    key = pd.MultiIndex.from_frame(oc2[["CHILD", "collection_year"]])
    n_all = counts.reindex(key).fillna(0).to_numpy()
    n_rha = rha_counts.reindex(key).fillna(0).to_numpy()
    flag = oc2["HEALTH_ASSESSMENT"].to_numpy()
    assert (n_rha[flag == "0"] == 0).all()
    assert (n_all[flag == "1"] >= 1).all()
    dob = pd.to_datetime(oc2["DOB"], format="%d/%m/%Y")
    march = pd.to_datetime(oc2["collection_year"].astype(str) + "-03-31")
    under5 = ((march - dob).dt.days / 365.25 < 4.9).to_numpy()  # clear of the 5th birthday
    assert (n_all[(flag == "1") & under5] >= 2).all()
    assert 0.85 <= (flag == "1").mean() <= 0.95  # calibration 90 (the care part's OC2)


def test_review_assessment_cadence(health: pd.DataFrame) -> None:
    """RHAs are six-monthly under five and yearly from five: median gaps near 182 and 365 days."""
    header = read_903("header").drop_duplicates("CHILD").set_index("CHILD")
    rha = health[health["Assessment Type"] == "RHA"].sort_values(["Child Unique ID", "Assessment Date"])
    gap = rha.groupby("Child Unique ID")["Assessment Date"].diff().dt.days
    dob = pd.to_datetime(header["DOB"].reindex(rha["Child Unique ID"]).to_numpy(), format="%d/%m/%Y")
    age = (rha["Assessment Date"].to_numpy() - dob).days / 365.25
    young = np.asarray(age) < 4.5
    assert 150 <= gap[young].median() <= 200
    assert 320 <= gap[np.asarray(age) >= 6].median() <= 380


def test_no_authority_of_the_scale_option_completes_an_interview_before_offering_it() -> None:
    """RHI_ORDER: an offer on day 5 after the return with a "late" completion drawn for day 4 made
    ``demo --authorities 20`` fail to load. Twenty authorities' records, 3,000 returns each, none out of
    order (the demo authority's own rows are unchanged: only completions before their offer move)."""
    from datetime import date

    from cscdash.synthetic.context import scale_contexts
    from cscdash.synthetic.rhi import rhi_records

    starts = pd.date_range("2019-01-01", periods=3000, freq="D")
    returns = pd.DataFrame(
        {"child_id": [f"X{i}" for i in range(3000)], "mis_start": starts, "missing": "M"}
    ).assign(mis_end=lambda f: f["mis_start"] + pd.Timedelta(days=1))
    for ctx in scale_contexts(20, 1, date(2026, 10, 31)):
        records = rhi_records(ctx, returns)
        both = records.dropna(subset=["offered", "completed"])
        assert len(both) > 100 and (both["completed"] >= both["offered"]).all(), ctx.la_code
