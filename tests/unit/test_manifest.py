"""The project's rule on data: every data file in the repository is listed in data/MANIFEST.csv with
its origin and licence, and every listed file exists (globs are allowed for generated folders)."""

from __future__ import annotations

import csv
import fnmatch
import subprocess

from tests.conftest import PROJECT_ROOT

MANIFEST = PROJECT_ROOT / "data" / "MANIFEST.csv"
DATA_SUFFIXES = {".csv", ".parquet", ".xlsx", ".xml", ".json", ".duckdb", ".tsv", ".yml", ".yaml"}
# Folders holding data sets and copied specifications (the catalogue YAML, SQL and test fixtures are code).
DATA_FOLDERS = ("data/", "cscdash/extracts/specs/")


def _manifest_rows() -> list[dict[str, str]]:
    with MANIFEST.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _tracked_data_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [
        p
        for p in out
        if any(p.endswith(s) for s in DATA_SUFFIXES) and p.startswith("data/") and p != "data/MANIFEST.csv"
    ]


def test_manifest_rows_have_origin_and_licence():
    for row in _manifest_rows():
        assert row["path"] and row["origin"].strip() and row["licence"].strip(), row


def test_every_data_file_is_listed():
    patterns = [row["path"] for row in _manifest_rows()]
    unlisted = [
        p for p in _tracked_data_files() if not any(p == pat or fnmatch.fnmatch(p, pat) for pat in patterns)
    ]
    assert unlisted == [], f"add these to data/MANIFEST.csv: {unlisted}"


def test_every_listed_file_exists():
    missing = [
        row["path"]
        for row in _manifest_rows()
        if "*" not in row["path"] and not (PROJECT_ROOT / row["path"]).exists()
    ]
    assert missing == []
