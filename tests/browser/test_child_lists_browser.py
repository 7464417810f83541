"""The children behind a number in a real Chromium, one server per role on copies of the demo.

An analyst opens a card's children and the "My teams" page; an administrator reads the audit log the
analyst's openings wrote; a board member's pages have no button, tab or page that lists a child, and the
My teams URL does not open it. Screenshots for a person to look at: ``tests/artifacts/child_list.png``,
``my_teams.png``, ``audit_log.png``, ``board_children_in_care.png``.
"""

from __future__ import annotations

import shutil

import pytest

from tests.browser.server import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve, wait_rendered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/test.sh installs it)"
    ),
]


@pytest.fixture(scope="module")
def servers(demo_env, tmp_path_factory):
    """URLs of an analyst's, an administrator's and a board member's app (the first two share a store,
    as two people of one council do)."""
    root = tmp_path_factory.mktemp("child-lists")
    copy = root / "cscdash.duckdb"
    shutil.copyfile(demo_env["CSCDASH_DB"], copy)
    env = {**demo_env, "CSCDASH_DB": str(copy), "CSCDASH_STORE": str(root / "store.sqlite")}
    with (
        serve({**env, "CSCDASH_ROLE": "analyst"}) as analyst,
        serve({**env, "CSCDASH_ROLE": "admin"}) as admin,
        serve({**env, "CSCDASH_ROLE": "board", "CSCDASH_STORE": str(root / "board.sqlite")}) as board,
    ):
        yield {"analyst": analyst, "admin": admin, "board": board}


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser.new_page(viewport={"width": 1400, "height": 1000})
        browser.close()


def _open(page, url: str, title: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    wait_rendered(page, title)
    assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {title}"


def test_an_analyst_opens_a_cards_children_and_my_teams(servers, page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _open(page, servers["analyst"] + "/", "Overview")
    _open(page, servers["analyst"] + "/children-in-care", "Children in care")
    page.get_by_role("button", name="Children behind this figure").first.click()
    page.wait_for_timeout(500)
    wait_rendered(page, "Children in care")
    assert page.get_by_role("tab", name="Children", exact=True).get_attribute("aria-selected") == "true"
    caption = page.get_by_text("children counted").first
    caption.scroll_into_view_if_needed()
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1
    assert page.get_by_role("button", name="CSV)").count() == 1
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "child_list.png"))

    _open(page, servers["analyst"] + "/my-teams", "My teams")
    assert "Children on each list" in page.locator('[data-testid="stMain"]').inner_text()
    page.locator('[data-testid="stExpander"]').first.click()
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "my_teams.png"), full_page=True)


def test_an_administrator_reads_who_opened_which_children(servers, page):
    _open(page, servers["admin"] + "/", "Overview")
    _open(page, servers["admin"] + "/data-quality", "Data quality")
    heading = page.get_by_text("Who opened which children (audit log)")
    assert heading.count() == 1
    heading.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "audit_log.png"))


def test_a_board_member_finds_no_way_to_a_child(servers, page):
    _open(page, servers["board"] + "/", "Overview")
    assert page.get_by_role("link", name="My teams").count() == 0
    _open(page, servers["board"] + "/children-in-care", "Children in care")
    assert page.get_by_role("button", name="Children behind this figure").count() == 0
    assert page.get_by_role("tab", name="Children", exact=True).count() == 0
    page.screenshot(path=str(ARTIFACTS / "board_children_in_care.png"))
    page.goto(servers["board"] + "/my-teams", wait_until="domcontentloaded")
    page.wait_for_timeout(2000)
    text = page.locator("body").inner_text()
    assert "Children on each list" not in text and "Child id" not in text
