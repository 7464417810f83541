"""Same seed and end month -> byte-identical files; another seed -> different files (the issue's
"done when"). Every file under the output folder is hashed, the CIN XML and Annex A workbooks too."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from cscdash.synthetic.generate import generate

pytestmark = pytest.mark.slow

DEMO_END = date(2026, 10, 31)


def hashes(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``root``."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_byte_identical_files(demo_out: Path, tmp_path: Path) -> None:
    generate(tmp_path, seed=1, end_month=DEMO_END)
    first, second = hashes(demo_out), hashes(tmp_path)
    assert sorted(first) == sorted(second)
    assert any(name.endswith(".xlsx") for name in first) and any(name.endswith(".xml") for name in first)
    assert "E06999999/extracts/local/early_help_SYNTHETIC.csv" in first
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_another_seed_gives_different_files(demo_out: Path, tmp_path: Path) -> None:
    generate(tmp_path, seed=2, end_month=DEMO_END)
    first, second = hashes(demo_out), hashes(tmp_path)
    la = "E06999999/extracts"
    for name in (
        f"{la}/cin/cin_census_2024-25_SYNTHETIC.xml",
        f"{la}/annex_a/annex_a_list1_contacts_2024-25_SYNTHETIC.xlsx",
        f"{la}/local/visits_SYNTHETIC.csv",
        f"{la}/local/early_help_SYNTHETIC.csv",
    ):
        assert first[name] != second[name], name
    # the population table does not depend on the seed
    assert first[f"{la}/population_SYNTHETIC.csv"] == second[f"{la}/population_SYNTHETIC.csv"]
