"""The demo's local early help episodes file (``local/early_help_SYNTHETIC.csv``): its layout, the order
of its dates, its codes, its links to the front door, and the calibration, computed here with pandas
straight from the CSV (never through the project's loader).

The calibration bands are the targets set for the file (a fictional authority of 70,000 children aged
0-17; ``cscdash/synthetic/early_help.py`` says how the generator aims at them), checked at 31 March 2025
and for episodes ended in the year to 31 March 2025. About 2,400 episodes end in that year and about
1,450 are open at a month end; the generator draws outcomes in balanced blocks, so the yearly shares
stay within about a point of their targets and the bands leave room for that.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

HEADINGS = [
    "Family ID",
    "Child ID",
    "Date of Birth",
    "Episode Start Date",
    "Episode End Date",
    "Lead Professional Service",
    "Outcome",
    "Step Up Date",
]
SERVICES = {"School", "Health", "Early Years", "Family Help", "Youth Service", "Voluntary Sector", "Other"}
OUTCOMES = {
    "Outcomes achieved",
    "Outcomes partly achieved",
    "Outcomes not achieved",
    "Stepped up to social care",
    "Family disengaged",
    "Moved away",
    "Other",
}
DATES = ["Date of Birth", "Episode Start Date", "Episode End Date", "Step Up Date"]
HISTORY_START = pd.Timestamp("2018-04-01")
END = pd.Timestamp("2026-10-31")  # the session demo's end month
AT = pd.Timestamp("2025-03-31")


@pytest.fixture(scope="module")
def text(demo_extracts: Path) -> pd.DataFrame:
    """The file as text, blanks as empty strings."""
    return pd.read_csv(
        demo_extracts / "local" / "early_help_SYNTHETIC.csv",
        dtype=str,
        keep_default_na=False,
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def eh(text: pd.DataFrame) -> pd.DataFrame:
    """The file with its dates parsed (dd/mm/yyyy; blank -> NaT; anything else fails)."""
    frame = text.copy()
    for col in DATES:
        frame[col] = pd.to_datetime(frame[col].replace("", None), format="%d/%m/%Y")
    return frame


def ended_in(eh: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    return eh[eh["Episode End Date"].between(pd.Timestamp(first), pd.Timestamp(last))]


def test_headings_are_exactly_the_layout(text: pd.DataFrame) -> None:
    assert list(text.columns) == HEADINGS
    assert len(text) > 10_000


def test_codes_come_only_from_the_lists(text: pd.DataFrame) -> None:
    assert set(text["Lead Professional Service"]) <= SERVICES
    assert set(text["Outcome"]) - {""} <= OUTCOMES
    # an outcome exactly when the episode has ended
    assert ((text["Outcome"] == "") == (text["Episode End Date"] == "")).all()
    assert (text["Family ID"] != "").all() and (text["Child ID"] != "").all()
    assert text["Child ID"].str.len().max() <= 20


def test_dates_are_in_order(eh: pd.DataFrame) -> None:
    start, end, step = eh["Episode Start Date"], eh["Episode End Date"], eh["Step Up Date"]
    assert start.notna().all() and eh["Date of Birth"].notna().all()
    assert (eh["Date of Birth"] <= start).all()
    assert (start <= end.fillna(END)).all()
    assert (step.dropna() >= start[step.notna()]).all()
    # nothing after the end month; every episode open at some time since the history starts
    for col in DATES:
        assert (eh[col].dropna() <= END).all(), col
    assert (end.fillna(END) >= HISTORY_START).all()
    # children are 0-17 when their episode starts
    assert ((start - eh["Date of Birth"]).dt.days < 18 * 365.25).all()


def test_step_ups_are_during_or_within_months_after(eh: pd.DataFrame) -> None:
    end, step = eh["Episode End Date"], eh["Step Up Date"]
    stepped = eh["Outcome"] == "Stepped up to social care"
    # "Stepped up to social care" ends the episode on the step-up day
    assert (step[stepped] == end[stepped]).all()
    # otherwise the referral was during the episode (no further action: early help went on) or after it
    # ended, within 12 months
    other = step.notna() & ~stepped & end.notna()
    assert (step[other] <= end[other] + pd.DateOffset(months=12)).all()
    # most step-ups during an episode end it
    during = step.notna() & (step <= end.fillna(END))
    assert stepped.sum() > 0.75 * during.sum()


def test_families_and_children(eh: pd.DataFrame) -> None:
    # one episode per child and start (the loader's key), and a child's episodes never overlap
    assert not eh.duplicated(["Child ID", "Episode Start Date"]).any()
    by_child = eh.sort_values(["Child ID", "Episode Start Date"])
    same = by_child["Child ID"].eq(by_child["Child ID"].shift())
    previous_end = by_child["Episode End Date"].shift()
    assert (by_child.loc[same, "Episode Start Date"] > previous_end[same]).all()
    # a family's children share its end, outcome, lead professional and step-up
    shared = eh.groupby("Family ID")[
        ["Episode End Date", "Outcome", "Lead Professional Service", "Step Up Date"]
    ].nunique(dropna=False)
    assert (shared <= 1).all().all()
    sizes = eh.groupby("Family ID").size()
    assert 1.3 < sizes.mean() < 2.0 and sizes.max() <= 4


def test_step_ups_are_front_door_referrals(eh: pd.DataFrame, cin_returns: dict[str, pd.DataFrame]) -> None:
    """A child stepped up has the front door's id and date of birth, and a CIN referral that day; a
    child never referred has an id of the file's own (a distinct prefix)."""
    stepped = eh[eh["Step Up Date"].notna()]
    referrals = cin_returns["episodes"][["child_id", "ref_date"]].drop_duplicates()
    linked = stepped.merge(
        referrals,
        left_on=["Child ID", "Step Up Date"],
        right_on=["child_id", "ref_date"],
        how="left",
        indicator=True,
    )
    assert (linked["_merge"] == "both").all()
    children = cin_returns["children"]
    dob = children.dropna(subset=["dob"]).drop_duplicates("child_id").set_index("child_id")["dob"]
    assert (stepped["Date of Birth"].to_numpy() == dob.reindex(stepped["Child ID"]).to_numpy()).all()
    own = ~eh["Child ID"].isin(children["child_id"])
    assert eh.loc[own, "Child ID"].str.startswith("WVEH").all()
    assert not eh.loc[~own, "Child ID"].str.startswith("WVEH").any()
    assert eh.loc[own, "Step Up Date"].isna().all()


def test_open_episodes_per_10000_children_at_31_march_2025(
    eh: pd.DataFrame, population: pd.DataFrame
) -> None:
    start, end = eh["Episode Start Date"], eh["Episode End Date"]
    open_now = ((start <= AT) & (end.isna() | (end > AT))).sum()
    # the latest mid-year estimate published by then (mid-2024, 70,000 children aged 0-17)
    children = int(population.loc[population["year"] == 2024, "age_0_17"].iloc[0])
    rate = open_now / children * 10_000
    # target: about 180-230 open early help episodes per 10,000 children (about 1,300-1,600)
    assert 180 <= rate <= 230, rate
    assert 1_300 <= open_now <= 1_600, open_now


def test_open_episodes_rise_gently_through_the_school_year(eh: pd.DataFrame) -> None:
    start, end = eh["Episode Start Date"], eh["Episode End Date"]

    def open_at(day: pd.Timestamp) -> int:
        return int(((start <= day) & (end.isna() | (end > day))).sum())

    years = range(2019, 2026)
    september = sum(open_at(pd.Timestamp(f"{y - 1}-09-30")) for y in years)
    march = sum(open_at(pd.Timestamp(f"{y}-03-31")) for y in years)
    # target: a gentle seasonal rise from the start of the school year to spring (a few %, not a jump)
    assert 1.03 < march / september < 1.20


def test_episode_lengths(eh: pd.DataFrame) -> None:
    ended = eh[eh["Episode End Date"].notna()]
    months = (ended["Episode End Date"] - ended["Episode Start Date"]).dt.days / (365.25 / 12)
    # target: typically 4-9 months (median about 6), a long tail to 18 months
    assert 5.0 <= months.median() <= 7.0
    assert months.quantile(0.25) >= 3.5 and months.quantile(0.75) <= 9.5
    assert months.max() <= 18.1
    assert (months > 12).mean() > 0.03


def test_outcomes_of_episodes_ended_in_the_year_to_march_2025(eh: pd.DataFrame) -> None:
    ended = ended_in(eh, "2024-04-01", "2025-03-31")
    share = ended["Outcome"].value_counts(normalize=True).mul(100)
    # targets for ended episodes: achieved 60-70%, partly 10-15%, stepped up 8-12%, disengaged 5-10%,
    # moved away 2-4%, not achieved and other the rest
    assert 60 <= share["Outcomes achieved"] <= 70, share
    assert 10 <= share["Outcomes partly achieved"] <= 15, share
    assert 8 <= share["Stepped up to social care"] <= 12, share
    assert 5 <= share["Family disengaged"] <= 10, share
    assert 2 <= share["Moved away"] <= 4, share
    rest = share.get("Outcomes not achieved", 0.0) + share.get("Other", 0.0)
    assert 0 < rest <= 100 - 60 - 10 - 8 - 5 - 2, share


def test_step_up_share_of_episodes_ended_in_the_year_to_march_2025(eh: pd.DataFrame) -> None:
    ended = ended_in(eh, "2024-04-01", "2025-03-31")
    step = ended["Step Up Date"]
    window = (step >= ended["Episode Start Date"]) & (
        step <= ended["Episode End Date"] + pd.DateOffset(months=12)
    )
    # target: 12-18% step up between the start and 12 months after the end (during plus later referrals)
    assert 12 <= window.mean() * 100 <= 18, window.mean()
    later = step > ended["Episode End Date"]
    assert 0 < later.sum() < window.sum() / 2  # later referrals are the smaller part


def test_family_help_raises_outcomes_achieved_and_family_help_leads(eh: pd.DataFrame, demo_out: Path) -> None:
    """The scripted change (E8b, E8c): from April 2024 the outcomes-achieved share rises about 5 points
    over a year, and more new episodes are led by Family Help."""

    def achieved(first: str, last: str) -> float:
        return (ended_in(eh, first, last)["Outcome"] == "Outcomes achieved").mean() * 100

    before, after = achieved("2023-04-01", "2024-03-31"), achieved("2025-04-01", "2026-03-31")
    assert after - before >= 3, (before, after)

    def family_help_led(first: str, last: str) -> float:
        starts = eh[eh["Episode Start Date"].between(pd.Timestamp(first), pd.Timestamp(last))]
        return (starts["Lead Professional Service"] == "Family Help").mean() * 100

    assert family_help_led("2025-04-01", "2026-03-31") - family_help_led("2023-04-01", "2024-03-31") >= 10

    events = pd.read_csv(demo_out / "E06999999" / "events.csv")
    listed = events.set_index("id")
    assert {"E8", "E8b", "E8c"} <= set(listed.index)
    assert listed.loc["E8b", "series"] == "eh_outcomes_achieved_pct"
    assert listed.loc["E8c", "series"] == "eh_family_help_led_pct"
    assert listed.loc["E8b", "start"] == listed.loc["E8", "start"] == "2024-04-01"
