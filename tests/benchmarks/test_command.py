"""``python -m cscdash benchmarks``: the LA beside its SN average, region and England, banded and ranked."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from cscdash.benchmarks.command import run_benchmarks
from cscdash.cli import build_parser
from tests.conftest import PROJECT_ROOT


def _run(*argv: str) -> tuple[int, str]:
    args = build_parser().parse_args(["benchmarks", *argv])
    out = io.StringIO()
    return run_benchmarks(args, out=out), out.getvalue()


def test_text_output_for_dorset_rereferrals():
    rc, text = _run("--la", "E06000059", "--indicator", "rereferrals_12m_pct")
    assert rc == 0
    assert "Dorset (E06000059), region South West" in text
    assert "lower is better" in text
    line_2025 = next(line for line in text.splitlines() if line.startswith("2025"))
    # Dorset 14.7, SN average 20.3 of 10/10, South West 22.1, England 22.6 (indicators.md, 2025)
    for expected in ("14.7", "20.3", "10/10", "22.1", "22.6", "A (best quarter)", "/153"):
        assert expected in line_2025, (expected, line_2025)


def test_suppressed_year_printed_as_its_code():
    rc, text = _run("--la", "E06000059", "--indicator", "cl_suitable_accom_17_18_pct")
    line_2023 = next(line for line in text.splitlines() if line.startswith("2023"))
    assert "[c]" in line_2023 and "no band" in line_2023
    assert "[c] confidential" in text


def test_json_and_csv_formats():
    rc, text = _run("--la", "E06000059", "--indicator", "wf_vacancy_rate_pct", "--format", "json")
    records = {r["year"]: r for r in json.loads(text)}
    assert records[2025]["value"] == 18.8 and records[2025]["england_value"] == 14.2  # indicators.md
    assert records[2025]["period_end"] == "2025-09-30"  # workforce year ends 30 September
    rc, text = _run("--la", "E06000059", "--indicator", "wf_vacancy_rate_pct", "--format", "csv")
    assert text.splitlines()[0].startswith("indicator_id,year,period_end,la_code")


def test_neutral_indicator_says_not_ranked():
    rc, text = _run("--la", "E06000058", "--indicator", "cla_rate_per_10k")
    assert "not ranked" in next(line for line in text.splitlines() if line.startswith("2025"))


def test_unknown_indicator_exits_2():
    rc, _ = _run("--la", "E06000059", "--indicator", "not_an_indicator")
    assert rc == 2


def test_module_entry_point():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cscdash",
            "benchmarks",
            "--la",
            "E06000059",
            "--indicator",
            "rereferrals_12m_pct",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "SN average" in done.stdout
