"""All-or-nothing loads, the load log, and the command line."""

from __future__ import annotations

import json

import pytest

from cscdash import cli, db
from cscdash.extracts import store
from cscdash.extracts.loader import load_paths
from tests.extracts.conftest import BAD_FILES, FIXTURES, LA, snapshot

H = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
E = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"


def _write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_a_failure_while_writing_leaves_everything_as_it_was(loaded_con, tmp_path, monkeypatch):
    before = snapshot(loaded_con)
    real = store.write_changes
    calls = []

    def fail_on_second(con, table, change, load_id):
        calls.append(table)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real(con, table, change, load_id)

    monkeypatch.setattr(store, "write_changes", fail_on_second)
    result = load_paths(loaded_con, [FIXTURES / "xml_csv" / "2024-25"], la_code=LA)
    assert not result.ok and result.errors[0].rule == "LOAD_FAILED"
    assert len(calls) == 2  # the first table had been written before the failure ...
    assert snapshot(loaded_con) == before  # ... and was rolled back, load log included


def test_loads_row_records_files_hashes_rows_and_warnings(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    year = tmp_path / "in" / "2024-25"
    _write(year, "header.csv", H + "T1,M,01/02/2012,WBRI,A123456789012,,\n")
    # Two overlapping episodes (the first still open when the second starts): DfE rule 501, a warning.
    _write(
        year, "episodes.csv", E + "T1,10/05/2024,S,C1,N1,U4,PR1,,,,,,\nT1,01/06/2024,P,C1,N1,U6,PR1,,,,,,\n"
    )
    result = load_paths(con, [tmp_path / "in"], la_code=LA)
    assert result.ok and result.load_id == 1
    (load,) = (
        con.table("loads")
        .select("load_id", "outcome", "files_json", "rows_json", "n_errors", "n_warnings")
        .fetchall()
    )
    files = json.loads(load[2])
    assert sorted(f["file"] for f in files) == ["episodes.csv", "header.csv"]
    assert all(len(f["sha256"]) == 64 for f in files)
    assert json.loads(load[3])["ssda903_episodes"] == {"inserted": 2, "updated": 0, "deleted": 0}
    assert load[1] == "loaded" and load[4] == 0 and load[5] == len(result.warnings) >= 1
    problems = con.table("load_problems").select("load_id", "severity", "rule", "file", "row_ref").fetchall()
    assert (1, "warning", "501", "episodes.csv", "row 1") in problems


def test_a_later_return_updates_an_open_episode(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    first = tmp_path / "a" / "2023-24"
    _write(first, "header.csv", H + "T1,1,01/02/2012,WBRI,A123456789012,,\n")
    _write(first, "episodes.csv", E + "T1,10/05/2023,S,C1,N1,U4,PR1,,,,,,\n")
    assert load_paths(con, [tmp_path / "a"], la_code=LA).ok
    second = tmp_path / "b" / "2024-25"
    _write(second, "header.csv", H + "T1,M,01/02/2012,WBRI,A123456789012,,\n")
    _write(second, "episodes.csv", E + "T1,10/05/2023,S,C1,N1,U4,PR1,20/06/2024,E4A,,,,\n")
    result = load_paths(con, [tmp_path / "b"], la_code=LA)
    assert result.ok
    assert result.changes["ssda903_episodes"] == {"inserted": 0, "updated": 1, "deleted": 0}
    rows = con.table("ssda903_episodes").select("DEC", "REC", "collection_year", "load_id").fetchall()
    assert [(str(r[0]), r[1], r[2], r[3]) for r in rows] == [("2024-06-20", "E4A", 2025, 2)]
    # SEX was '1' in 2023-24 and 'M' in 2024-25: both are stored as M (the 2024/25 change), so the header
    # only changes its collection year (latest return wins for header fields).
    assert con.table("ssda903_header").select("SEX", "collection_year").fetchall() == [("M", 2025)]


def test_a_file_for_another_la_is_an_error(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [BAD_FILES / "la_mismatch"], la_code=LA)
    assert [p.rule for p in result.errors] == ["LA_MISMATCH"]


def test_files_without_an_la_need_one(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [FIXTURES / "xml_csv" / "2024-25"], la_code=None)
    assert {p.rule for p in result.errors} == {"LA_REQUIRED"}


def test_progress_is_reported(tmp_path):
    seen = []
    con = db.connect(tmp_path / "t.duckdb")
    load_paths(con, [FIXTURES / "baseline"], la_code=LA, progress=lambda m, f: seen.append((m, f)))
    assert seen[0][1] == 0 and seen[-1] == ("done", 1.0)
    assert all(0 <= f <= 1 for _, f in seen)


def test_cli_load_exits_1_with_a_readable_report(tmp_path, capsys):
    code = cli.main(
        ["load", str(BAD_FILES / "episode_before_birth"), "--db", str(tmp_path / "t.duckdb"), "--la", LA]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "NOT LOADED" in out and "episodes.csv, row 1, DECOM" in out and "[302]" in out


def test_cli_validate_csv_report(capsys):
    code = cli.main(["validate", str(BAD_FILES / "sex_code"), "--la", LA, "--format", "csv"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0] == "severity,rule,file,row_ref,field,value,message"
    assert out[1].startswith("error,101,header.csv,row 1,SEX,Q,")


def test_cli_load_good_files_exits_0(tmp_path, capsys):
    code = cli.main(["load", str(FIXTURES / "baseline"), "--db", str(tmp_path / "t.duckdb"), "--la", LA])
    assert code == 0
    assert "loaded as load 1" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["header", "uasc"])
def test_sex_codes_follow_the_year(tmp_path, name):
    # 'U' is only a 903 SEX code from 2024-25: in a 2023-24 return it loads with a CODE_YEAR warning.
    con = db.connect(tmp_path / "t.duckdb")
    text = (
        H + "T1,U,01/02/2012,WBRI,A123456789012,,\n"
        if name == "header"
        else "CHILD,SEX,DOB,DUC\nT1,U,01/02/2012,01/02/2030\n"
    )
    _write(tmp_path / "r" / "2023-24", f"{name}.csv", text)
    result = load_paths(con, [tmp_path / "r"], la_code=LA)
    assert result.ok
    assert any(p.rule == "CODE_YEAR" and p.field == "SEX" and p.value == "U" for p in result.warnings)


def test_a_later_return_changing_a_date_of_birth_is_reported(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    _write(tmp_path / "a" / "2023-24", "header.csv", H + "T1,1,01/02/2012,WBRI,A123456789012,,\n")
    assert load_paths(con, [tmp_path / "a"], la_code=LA).ok
    _write(tmp_path / "b" / "2024-25", "header.csv", H + "T1,M,01/03/2012,WBRI,A123456789012,,\n")
    result = load_paths(con, [tmp_path / "b"], la_code=LA)
    assert result.ok  # the latest return wins ...
    assert [str(r[0]) for r in con.table("ssda903_header").select("DOB").fetchall()] == ["2012-03-01"]
    # ... and DfE rule 203 says what changed
    (problem,) = [p for p in result.warnings if p.rule == "203"]
    assert (problem.file, problem.row_ref, problem.field) == ("header.csv", "row 1", "DOB")
    assert problem.value == "01/03/2012 (loaded before: 01/02/2012)"
    assert problem.message.startswith("Date of birth disagrees with the date of birth already recorded")
