"""Starting ``streamlit run app.py`` for a browser test, and driving Debian's Chromium against it.

Shared by the demo's page walk (test_browser.py) and the council path tests (tests/council), so that
every browser test starts the app the way a user does and waits for a page the same way.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
#: What a test adds to ``streamlit run app.py``: a free loopback port, no browser, no telemetry.
SERVER_FLAGS = [
    "--server.address=127.0.0.1",
    "--server.headless=true",
    "--browser.gatherUsageStats=false",
    "--server.fileWatcherType=none",
    "--client.toolbarMode=viewer",
]


def free_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_server(proc: subprocess.Popen) -> None:
    """Stop a ``streamlit run``: SIGTERM, then a kill if it has not ended within 15 s."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def serve(env: dict[str, str], log: Path | None = None) -> Iterator[str]:
    """Run ``streamlit run app.py`` from the project root with ``env`` added to the environment; yield
    its URL once it answers its health check; stop it afterwards."""
    port = free_port()
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed in finally
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"), f"--server.port={port}"]
        + SERVER_FLAGS,
        cwd=PROJECT_ROOT,
        env={**os.environ, "CSCDASH_WARM_CACHES": "1", **env},  # as a user's server (the suite's is off)
        stdout=out,
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
        stop_server(proc)
        if log:
            out.close()


def wait_rendered(page, title: str | None = None, timeout: int = 180_000) -> None:
    """Wait until the script has finished: the page's h1 is drawn, Streamlit's script state is
    'notRunning' (the running widget can lag behind a rerun), no skeleton, every chart drawn.
    An exception box ends the wait at once (the assertion after it then fails with the message)."""
    page.wait_for_selector('[data-testid="stMain"] h1, [data-testid="stException"]', timeout=timeout)
    if page.locator('[data-testid="stException"]').count():
        raise AssertionError(page.locator('[data-testid="stException"]').first.inner_text()[:2000])
    page.wait_for_function(
        """(title) => {
            const h1 = document.querySelector('[data-testid="stMain"] h1');
            if (!h1 || (title && h1.innerText.trim() !== title)) return false;
            const app = document.querySelector('[data-testid="stApp"]');
            if (app && app.getAttribute('data-test-script-state') === 'running') return false;
            return !document.querySelector('[data-testid="stStatusWidget"]')
                && !document.querySelector('[data-testid="stSkeleton"]');
        }""",
        arg=title,
        timeout=timeout,
    )
    for element in page.query_selector_all(".js-plotly-plot"):
        element.wait_for_selector(".main-svg", timeout=timeout)
    page.wait_for_timeout(300)


def card_value(page, title: str) -> str:
    """The value shown on the indicator card titled exactly ``title`` (its st.metric)."""
    card = (
        page.locator('[data-testid="stVerticalBlock"]')
        .filter(has=page.get_by_text(title, exact=True))
        .filter(has=page.locator('[data-testid="stMetricValue"]'))
        .last
    )
    return card.locator('[data-testid="stMetricValue"]').first.inner_text().strip()


def card_text(page, title: str) -> str:
    """All the text of the indicator card titled exactly ``title``."""
    card = (
        page.locator('[data-testid="stVerticalBlock"]')
        .filter(has=page.get_by_text(title, exact=True))
        .filter(has=page.locator('[data-testid="stMetricValue"]'))
        .last
    )
    return card.inner_text()


def month_filter(page) -> str:
    """The month the sidebar's 'Month ending' filter shows."""
    return (
        page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Month ending").input_value()
    )
