"""The cache warm-up (cscdash.components.warm_up): what it reads must be exactly what the pages
ask for, or it is wasted work.

Each test empties Streamlit's caches, counts the reads that reach DuckDB (``read_indicator``) and the
cards worked out (``indicator_summary.facts``) while a page runs under AppTest, and compares a page run
on cold caches (it reads: the check can fail) with one after the warm-up (it reads nothing). The suite
runs with ``CSCDASH_WARM_CACHES=0`` (tests/conftest.py), so no page starts a warm-up of its own here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pandas as pd
import pytest
import streamlit as st

from cscdash import cache, indicator_data, indicator_summary
from cscdash.components import warm_up
from cscdash.navigation import PAGES, PARTNERSHIP, PageSpec
from cscdash.settings import load_settings
from tests.app import partnership_db
from tests.app.pages import app_for

OVERVIEW = PAGES[0]
CHILDREN_IN_CARE = next(p for p in PAGES if p.catalogue == "children_in_care")
SCORECARD = next(p for p in PAGES if p.title == "Quarterly scorecard")
PRESENT = next(p for p in PAGES if p.title == "Present mode")


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter]:
    """Empty caches, and a count of the indicator reads (by LA: None = every LA) and cards computed."""
    st.cache_data.clear()
    st.cache_resource.clear()
    calls: Counter = Counter()
    read, facts = indicator_data.read_indicator, indicator_summary.facts

    def counting_read(con: object, indicator_id: str, la_code: str | None) -> pd.DataFrame:
        calls["read", la_code] += 1
        return read(con, indicator_id, la_code)

    def counting_facts(*args: object, **kwargs: object) -> indicator_summary.Facts:
        calls["facts"] += 1
        return facts(*args, **kwargs)

    monkeypatch.setattr(indicator_data, "read_indicator", counting_read)
    monkeypatch.setattr(indicator_summary, "facts", counting_facts)
    yield calls
    st.cache_data.clear()


def _page_reads(spec: PageSpec, calls: Counter) -> Counter:
    """The reads and cards one run of the page added (it must draw without an exception)."""
    before = Counter(calls)
    at = app_for(spec).run()
    assert not at.exception, at.exception
    return calls - before


def test_settings_turn_the_warm_up_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CSCDASH_WARM_CACHES", raising=False)
    assert load_settings().warm_caches  # on unless told otherwise
    for off in ("0", "false", "Off"):
        monkeypatch.setenv("CSCDASH_WARM_CACHES", off)
        assert not load_settings().warm_caches
    monkeypatch.setenv("CSCDASH_WARM_CACHES", "1")
    assert load_settings().warm_caches
    assert not load_settings({"warm_caches": False}).warm_caches  # a secrets file can turn it off


@pytest.mark.parametrize("spec", [OVERVIEW, CHILDREN_IN_CARE, SCORECARD, PRESENT], ids=lambda s: s.title)
def test_a_page_after_the_warm_up_reads_nothing(use_demo_db, counted: Counter, spec: PageSpec) -> None:
    cold = _page_reads(spec, counted)
    # on empty caches the page reads its indicators (and works out its cards, or the board pack's content,
    # which reads them itself): the check below can fail
    assert cold["read", "E06999999"] > 0, cold

    st.cache_data.clear()
    current = load_settings()
    warm_up.warm(cache.database(current), current)
    assert counted["read", "E06999999"] >= cold["read", "E06999999"]  # it read at least what the page did
    warm = _page_reads(spec, counted)
    assert not warm, f"{spec.title} still read or computed after the warm-up: {dict(warm)}"


def test_the_first_page_run_starts_one_warm_up_in_the_background(
    use_demo_db, counted: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSCDASH_WARM_CACHES", "1")
    _page_reads(OVERVIEW, counted)
    current = load_settings()
    thread = warm_up._warming(cache.database(current), current)  # noqa: SLF001 - the page's cached thread
    assert thread.name == "cscdash-warm-up"
    thread.join(timeout=600)
    assert not thread.is_alive()
    assert warm_up._warming(cache.database(current), current) is thread  # noqa: SLF001 - started once
    # the service page's figures were read by the warm-up, not by the page
    assert not _page_reads(CHILDREN_IN_CARE, counted)


@pytest.fixture
def partnership(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSCDASH_DB", str(partnership_db.build(tmp_path)))
    monkeypatch.setenv("CSCDASH_DEMO_DIR", str(tmp_path / "files"))
    for key in ("CSCDASH_LA", "CSCDASH_MODE", "CSCDASH_ROLE"):
        monkeypatch.delenv(key, raising=False)


def test_the_partnership_page_after_the_warm_up_reads_nothing(partnership, counted: Counter) -> None:
    cold = _page_reads(PARTNERSHIP, counted)
    assert cold["read", None] == 1, cold  # every authority's series of the default indicator, in one read

    st.cache_data.clear()
    current = load_settings()
    warm_up.warm(cache.database(current), current)
    warm = _page_reads(PARTNERSHIP, counted)
    assert not warm, f"the Partnership page still read or computed after the warm-up: {dict(warm)}"
