"""The README chapter "Adding a page from a local file", followed literally.

A fresh copy of the project is made without the Early help page's files (its spec, its SQL, its catalogue
file); every ``file=`` block of the chapter is written into the copy as it stands in README.md; the
chapter's load command loads a hand-made early help file; then, in the copy, the command line gives the
hand-worked figures, and the app's navigation, the page itself (AppTest) and the Definitions page have the
new page. So the chapter is what works, and a page declared only in data appears everywhere.

The hand-made file (tests/council/files/early_help/early_help.csv, fictional Dorset children), worked by
hand for the month ending 31 March 2025. It is an export of every episode open at any time since 31 March
2023: E00 started before that and ended that day, so the file covers from 31 March 2023 (the spec's
``covers_from``: its first end date), and E00 is in no figure below.


* open episodes: G01-G09 (G09 starts on 31 March itself; F13 and F14 ended that day, so are not open) = 9,
  of Dorset's 67,149 children (ONS mid-2024, R4) -> 9 / 67,149 x 10,000 = 1.34, shown 1.3;
* episodes ended 1 Apr 2024 - 31 Mar 2025: F01-F14 = 14, of which outcomes achieved F01, F02, F03, F04,
  F06, F08, F11, F13 = 8 -> 8 / 14 = 57.1%;
* episodes ended 1 Apr 2023 - 31 Mar 2024 (the cohort a year earlier): E01-E12 = 12; stepped up between
  the start and 12 months after the end: E01 and E06 (on the day they ended), E02, E04, E05 (within
  months), E03 (exactly 12 months after: the day counts) = 6; E07 stepped up 12 months and a day after,
  so it does not count -> 6 / 12 = 50.0%.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT
from tests.council.conftest import FILES, LA

pytestmark = pytest.mark.slow

CHAPTER = "## Adding a page from a local file"
BLOCK = re.compile(r"^```(\w+) file=(\S+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
EARLY_HELP_FILES = (
    "cscdash/extracts/specs/local/early_help.yml",
    "queries/indicators/early_help",
    "cscdash/catalogue/early_help.yml",
)
PAGE_SCRIPT = """
import json
from streamlit.testing.v1 import AppTest
from cscdash.navigation import PAGES

page = AppTest.from_string(
    "from cscdash.components import service_page\\nservice_page('early_help')", default_timeout=300
).run()
definitions = AppTest.from_file("pages/definitions.py", default_timeout=300).run()
print(json.dumps({
    "navigation": [(p.key, p.title, p.url_path, p.section) for p in PAGES],
    "exception": [str(e.value) for e in page.exception],
    "title": page.title[0].value if page.title else None,
    "cards": {m.label: m.value for m in page.metric},
    "sections": [s.value for s in page.subheader],
    "definitions": [e.label for e in definitions.expander],
}))
"""


def chapter_blocks() -> dict[str, str]:
    """path -> text of every ``file=`` block of the chapter, as README.md has it now."""
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(CHAPTER)
    end = text.index("\n## ", start + len(CHAPTER))
    return {path: body for _, path, body in BLOCK.findall(text[start:end])}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project without the Early help page, then the chapter's blocks written into it."""
    copy = tmp_path_factory.mktemp("chapter") / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.duckdb*", "*.sqlite*", "demo", ".git")
    for part in ("cscdash", "queries", "data", "pages"):
        shutil.copytree(PROJECT_ROOT / part, copy / part, ignore=ignore)
    shutil.copy(PROJECT_ROOT / "app.py", copy / "app.py")
    for path in EARLY_HELP_FILES:
        target = copy / path
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    blocks = chapter_blocks()
    assert set(blocks) == {
        "cscdash/extracts/specs/local/early_help.yml",
        "queries/indicators/early_help/eh_open_rate_per_10k.sql",
        "queries/indicators/early_help/eh_closed_outcomes_achieved_pct.sql",
        "queries/indicators/early_help/eh_step_up_12m_pct.sql",
        "cscdash/catalogue/early_help.yml",
    }
    for path, body in blocks.items():
        (copy / path).parent.mkdir(parents=True, exist_ok=True)
        (copy / path).write_text(body, encoding="utf-8")
    return copy


def _in(project: Path, *argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a command in the copy, importing the copy's own cscdash."""
    return subprocess.run(
        list(argv),
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project), **(env or {})},
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_the_chapter_blocks_are_the_shipped_files():
    # the demo's Early help page is exactly what the chapter writes
    for path, body in chapter_blocks().items():
        assert (PROJECT_ROOT / path).read_text(encoding="utf-8") == body, path


def test_following_the_chapter_gives_the_page_with_its_figures(project, tmp_path):
    db_path = tmp_path / "mycouncil.duckdb"
    exports = tmp_path / "exports"
    exports.mkdir()
    shutil.copy(FILES / "early_help" / "early_help.csv", exports / "early_help.csv")
    # the chapter's load command, as it is written there
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    line = next(
        x for x in readme[readme.index(CHAPTER) :].splitlines() if x.startswith("python -m cscdash load")
    )
    argv = [
        sys.executable
        if w == "python"
        else w.replace("exports/", f"{exports}/").replace("data/mycouncil.duckdb", str(db_path))
        for w in line.split()
    ]
    loaded = _in(project, *argv)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    # covered from its first end date (E00's 31 March 2023), not its first start (E00's 1 February 2023)
    assert "early_help: local file, 31/03/2023 to 31/03/2025 (--as-at)" in loaded.stdout

    listed = _in(
        project,
        sys.executable,
        "-m",
        "cscdash",
        "indicators",
        "--db",
        str(db_path),
        "--period-end",
        "2025-03-31",
        "--format",
        "json",
    )
    assert listed.returncode == 0, listed.stderr
    rows = {r["indicator_id"]: r for r in json.loads(listed.stdout)}
    assert (rows["eh_open_rate_per_10k"]["numerator"], rows["eh_open_rate_per_10k"]["denominator"]) == (
        9,
        67149,
    )
    assert rows["eh_open_rate_per_10k"]["value"] == pytest.approx(90000 / 67149, abs=1e-4)
    assert (
        rows["eh_closed_outcomes_achieved_pct"]["numerator"],
        rows["eh_closed_outcomes_achieved_pct"]["denominator"],
    ) == (8, 14)
    assert rows["eh_closed_outcomes_achieved_pct"]["value"] == pytest.approx(800 / 14, abs=1e-4)
    assert (rows["eh_step_up_12m_pct"]["numerator"], rows["eh_step_up_12m_pct"]["denominator"]) == (6, 12)
    assert rows["eh_step_up_12m_pct"]["value"] == pytest.approx(50.0)

    shown = _in(
        project, sys.executable, "-c", PAGE_SCRIPT, env={"CSCDASH_DB": str(db_path), "CSCDASH_LA": LA}
    )
    assert shown.returncode == 0, shown.stderr[-3000:]
    app = json.loads(shown.stdout.strip().splitlines()[-1])
    assert ["early_help", "Early help", "early-help", "Services"] in app["navigation"]
    services = [p[0] for p in app["navigation"] if p[3] == "Services"]
    assert services.index("early_help") == 0  # position 5: before the Front door
    assert app["exception"] == [] and app["title"] == "Early help"
    assert app["sections"][:2] == ["Families supported now", "How early help ends"]
    assert app["cards"]["Early help episodes open per 10,000 children"] == "1.3"
    assert app["cards"]["Early help episodes ending with outcomes achieved"] == "57.1%"
    assert app["cards"]["Early help episodes stepped up to social care within 12 months of ending"] == "50.0%"
    assert (
        "Early help episodes ending with outcomes achieved (eh_closed_outcomes_achieved_pct)"
        in app["definitions"]
    )
