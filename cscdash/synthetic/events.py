"""The special-cause events scripted into the demo (calibration.md section 6) and their file.

Each event is written to ``events.csv`` so that tests of the SPC module can check it finds them. The
front door applies E1-E5 and E8 itself (see ``front_door_params``); E6 and E7 are applied by the
workforce part and E9 by the care part, and are listed here so the file is the one complete record.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Event:
    """One injected event: the series it moves, when, and what it does."""

    id: str
    series: str
    start: date
    end: date
    effect: str


EVENTS: tuple[Event, ...] = (
    Event(
        "E1",
        "referrals_count",
        date(2020, 4, 1),
        date(2020, 6, 30),
        "Covid lockdown: referrals -30%, school-source referrals -70%",
    ),
    Event(
        "E1b",
        "referrals_count",
        date(2020, 9, 1),
        date(2020, 11, 30),
        "post-lockdown rebound: referrals +15%",
    ),
    Event(
        "E2",
        "contacts_count",
        date(2021, 10, 1),
        date(2026, 12, 31),
        "new front door: contacts step down -15%, contact-to-referral conversion 30% -> 37%",
    ),
    Event(
        "E2b",
        "rereferrals_12m_pct",
        date(2021, 10, 1),
        date(2022, 9, 30),
        "new front door: re-referrals fall 3 points over 12 months",
    ),
    Event(
        "E3",
        "cpp_visits_4wk_pct",
        date(2022, 11, 1),
        date(2022, 11, 30),
        "case-system migration: recorded CP and CIN visits -40% for one month, back-recorded in December",
    ),
    Event(
        "E3b",
        "assessments_within_45wd_pct",
        date(2022, 11, 1),
        date(2022, 12, 31),
        "case-system migration: assessments within 45 working days -10 points for two months",
    ),
    Event(
        "E4",
        "cpp_starts_count",
        date(2022, 2, 1),
        date(2022, 2, 28),
        "sibling group of 5: +5 ICPCs and CP plan starts; ICPC within 15 working days dips",
    ),
    Event(
        "E4b",
        "cla_starts_count",
        date(2022, 4, 1),
        date(2022, 4, 30),
        "the same sibling group: +4 CLA starts",
    ),
    Event(
        "E5",
        "cla_starts_uasc_pct",
        date(2022, 4, 1),
        date(2022, 5, 31),
        "National Transfer Scheme: +10 UASC starts (male, aged 15-17)",
    ),
    Event(
        "E6",
        "wf_vacancy_rate_pct",
        date(2022, 11, 1),
        date(2022, 12, 31),
        "social worker exodus: employed -4, vacancy rate 17% -> 21%, caseloads +1.5 (workforce part)",
    ),
    Event(
        "E7",
        "wf_agency_rate_pct",
        date(2024, 10, 1),
        date(2025, 3, 31),
        "agency rules: agency FTE -30% over six months (workforce part)",
    ),
    Event(
        "E8",
        "cin_count",
        date(2024, 4, 1),
        date(2026, 12, 31),
        "Family Help: CIN count steps down, assessments completed -15%, episodes without assessment rise",
    ),
    Event(
        "E9",
        "cla_missing_count",
        date(2019, 6, 1),
        date(2026, 8, 31),
        "summer missing peak each June-August x1.2 (care part)",
    ),
)


def write_events(path: Path, end_month: date) -> Path:
    """Write ``events.csv`` (id, series, start, end, effect) for the events that start by ``end_month``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "series", "start", "end", "effect"])
        for ev in EVENTS:
            if ev.start <= end_month:
                end = min(ev.end, end_month)
                writer.writerow([ev.id, ev.series, ev.start.isoformat(), end.isoformat(), ev.effect])
    return path
