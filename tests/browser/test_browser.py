"""Every page in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Starts ``streamlit run app.py`` on a free loopback port against the session's demo database, opens
``/`` first (so the router frames the app), then each page; asserts no exception box and the synthetic
banner; saves ``tests/artifacts/<page>.png`` at 1400x1000 for a person to look at.
"""

from __future__ import annotations

import shutil

import pytest

from cscdash.navigation import PAGES
from tests.browser.server import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve, wait_rendered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/test.sh installs it)"
    ),
]


@pytest.fixture(scope="module")
def app_url(demo_env, tmp_path_factory):
    # The server gets its own copy of the demo database, as a council's would be its own file.
    copy = tmp_path_factory.mktemp("browser") / "cscdash.duckdb"
    shutil.copyfile(demo_env["CSCDASH_DB"], copy)
    with serve({**demo_env, "CSCDASH_DB": str(copy)}) as url:
        yield url


#: Every URL the browser asked for that is not the local server's (nothing is fetched from the network).
OFF_MACHINE: list[str] = []
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "data:", "blob:")


@pytest.fixture(scope="module")
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("request", lambda r: None if r.url.startswith(LOCAL) else OFF_MACHINE.append(r.url))
        yield page
        browser.close()


def _no_exception(page, where: str) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {where}"


def test_every_page_renders_in_chromium(app_url, browser_page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    page.goto(app_url + "/", wait_until="domcontentloaded")
    wait_rendered(page, PAGES[0].title)
    for index, spec in enumerate(PAGES):
        # the default page lives at "/" (st.navigation): "/overview" would say "Page not found"
        path = "" if index == 0 else spec.url_path
        page.goto(f"{app_url}/{path}", wait_until="domcontentloaded")
        wait_rendered(page, spec.title)
        heading = page.locator('[data-testid="stMain"] h1').first.inner_text()
        assert heading.strip() == spec.title
        _no_exception(page, spec.title)
        assert "SYNTHETIC DATA" in page.locator('[data-testid="stMain"]').inner_text()
        if spec.catalogue:
            assert page.locator('[data-testid="stMetric"]').count() > 0, f"no cards on {spec.title}"
        page.screenshot(path=str(ARTIFACTS / f"{spec.key}.png"))
    # the favicon, fonts and scripts all come from the local server: a Material page icon used to send
    # every page load to fonts.gstatic.com
    assert OFF_MACHINE == [], f"requests that left the machine: {sorted(set(OFF_MACHINE))[:5]}"


@pytest.mark.parametrize(
    "tab", ["Trend", "SPC", "Breakdown", "Compare with others", "Definition", "Target", "Commentary"]
)
def test_every_explorer_tab_draws_without_error(app_url, browser_page, tab):
    """Each tab of the 'look closer' panel on the Front door page (one chart per tab), screenshotted
    scrolled to the panel, for a person to look at the charts themselves."""
    page = browser_page
    page.goto(f"{app_url}/front-door", wait_until="domcontentloaded")
    wait_rendered(page, "Front door")
    page.get_by_role("tab", name=tab).click()
    page.wait_for_timeout(300)
    wait_rendered(page, "Front door")
    _no_exception(page, f"Front door, tab {tab}")
    if tab in ("Trend", "SPC", "Breakdown", "Compare with others"):
        assert page.locator(".js-plotly-plot").count() == 1
    if page.locator(".js-plotly-plot").count():
        page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    else:
        page.get_by_role("tab", name=tab).scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    slug = tab.lower().replace(" ", "_")
    page.screenshot(path=str(ARTIFACTS / f"front_door_{slug}.png"))


def test_a_charts_csv_is_made_when_its_button_is_clicked(app_url, browser_page, tmp_path):
    """The chart's "Download the data (CSV)" makes its file on the click (deferred: a file made at draw
    time was dropped by the next page's rerun, and a button still on screen then found none): the
    download arrives, with the trend's table in it."""
    page = browser_page
    page.goto(f"{app_url}/front-door", wait_until="domcontentloaded")
    wait_rendered(page, "Front door")
    page.get_by_role("tab", name="Trend").click()
    wait_rendered(page, "Front door")
    button = page.get_by_role("button", name="Download the data (CSV)").first
    with page.expect_download(timeout=60_000) as download:
        button.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert path.suffix == ".csv"
    assert "month" in text.splitlines()[0].lower()  # the table's heading row names the month column
    assert len(text.splitlines()) > 12  # a figure for every month of the trend
    _no_exception(page, "Front door after the download")
