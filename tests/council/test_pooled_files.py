"""Pooled files, as a regional partnership holds them: one SSDA903 table per file for several LAs and years
(``LA`` and ``YEAR`` columns, ISO dates, as Social Finance's liia-tools write them) and one Annex A list 1
with an ``LA`` column. The commands run as a user types them; every figure is worked by hand in
tests/council/README.md ("files/pooled/").
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from tests.council.conftest import FILES, cli

POOLED = FILES / "pooled"
TYPED = "tests/council/files/pooled"  # the folder as the user types it, from the project root
DORSET, CAMDEN, HACKNEY = "E06000059", "E09000007", "E09000012"
#: Hand-worked (tests/council/README.md): (indicator, period end) -> figure per LA.
EXPECTED = {
    ("cla_count", "2024-03-31"): {DORSET: 4, CAMDEN: 5, HACKNEY: 2},
    ("cla_count", "2023-03-31"): {DORSET: 3, CAMDEN: 2, HACKNEY: 1},
    ("cla_starts_count", "2024-03-31"): {DORSET: 2, CAMDEN: 4, HACKNEY: 2},
    ("cla_ceased_count", "2024-03-31"): {DORSET: 1, CAMDEN: 1, HACKNEY: 1},
    ("contacts_count", "2024-03-31"): {DORSET: 3, CAMDEN: 4, HACKNEY: 2},
}


def _identity(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _figures(db: Path, la: str, period_end: str) -> dict[str, tuple[str, str, str]]:
    """``python -m cscdash indicators --db X --la LA --period-end D --format csv``: id -> figures."""
    done = cli("indicators", "--db", str(db), "--la", la, "--period-end", period_end, "--format", "csv")
    assert done.returncode == 0, done.stdout + done.stderr
    rows = csv.DictReader(io.StringIO(done.stdout))
    return {r["indicator_id"]: (r["numerator"], r["denominator"], r["value"]) for r in rows}


@pytest.fixture(scope="module")
def pooled_db(tmp_path_factory) -> Path:
    """The pooled folder loaded as the README says, without --la: the files name their LAs."""
    path = tmp_path_factory.mktemp("pooled") / "pooled.duckdb"
    done = cli("load", TYPED, "--db", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No problems found" in done.stdout
    for la in (DORSET, CAMDEN, HACKNEY):  # each LA's own returns, each year covered to 31 March
        assert f"{la} ssda903: full returns 2022-23 to 2023-24" in done.stdout
        assert f"{la} annex_a_list1: full returns 2023-24" in done.stdout
    return path


@pytest.mark.parametrize("la", [DORSET, CAMDEN, HACKNEY])
def test_each_authority_gets_its_own_hand_worked_figures(pooled_db, la):
    for period_end in ("2024-03-31", "2023-03-31"):
        figures = _figures(pooled_db, la, period_end)
        for (indicator, month), by_la in EXPECTED.items():
            if month == period_end:
                count = by_la[la]
                assert figures[indicator] == (str(count), "", f"{count}.0"), (la, indicator, month)


def test_validate_reports_the_same_without_writing(tmp_path):
    done = cli("validate", TYPED)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No problems found" in done.stdout and "validated only: nothing written" in done.stdout
    assert f"{CAMDEN} ssda903: full returns 2022-23 to 2023-24" in done.stdout


def _copy_with(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """The pooled folder copied, with one line of ``file`` changed."""
    folder = tmp_path / "pooled"
    shutil.copytree(POOLED, folder)
    target = folder / file
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1
    target.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def test_an_unknown_la_is_refused_naming_file_row_and_value(pooled_db, tmp_path):
    # Row 22 of the episodes file (HAC03) misspells Hackney; row 9 of the contacts gives an ONS code that
    # is no LA's. Nothing is loaded: the database is the file it was.
    folder = _copy_with(
        tmp_path,
        "ssda903/SSDA903_episodes.csv",
        "HAC03,2023-12-01,S,C2,N1,U1,PR1,,,,E9 5AA,E9 6AB,XXXXXXX,Hackney,2024",
        "HAC03,2023-12-01,S,C2,N1,U1,PR1,,,,E9 5AA,E9 6AB,XXXXXXX,Hackny,2024",
    )
    contacts = folder / "annex_a" / "annex_a_list1_2023-24.csv"
    contacts.write_text(
        contacts.read_text(encoding="utf-8").replace("q) 6: Police,E06000059\n", "q) 6: Police,E09000099\n"),
        encoding="utf-8",
    )
    db = tmp_path / "pooled.duckdb"
    shutil.copy(pooled_db, db)
    before = _identity(db)
    for command in (["load", str(folder), "--db", str(db)], ["validate", str(folder)]):
        done = cli(*command)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "ERROR [LA_UNKNOWN] SSDA903_episodes.csv, row 22, LA: " in done.stdout
        assert "(value 'Hackny')" in done.stdout
        assert "ERROR [LA_UNKNOWN] annex_a_list1_2023-24.csv, row 9, LA: " in done.stdout
        assert "(value 'E09000099')" in done.stdout
    assert "NOT LOADED" in cli("load", str(folder), "--db", str(db)).stdout
    assert _identity(db) == before
    assert _figures(db, HACKNEY, "2024-03-31")["cla_count"] == ("2", "", "2.0")


def test_la_given_must_agree_with_every_row(tmp_path):
    db = tmp_path / "x.duckdb"
    done = cli("load", TYPED, "--la", DORSET, "--db", str(db))
    assert done.returncode == 1
    # one error per other LA in each pooled file, naming its first row
    assert "ERROR [LA_MISMATCH] SSDA903_episodes.csv, row 4, LA: " in done.stdout
    assert f"says {CAMDEN} (9 row(s), the first shown), which does not agree with --la {DORSET}" in (
        done.stdout
    )
    contacts = "ERROR [LA_MISMATCH] annex_a_list1_2023-24.csv, row 2, LA: the file's LA column says "
    assert contacts + CAMDEN in done.stdout
    assert not db.exists()
    assert cli("validate", TYPED, "--la", CAMDEN).returncode == 1


def test_la_given_that_agrees_loads(tmp_path):
    # Dorset's rows alone (the LA column as names, codes and numbers), loaded with --la as a council would.
    folder = tmp_path / "dorset_only"
    for file in POOLED.rglob("*.csv"):
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        keep = [lines[0]] + [x for x in lines[1:] if ",Dorset," in x or x.rstrip().endswith(DORSET)]
        target = folder / file.relative_to(POOLED)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(keep), encoding="utf-8")
    db = tmp_path / "dorset.duckdb"
    done = cli("load", str(folder), "--la", DORSET, "--db", str(db))
    assert done.returncode == 0, done.stdout + done.stderr
    figures = _figures(db, DORSET, "2024-03-31")
    assert figures["cla_count"] == ("4", "", "4.0")
    assert figures["contacts_count"] == ("3", "", "3.0")
