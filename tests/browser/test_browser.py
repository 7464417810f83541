"""Every page in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Starts ``streamlit run app.py`` on a free loopback port against the session's demo database, opens
``/`` first (so the router frames the app), then each page; asserts no exception box and the synthetic
banner; saves ``tests/artifacts/<page>.png`` at 1400x1000 for a person to look at.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from cscdash.navigation import PAGES
from tests.conftest import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/test.sh installs it)"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(demo_env):
    port = _free_port()
    env = {**os.environ, **demo_env}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(PROJECT_ROOT / "app.py"),
            "--server.address=127.0.0.1",
            f"--server.port={port}",
            "--server.headless=true",
            "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
            "--client.toolbarMode=viewer",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("streamlit did not start")
        yield url
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        yield page
        browser.close()


def wait_rendered(page, timeout: int = 90_000) -> None:
    """Wait until the script has finished: an h1 is drawn, no running widget, no skeleton, charts drawn."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
                 && !document.querySelector('[data-testid="stSkeleton"]')""",
        timeout=timeout,
    )
    for element in page.query_selector_all(".js-plotly-plot"):
        element.wait_for_selector(".main-svg", timeout=timeout)
    page.wait_for_timeout(300)


def test_every_page_renders_in_chromium(app_url, browser_page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    page.goto(app_url + "/", wait_until="domcontentloaded")
    wait_rendered(page)
    for spec in PAGES:
        page.goto(f"{app_url}/{spec.url_path}", wait_until="domcontentloaded")
        wait_rendered(page)
        heading = page.locator('[data-testid="stMain"] h1').first.inner_text()
        assert heading.strip() == spec.title
        assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {spec.title}"
        assert "SYNTHETIC DATA" in page.locator('[data-testid="stMain"]').inner_text()
        page.screenshot(path=str(ARTIFACTS / f"{Path(spec.file).stem}.png"))
