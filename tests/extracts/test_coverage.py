"""What a return covers (cscdash.extracts.coverage): full returns, in-year extracts and their as-at date,
snapshots, censuses and local files; which loaded rows a new return replaces; the merged coverage rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from cscdash.extracts import coverage
from cscdash.extracts.coverage import Coverage, CoverageRules, ReturnRead
from cscdash.extracts.problems import ProblemLog

TODAY = date(2024, 12, 6)  # 2023-24 has ended; 2024-25 has not


def _decide(ret: ReturnRead, as_at: date | None = None) -> tuple[Coverage | None, ProblemLog]:
    log = ProblemLog()
    found = coverage.decide([ret], CoverageRules(as_at=as_at, today=TODAY), log)
    return (found[0] if found else None), log


def _cin(year: int, path: str = "cin/cin_census.xml", latest: date | None = None) -> ReturnRead:
    return ReturnRead(
        "cin_census", "E06000059", Path(path).name, Path(path), Path("cin"), year, latest_date=latest
    )


def test_a_return_of_a_finished_year_covers_the_whole_year():
    # latest event in August: a full return still covers to 31 March
    cover, log = _decide(_cin(2024, latest=date(2023, 8, 1)))
    assert (cover.period_start, cover.period_end, cover.kind) == (
        date(2023, 4, 1),
        date(2024, 3, 31),
        "full return",
    )
    assert cover.as_at_from == "year complete" and not log.items


def test_as_at_option_makes_an_in_year_extract_and_leaves_finished_years_whole():
    cover, _ = _decide(_cin(2025), as_at=date(2024, 10, 31))
    assert (cover.period_end, cover.kind, cover.as_at_from) == (
        date(2024, 10, 31),
        "in-year extract",
        "--as-at",
    )
    earlier, _ = _decide(_cin(2024), as_at=date(2024, 10, 31))  # the same option on last year's return
    assert (earlier.period_end, earlier.kind) == (date(2024, 3, 31), "full return")


def test_a_date_in_the_folder_name_is_the_as_at_date():
    ret = ReturnRead(
        "cin_census",
        "E06000059",
        "cin_census_2024-25.xml",
        Path("exports/cin_2024-25_as_at_2024-09-30/cin_census_2024-25.xml"),
        Path("exports"),
        2025,
    )
    cover, _ = _decide(ret)
    assert (cover.period_end, cover.as_at_from) == (date(2024, 9, 30), "file name")


def test_a_date_in_a_folder_above_the_load_root_decides_nothing():
    # the council's own archive folder named by a run date is not the extract's date
    ret = ReturnRead(
        "cin_census",
        "E06000059",
        "cin.xml",
        Path("runs/2024-06-30/exports/cin.xml"),
        Path("runs/2024-06-30/exports"),
        2024,
    )
    cover, _ = _decide(ret)
    assert cover.period_end == date(2024, 3, 31)


def test_an_in_year_extract_without_a_date_is_dated_by_its_latest_event_with_a_warning():
    cover, log = _decide(_cin(2025, latest=date(2024, 11, 20)))
    assert (cover.period_end, cover.kind) == (date(2024, 11, 30), "in-year extract")
    assert [p.rule for p in log.items] == ["AS_AT_INFERRED"]
    assert "give --as-at" in log.items[0].message.lower()


def test_an_as_at_date_before_the_year_is_an_error():
    cover, log = _decide(_cin(2025), as_at=date(2024, 2, 29))
    assert cover is None
    assert [(p.severity, p.rule) for p in log.items] == [("error", "AS_AT_BEFORE_YEAR")]


def test_snapshots_censuses_and_local_files():
    snap = ReturnRead(
        "annex_a_list8", "E06000059", "l8.csv", Path("l8.csv"), None, 2025, fixed_date=date(2024, 6, 30)
    )
    census = ReturnRead("csww", "E06000059", "w.csv", Path("w.csv"), None, 2023)
    visits = ReturnRead(
        "visits",
        "E06000059",
        "visits.csv",
        Path("visits.csv"),
        None,
        earliest_date=date(2022, 4, 3),
        latest_date=date(2024, 5, 9),
    )
    found = coverage.decide([snap, census, visits], CoverageRules(today=TODAY), ProblemLog())
    assert [(c.source, c.period_start, c.period_end, c.kind) for c in found] == [
        ("annex_a_list8", date(2024, 6, 30), date(2024, 6, 30), "snapshot"),
        ("csww", date(2023, 9, 30), date(2023, 9, 30), "census"),
        ("visits", date(2022, 4, 3), date(2024, 5, 9), "local file"),
    ]


def test_an_extract_older_than_the_loaded_one_is_refused_unless_allowed():
    loaded = pd.DataFrame(
        [
            {
                "la_code": "E06000059",
                "source": "cin_census",
                "collection_year": 2025,
                "period_end": date(2024, 10, 31),
            }
        ]
    )
    older, _ = _decide(_cin(2025), as_at=date(2024, 9, 30))
    log = ProblemLog()
    coverage.older_than_loaded([older], loaded, log, "error")
    assert [(p.severity, p.rule) for p in log.items] == [("error", "OLDER_EXTRACT")]
    newer, _ = _decide(_cin(2025), as_at=date(2024, 11, 30))
    log = ProblemLog()
    coverage.older_than_loaded([newer], loaded, log, "error")
    assert not log.items


def test_a_yearly_return_replaces_its_years_rows_only():
    cover, _ = _decide(_cin(2025), as_at=date(2024, 10, 31))
    replace = coverage.replaced_rows("cin_details", "E06000059", [cover])
    old = pd.DataFrame({"collection_year": [2024, 2025, 2025]})
    assert list(replace(old)) == [False, True, True]
    assert coverage.replaced_rows("cin_details", "E06000099", [cover]) is None  # another LA: nothing
    assert coverage.replaced_rows("ssda903_episodes", "E06000059", [cover]) is None  # another return


def test_a_local_file_replaces_the_period_it_covers():
    visits = Coverage(
        "E06000059", "visits", None, date(2024, 4, 1), date(2024, 6, 30), "local file", "", "v.csv"
    )
    replace = coverage.replaced_rows("local_visits", "E06000059", [visits])
    old = pd.DataFrame(
        {"visit_date": pd.to_datetime(["2024-03-31", "2024-04-01", "2024-06-30", "2024-07-01"])}
    )
    assert list(replace(old)) == [False, True, True, False]


def test_merged_coverage_keeps_one_row_per_year_and_the_newest():
    loaded = pd.DataFrame(
        [
            {
                "la_code": "E06000059",
                "source": "cin_census",
                "collection_year": 2024,
                "period_start": date(2023, 4, 1),
                "period_end": date(2024, 3, 31),
                "kind": "full return",
                "as_at_from": "year complete",
                "source_file": "a",
                "load_id": 1,
            },
            {
                "la_code": "E06000059",
                "source": "cin_census",
                "collection_year": 2025,
                "period_start": date(2024, 4, 1),
                "period_end": date(2024, 9, 30),
                "kind": "in-year extract",
                "as_at_from": "file name",
                "source_file": "b",
                "load_id": 1,
            },
        ]
    )
    newer, _ = _decide(_cin(2025), as_at=date(2024, 10, 31))
    rows = coverage.merged(loaded, [newer])
    assert list(zip(rows["collection_year"], rows["period_end"], strict=True)) == [
        (2024, date(2024, 3, 31)),
        (2025, date(2024, 10, 31)),
    ]
    assert coverage.replacement_notes(loaded, [newer]) == [
        "cin_census 2024-25 for E06000059: the extract as at 30/09/2024 replaced by the one as at 31/10/2024"
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cin_2024-25_as_at_2024-10-31", date(2024, 10, 31)),
        ("extract_20241031", date(2024, 10, 31)),
        ("2024-25", None),
    ],
)
def test_dates_in_names(name, expected):
    assert coverage.date_in_path(Path(name) / "f.xml", Path(name).parent) == expected
