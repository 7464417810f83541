"""Every page renders under Streamlit's AppTest against the real demo database: no exception, its
own title, and the synthetic-data banner."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cscdash.components import SYNTHETIC_BANNER
from cscdash.navigation import PAGES
from tests.app.pages import app_for
from tests.conftest import PROJECT_ROOT


def _run(path: str) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / path), default_timeout=120)
    return at.run()


def test_router_runs_and_shows_the_default_page(use_demo_db):
    at = _run("app.py")
    assert not at.exception, at.exception
    assert at.title[0].value == PAGES[0].title


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_page_renders_with_title_and_banner(use_demo_db, spec):
    at = app_for(spec, timeout=120).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title][:1] == [spec.title]
    banners = [w.body for w in at.warning]
    assert SYNTHETIC_BANNER in banners
    captions = " ".join(c.value for c in at.caption)
    assert "Wessex Vale Council (synthetic data)" in captions
    assert "data to " in captions  # the demo database is loaded, so the as-at month is known


def test_switching_pages_from_the_router(use_demo_db):
    at = _run("app.py")
    at.switch_page(str(PROJECT_ROOT / "pages/data_quality.py")).run()
    assert not at.exception
    assert at.title[0].value == "Data quality"


def test_every_catalogue_page_is_in_the_navigation_in_position_order():
    """Service pages come from the catalogue: each catalogue file with a navigation block is a page,
    between the Overview and the pages about the data, in the order of its position."""
    from cscdash.catalogue import load_catalogue

    declared = sorted(
        (p for p in load_catalogue().pages if p.navigation), key=lambda p: (p.navigation.position, p.key)
    )
    # the summary pages (the Overview first), then the service pages together in position order
    first = next(n for n, s in enumerate(PAGES) if s.catalogue)
    assert PAGES[0].key == "overview" and {s.section for s in PAGES[:first]} == {"Summary"}
    assert [s.catalogue for s in PAGES[first : first + len(declared)]] == [p.key for p in declared]
    assert [s.key for s in PAGES[-2:]] == ["data_quality", "definitions"]
