"""RAG at and around both thresholds, for both polarities and a band; direction of travel; edits."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cscdash.app_store import target_edits
from cscdash.db import connect
from cscdash.targets import (
    Target,
    direction_of_travel,
    edit_target,
    install_seed_targets,
    rag,
    read_targets_csv,
    seed_targets,
    target_changes,
    target_for,
    targets_in_force,
    travel_summary,
)

# BCP's scorecard (indicators.md): re-referrals target 20, intervention 25 (lower is better);
# assessments in 45 working days target 88, intervention 83 (higher is better).
REREF = Target("rereferrals_12m_pct", date(2024, 4, 1), 20, 25)
ASSESS = Target("assessments_within_45wd_pct", date(2024, 4, 1), 88, 83)
CASELOAD = Target("wf_avg_caseload", date(2024, 4, 1), 12, 10, 16, 18)


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (19.9, "green"),
        (20.0, "green"),  # at the target: met
        (20.1, "amber"),
        (24.9, "amber"),
        (25.0, "amber"),  # short of target, not beyond intervention
        (25.1, "red"),
        (40.0, "red"),  # beyond the intervention level
    ],
)
def test_rag_lower_is_better(value, status):
    assert REREF.polarity == "lower_is_better"
    assert rag(value, REREF).status == status


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (88.1, "green"),
        (88.0, "green"),
        (87.9, "amber"),
        (83.0, "amber"),
        (82.9, "red"),
    ],
)
def test_rag_higher_is_better(value, status):
    assert ASSESS.polarity == "higher_is_better"
    assert rag(value, ASSESS).status == status


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (12.0, "green"),
        (14.0, "green"),
        (16.0, "green"),  # inside 12-16
        (11.9, "amber"),
        (10.0, "amber"),
        (16.1, "amber"),
        (18.0, "amber"),  # inside 10-18 only
        (9.9, "red"),
        (18.1, "red"),
    ],
)
def test_rag_band(value, status):
    assert CASELOAD.polarity == "band"
    assert rag(value, CASELOAD).status == status


def test_rag_never_colour_alone():
    for value in (19, 22, 30):
        result = rag(value, REREF)
        assert result.label and result.symbol and result.detail
    assert rag(22, REREF).label == "Short of target"
    assert rag(30, REREF).detail == "30 is above the intervention level of 25 (target 20)."


def test_rag_grey_without_target_or_value():
    assert rag(22, None).status == "grey"
    assert rag(None, REREF).status == "grey"
    assert rag(float("nan"), REREF).status == "grey"


def test_rag_rounds_to_the_displayed_precision():
    # 20.04 shows as 20.0, which meets the target of 20; unrounded it would be amber
    assert rag(20.04, REREF).status == "amber"
    assert rag(20.04, REREF, decimals=1).status == "green"


def test_inconsistent_thresholds_are_refused():
    with pytest.raises(ValueError, match="must differ"):
        Target("x", date(2024, 4, 1), 20, 20)
    with pytest.raises(ValueError, match="band"):
        Target("x", date(2024, 4, 1), 12, 10, 16, None)
    with pytest.raises(ValueError, match="band"):
        Target("x", date(2024, 4, 1), 12, 13, 16, 18)  # intervention above the target


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "judgement", "symbol"),
    [
        (14.7, 14.1, "lower_is_better", "worsened", "▲"),  # re-referrals up 0.6: worse
        (14.1, 14.7, "lower_is_better", "improved", "▼"),
        (88.3, 86.8, "higher_is_better", "improved", "▲"),  # assessments up 1.5: better
        (86.8, 88.3, "higher_is_better", "worsened", "▼"),
        (65.0, 67.0, "neutral", "changed", "▼"),  # no good direction: say it changed
        (14.7, 14.7, "lower_is_better", "no change", "▶"),
        (None, 14.7, "lower_is_better", "not comparable", "–"),
    ],
)
def test_direction_of_travel(current, previous, polarity, judgement, symbol):
    travel = direction_of_travel(current, previous, polarity, decimals=1)
    assert (travel.judgement, travel.symbol) == (judgement, symbol)


def test_direction_words_give_the_size_of_change():
    assert (
        direction_of_travel(14.7, 14.1, "lower_is_better", 1).words
        == "worsened (up 0.6 on the previous period)"
    )


def test_travel_against_previous_month_and_same_month_last_year():
    series = pd.Series({date(2024, 10, 31): 25.0, date(2025, 9, 30): 21.0, date(2025, 10, 31): 22.0})
    result = travel_summary(series, date(2025, 10, 31), "lower_is_better", decimals=1)
    assert result["previous period"].judgement == "worsened"  # 21 -> 22
    assert result["previous period"].change == 1.0
    assert result["same month last year"].judgement == "improved"  # 25 -> 22
    assert result["same month last year"].change == -3.0


def test_seeded_targets_have_sources_and_the_bcp_thresholds():
    seed = read_targets_csv()
    assert seed["source"].str.len().min() > 10
    reref = seed[seed["indicator_id"] == "rereferrals_12m_pct"].iloc[0]
    assert (reref["target"], reref["intervention"]) == (20, 25)
    headline = {
        "rereferrals_12m_pct",
        "assessments_within_45wd_pct",
        "s47_rate_per_10k",
        "icpc_within_15wd_pct",
        "cpp_rate_per_10k",
        "cpp_second_subsequent_pct",
        "cla_rate_per_10k",
        "cla_3plus_placements_pct",
        "cla_longterm_stability_pct",
        "cla_health_assessment_pct",
        "cl_eet_19_21_pct",
        "cl_suitable_accom_19_21_pct",
        "wf_vacancy_rate_pct",
        "wf_agency_rate_pct",
        "wf_avg_caseload",
    }
    assert headline <= set(seed["indicator_id"])


def test_edit_is_stored_and_logged(tmp_path):
    con = connect(None)
    install_seed_targets(con)
    seeds = seed_targets(con)
    store = tmp_path / "app.store.sqlite"
    edit_id = edit_target(
        store,
        seeds,
        "rereferrals_12m_pct",
        date(2025, 4, 1),
        18,
        23,
        changed_by="analyst",
        reason="2025-26 plan",
    )
    assert edit_id == 1
    stored = targets_in_force(seeds, target_edits(store))
    assert len(stored) == len(seeds) + 1  # a new from-date adds a row; the 2024 target stays
    assert target_for(stored, "rereferrals_12m_pct", date(2025, 3, 31)).target == 20
    assert target_for(stored, "rereferrals_12m_pct", date(2025, 4, 30)).target == 18
    assert target_for(stored, "rereferrals_12m_pct", date(2024, 3, 31)) is None
    # replacing an existing from-date logs old and new values
    assert (
        edit_target(store, seeds, "rereferrals_12m_pct", date(2025, 4, 1), 19, 24, changed_by="analyst") == 2
    )
    log = target_changes(store)
    latest = log.iloc[0]
    assert (latest["old_target"], latest["target"], latest["intervention"]) == (18, 19, 24)
    assert pd.isna(log.iloc[1]["old_target"])  # the first edit created the row
    assert len(targets_in_force(seeds, target_edits(store))) == len(seeds) + 1
    # editing a seeded from-date replaces the seed and logs the seed's values as the old ones
    edit_target(store, seeds, "rereferrals_12m_pct", date(2024, 4, 1), 21, 26, changed_by="analyst")
    assert target_changes(store).iloc[0]["old_target"] == 20
    assert (
        target_for(
            targets_in_force(seeds, target_edits(store)), "rereferrals_12m_pct", date(2025, 1, 31)
        ).target
        == 21
    )


def test_seeds_are_replaced_by_every_load_but_edits_are_not_in_the_database(tmp_path):
    con = connect(None)
    install_seed_targets(con)
    edit_target(tmp_path / "s.sqlite", seed_targets(con), "rereferrals_12m_pct", date(2024, 4, 1), 18, 23)
    install_seed_targets(con)  # what the next load does
    seeds = seed_targets(con)
    assert target_for(seeds, "rereferrals_12m_pct", date(2025, 1, 31)).target == 20
    in_force = targets_in_force(seeds, target_edits(tmp_path / "s.sqlite"))
    assert target_for(in_force, "rereferrals_12m_pct", date(2025, 1, 31)).target == 18


def test_invalid_edit_writes_nothing(tmp_path):
    con = connect(None)
    install_seed_targets(con)
    store = tmp_path / "s.sqlite"
    with pytest.raises(ValueError):
        edit_target(store, seed_targets(con), "rereferrals_12m_pct", date(2025, 4, 1), 20, 20)
    assert target_changes(store).empty
