"""The Partnership page in a real headless Chromium on a database with three authorities (built in the
fixture with the demo CLI, ``--authorities 3``, then served from its own copy): no exception box, every
authority named in the ranking, the small multiples drawn, and ``tests/artifacts/partnership.png`` (the
whole page, 1400 px wide) saved for a person to look at.
"""

from __future__ import annotations

import shutil

import pytest

from tests.app import partnership_db
from tests.browser.server import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve, wait_rendered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/test.sh installs it)"
    ),
]

#: Tall enough for the whole page in one picture (Streamlit scrolls inside its own container, so a
#: "full page" screenshot would stop at the window).
VIEWPORT = {"width": 1400, "height": 3000}
AUTHORITIES = (
    "Wessex Vale Council (synthetic data)",
    "Synthetic Authority 001 (synthetic data)",
    "Synthetic Authority 002 (synthetic data)",
)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("partnership-browser")
    built = partnership_db.build(folder)
    copy = folder / "served.duckdb"  # the server reads its own copy, as a council's app would
    shutil.copyfile(built, copy)
    env = {"CSCDASH_DB": str(copy), "CSCDASH_DEMO_DIR": str(folder / "files")}
    with serve(env, log=folder / "streamlit.log") as url:
        yield url


def test_the_partnership_page_shows_every_authority_in_chromium(app_url):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(app_url + "/", wait_until="domcontentloaded")  # the router first (see server.py)
        wait_rendered(page)
        page.goto(app_url + "/partnership", wait_until="domcontentloaded")
        wait_rendered(page, "Partnership")
        page.wait_for_selector('[data-testid="stVegaLiteChart"] svg, [data-testid="stVegaLiteChart"] canvas')
        page.wait_for_timeout(1000)
        main = page.locator('[data-testid="stMain"]')
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "needs several authorities" not in main.inner_text()
        assert "Partnership total" in main.inner_text()
        ranking = page.locator(".js-plotly-plot").first.inner_text()
        for name in AUTHORITIES:
            assert name in ranking, name
        assert "(your authority)" in ranking
        page.screenshot(path=str(ARTIFACTS / "partnership.png"))
        browser.close()
