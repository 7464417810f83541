"""The demo authority end to end: every front door and child protection figure for the year to
31 March 2025 lies in the calibration bands of calibration.md, and four headline indicators equal the
value computed straight from the CIN census XML files by a second, independent route (lxml + numpy's
busday_count with the holidays package, no SQL)."""

from __future__ import annotations

import io
import json
import shutil
from collections import defaultdict
from contextlib import redirect_stdout
from datetime import date, timedelta
from pathlib import Path

import holidays
import numpy as np
import pytest
from lxml import etree

from cscdash.cli import main

pytestmark = pytest.mark.slow

YEAR_START, YEAR_END = date(2024, 4, 1), date(2025, 3, 31)

#: calibration.md section 3, "Good target (tolerance)" for the demo profile: (low, high)
BANDS = {
    "contact_to_referral_pct": (30, 40),
    "referral_rate_per_10k": (350, 450),
    "rereferrals_12m_pct": (14, 19),
    "referrals_nfa_pct": (8, 16),
    "assessments_within_45wd_pct": (85, 92),
    "referrals_assessed_not_in_need_pct": (18, 28),
    "cin_rate_per_10k": (300, 360),
    "s47_rate_per_10k": (150, 175),
    "s47_to_icpc_pct": (30, 40),
    "icpc_rate_per_10k": (52, 64),
    "icpc_within_15wd_pct": (85, 94),
    "cpp_rate_per_10k": (38, 46),
    "cpp_second_subsequent_pct": (20, 29),
    "cpp_ended_under_3m_pct": (12, 20),
    "cpp_ended_2y_plus_pct": (2, 6),
}


@pytest.fixture(scope="module")
def march_2025(demo_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The command's JSON for 31 Mar 2025 on the demo database, by indicator id.

    The command opens its own (read-only) connection, as it would from a shell; it runs on a copy of the
    session's database because DuckDB refuses a second connection with another configuration to a file
    this process (the AppTest tests) already holds open."""
    copy = tmp_path_factory.mktemp("routes") / "cscdash.duckdb"
    shutil.copyfile(demo_env["CSCDASH_DB"], copy)
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(
            [
                "indicators",
                "--db",
                str(copy),
                "--period-end",
                "2025-03-31",
                "--la",
                "E06999999",
                "--format",
                "json",
            ]
        )
    assert code == 0
    return {row["indicator_id"]: row for row in json.loads(out.getvalue())}


def test_every_front_door_and_child_protection_id_has_a_value(march_2025: dict[str, dict]) -> None:
    from cscdash.catalogue import load_catalogue

    catalogue = load_catalogue()
    for page in ("front_door", "child_protection"):
        for indicator in catalogue.page(page).indicators:
            assert march_2025[indicator.id]["value"] is not None, indicator.id


@pytest.mark.parametrize("indicator_id", sorted(BANDS))
def test_calibration_band(march_2025: dict[str, dict], indicator_id: str) -> None:
    low, high = BANDS[indicator_id]
    assert low <= march_2025[indicator_id]["value"] <= high


# ------------------------------------------------------------------ the second route: straight from XML
def _text(element, tag: str) -> str | None:
    found = element.find(tag)
    return found.text.strip() if found is not None and found.text else None


def _date(element, tag: str) -> date | None:
    text = _text(element, tag)
    return date.fromisoformat(text) if text else None


def read_cin_census(folder: Path) -> dict[str, dict]:
    """Referrals, assessments, S47s and plans of every CIN census file; later years win per key."""
    out: dict[str, dict] = {"referrals": {}, "assessments": {}, "s47s": {}, "plans": {}}
    for path in sorted(folder.rglob("cin_census_*.xml")):  # file names sort by year
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False))
        for child in tree.iter("Child"):
            child_id = _text(child.find("ChildIdentifiers"), "LAchildID")
            for episode in child.iter("CINdetails"):
                referral = _date(episode, "CINreferralDate")
                out["referrals"][(child_id, referral)] = True
                for a in episode.iter("Assessments"):
                    start = _date(a, "AssessmentActualStartDate")
                    out["assessments"][(child_id, start)] = _date(a, "AssessmentAuthorisationDate")
                for s in episode.iter("Section47"):
                    start = _date(s, "S47ActualStartDate")
                    out["s47s"][(child_id, start)] = _date(s, "DateOfInitialCPC")
                for p in episode.iter("ChildProtectionPlans"):
                    start = _date(p, "CPPstartDate")
                    previous = _text(p, "NumberOfPreviousCPP")
                    out["plans"][(child_id, start)] = int(previous) if previous else 0
    return out


def _working_days(start: date, end: date, closed: list[str]) -> int:
    """R3: working days d with start < d <= end."""
    return int(np.busday_count(start + timedelta(days=1), end + timedelta(days=1), holidays=closed))


def _year_before(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


@pytest.fixture(scope="module")
def census(demo_env: dict[str, str]) -> dict[str, dict]:
    return read_cin_census(Path(demo_env["CSCDASH_DEMO_DIR"]))


@pytest.fixture(scope="module")
def closed_days() -> list[str]:
    package = holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2031))
    return [d.isoformat() for d in package]


def _in_year(d: date | None) -> bool:
    return d is not None and YEAR_START <= d <= YEAR_END


def test_rereferrals_by_a_second_route(census, march_2025) -> None:
    dates = defaultdict(list)
    for child_id, referral in census["referrals"]:
        dates[child_id].append(referral)
    total = repeat = 0
    for child_dates in dates.values():
        child_dates.sort()
        for i, referral in enumerate(child_dates):
            if _in_year(referral):
                total += 1
                repeat += i > 0 and child_dates[i - 1] >= _year_before(referral)
    row = march_2025["rereferrals_12m_pct"]
    assert (row["numerator"], row["denominator"]) == (repeat, total)
    assert row["value"] == pytest.approx(100 * repeat / total, abs=1e-3)


def test_assessments_within_45wd_by_a_second_route(census, march_2025, closed_days) -> None:
    done = [(start, end) for (_, start), end in census["assessments"].items() if _in_year(end)]
    in_time = sum(_working_days(start, end, closed_days) <= 45 for start, end in done)
    row = march_2025["assessments_within_45wd_pct"]
    assert (row["numerator"], row["denominator"]) == (in_time, len(done))


def test_icpc_within_15wd_by_a_second_route(census, march_2025, closed_days) -> None:
    latest_s47 = {}
    for (child_id, start), icpc in census["s47s"].items():
        if _in_year(icpc) and start <= icpc:
            key = (child_id, icpc)
            latest_s47[key] = max(start, latest_s47.get(key, start))
    in_time = sum(_working_days(start, icpc, closed_days) <= 15 for (_, icpc), start in latest_s47.items())
    row = march_2025["icpc_within_15wd_pct"]
    assert (row["numerator"], row["denominator"]) == (in_time, len(latest_s47))


def test_second_subsequent_plans_by_a_second_route(census, march_2025) -> None:
    starts = defaultdict(list)
    for (child_id, start), _ in census["plans"].items():
        starts[child_id].append(start)
    total = repeat = 0
    for (child_id, start), previous in census["plans"].items():
        if _in_year(start):
            total += 1
            repeat += previous > 0 or any(s < start for s in starts[child_id])
    row = march_2025["cpp_second_subsequent_pct"]
    assert (row["numerator"], row["denominator"]) == (repeat, total)
