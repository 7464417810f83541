"""Two app processes serving one read-only database, as replicas behind a load balancer would (README:
"Running for many users"): both start on a file nobody may write, serve the same figures, and leave the
file exactly as it was."""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, card_value, serve, wait_rendered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/test.sh installs it)"
    ),
]

CARDS = ("Children in care", "Children in care per 10,000 children", "Children starting care")


def test_two_replicas_on_one_read_only_database_serve_the_same_figures(demo_env, tmp_path):
    from playwright.sync_api import sync_playwright

    database = tmp_path / "published.duckdb"
    shutil.copyfile(demo_env["CSCDASH_DB"], database)
    os.chmod(database, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # read-only, as a published copy
    before = database.stat()
    env = {**demo_env, "CSCDASH_DB": str(database), "CSCDASH_STORE": str(tmp_path / "shared.store.sqlite")}
    seen = []
    with serve(env) as first, serve(env) as second, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for url in (first, second):
            page.goto(url + "/", wait_until="domcontentloaded")
            wait_rendered(page, "Overview")
            page.goto(url + "/children-in-care", wait_until="domcontentloaded")
            wait_rendered(page, "Children in care")
            seen.append([card_value(page, title) for title in CARDS])
        browser.close()
    assert seen[0] == seen[1] and all(seen[0]), seen
    after = database.stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
