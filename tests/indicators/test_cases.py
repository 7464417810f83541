"""Every hand-worked case file in tests/cases passes against the real views (see case_runner)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.indicators.case_runner import case_files, check_case, load_case


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
def test_case(path: Path) -> None:
    problems = check_case(load_case(path))
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize(
    "stem", ["rereferrals_12m_pct", "cpp_count", "s47_to_icpc_pct", "cin_count", "cpp_visits_10wd_pct"]
)
def test_case_with_materialised_intermediates(stem: str) -> None:
    """The tables build_views(materialise=True) makes give the same answers as the views."""
    path = Path(__file__).resolve().parent.parent / "cases" / f"{stem}.yml"
    problems = check_case(load_case(path), materialise=True)
    assert not problems, f"{path.name} (materialised):\n  " + "\n  ".join(problems)
