"""Fixtures shared by the whole suite.

``demo_env`` builds the synthetic demo database once per test session (the same code path as the app's
first run) in a temporary folder and points ``CSCDASH_DB`` / ``CSCDASH_DEMO_DIR`` at it, so no test
touches the developer's own ``data/cscdash.duckdb``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cscdash import bootstrap
from cscdash.settings import load_settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# No background warm-up of the caches in this process: AppTest runs pages here against many databases, and
# a warm-up thread per database would compete with the tests and read files they then remove. The servers
# the browser tests start warm as a user's would (tests/browser/server.py); tests/app/test_warm_up.py tests
# the warm-up itself.
os.environ["CSCDASH_WARM_CACHES"] = "0"


@pytest.fixture(scope="session")
def demo_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment variables of a freshly built demo database (built once per session)."""
    root = tmp_path_factory.mktemp("demo")
    env = {"CSCDASH_DB": str(root / "cscdash.duckdb"), "CSCDASH_DEMO_DIR": str(root / "extracts")}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        bootstrap.ensure_database(load_settings())
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return env


@pytest.fixture
def use_demo_db(demo_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Point this test's settings at the session's demo database."""
    for key, value in demo_env.items():
        monkeypatch.setenv(key, value)
    return demo_env
