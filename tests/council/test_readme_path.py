"""The README's "Loading your own extracts" followed literally, then the app in Debian's Chromium.

Each test runs the README block's own commands (read from README.md: validate, load, then
``CSCDASH_DB=... CSCDASH_LA=... streamlit run app.py``) on the hand-made Dorset returns, opens ``/`` first,
and checks what a council's analyst would check on screen: the LA's name, the month the dashboard opens
on, and hand-worked figures on their cards (tests/council/README.md). Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.server import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    card_text,
    card_value,
    month_filter,
    serve,
    wait_rendered,
)
from tests.council.conftest import DORSET, LA, OCTOBER, SEPTEMBER, as_user_types, readme_commands, run

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/test.sh does)"
    ),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    yield page
    page.close()


def follow_readme(exports: Path, db_path: Path) -> dict[str, str]:
    """Run the README's validate and load lines on ``exports``; return the environment its last line
    (``streamlit run app.py``) gives the app."""
    validate, load, serve_line = (as_user_types(c, exports, db_path) for c in readme_commands())
    assert validate.argv[1:4] == ["-m", "cscdash", "validate"] and load.argv[1:4] == ["-m", "cscdash", "load"]
    checked = run(validate.argv, validate.env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No problems found" in checked.stdout
    loaded = run(load.argv, load.env)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert serve_line.argv[-2:] == ["run", "app.py"]
    return serve_line.env


def open_page(page, url: str, path: str, title: str) -> None:
    """Open ``/`` first (the router frames the app), then the page, and wait for it."""
    page.goto(url + "/", wait_until="domcontentloaded")
    wait_rendered(page)
    page.goto(f"{url}/{path}", wait_until="domcontentloaded")
    wait_rendered(page, title)
    assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {title}"


def header(page) -> str:
    """The data-as-at line under the page title ('Dorset · data to 31 Mar 2024 · ...')."""
    return page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"council_{name}.png"), full_page=False)


def test_readme_council_section_gives_a_dashboard_with_figures(tmp_path, page):
    exports = tmp_path / "exports"
    shutil.copytree(DORSET, exports)
    env = follow_readme(exports, tmp_path / "data" / "mycouncil.duckdb")
    assert env["CSCDASH_LA"] == LA
    with serve(env) as url:
        open_page(page, url, "", "Overview")
        assert header(page).startswith("Dorset · data to 31 Mar 2024")
        assert month_filter(page) == "31 Mar 2024"
        assert "SYNTHETIC DATA" not in page.locator('[data-testid="stMain"]').inner_text()
        assert "Compared with Dorset's statistical neighbours, region and England." in page.inner_text("body")
        shot(page, "overview")

        open_page(page, url, "children-in-care", "Children in care")
        assert month_filter(page) == "31 Mar 2024"
        assert card_value(page, "Children in care") == "7"  # D01, D03, D05-D09
        assert card_value(page, "Children in care per 10,000 children") == "1"  # 7 / 66,436 x 10,000
        shot(page, "children_in_care")

        open_page(page, url, "front-door", "Front door")
        assert card_value(page, "Referrals") == "10"  # the ten referrals of 2023-24
        shot(page, "front_door")

        open_page(page, url, "workforce", "Workforce")
        assert month_filter(page) == "31 Mar 2024"  # the month chosen stays; the census is older
        assert card_value(page, "Social worker vacancy rate") == "25.0%"  # 6 / (6 + 18)
        assert "at 30 Sep 2023, the latest available" in card_text(page, "Social worker vacancy rate")
        shot(page, "workforce")


@pytest.mark.parametrize(
    ("part", "path", "title", "card", "value"),
    [
        ("ssda903", "children-in-care", "Children in care", "Children in care", "7"),
        ("cin", "front-door", "Front door", "Referrals", "10"),
    ],
    ids=["ssda903_only", "cin_only"],
)
def test_one_return_alone_gives_its_own_pages(tmp_path, page, part, path, title, card, value):
    exports = tmp_path / "exports"
    shutil.copytree(DORSET / part, exports)
    env = follow_readme(exports, tmp_path / "data" / "mycouncil.duckdb")
    with serve(env) as url:
        open_page(page, url, path, title)
        assert header(page).startswith("Dorset · data to 31 Mar 2024")
        assert month_filter(page) == "31 Mar 2024"
        assert card_value(page, card) == value
        shot(page, f"{part}_only")


def test_an_in_year_extract_loaded_while_the_app_serves_shows_without_a_restart(tmp_path, page):
    """CIN returns to 2023-24 and the 2024-25 extract as at 30 September; the app is open; the 31 October
    extract is loaded with the README's command while it serves; the next look shows it."""
    exports = tmp_path / "exports"
    shutil.copytree(DORSET / "cin", exports / "cin")
    shutil.copytree(SEPTEMBER, exports / SEPTEMBER.name)
    db_path = tmp_path / "data" / "mycouncil.duckdb"
    env = follow_readme(exports, db_path)
    _, load, _ = (as_user_types(c, exports, db_path) for c in readme_commands())
    with serve(env) as url:
        open_page(page, url, "front-door", "Front door")
        assert month_filter(page) == "30 Sep 2024"
        assert card_value(page, "Referrals") == "10"  # 4 from Oct 2023 - Mar 2024 + 6 so far in 2024-25
        shot(page, "in_year_september")

        october = tmp_path / "october"
        shutil.copytree(OCTOBER, october / OCTOBER.name)
        argv = [str(october) if word == str(exports) else word for word in load.argv]
        done = run(argv, load.env)  # the README's load command, while the app serves
        assert done.returncode == 0, done.stdout + done.stderr
        assert "the extract as at 30/09/2024 replaced by the one as at 31/10/2024" in done.stdout

        page.goto(url + "/", wait_until="domcontentloaded")  # what a user does next: click, or reload
        wait_rendered(page)
        page.goto(f"{url}/front-door", wait_until="domcontentloaded")
        wait_rendered(page, "Front door")
        assert page.locator('[data-testid="stException"]').count() == 0
        assert header(page).startswith("Dorset · data to 31 Oct 2024")
        assert month_filter(page) == "31 Oct 2024"
        assert card_value(page, "Referrals") == "9"  # C17 deleted, C21 added (tests/council/README.md)
        shot(page, "in_year_october")
