"""Running one page of the navigation under AppTest: a page file, or a catalogue page (declared by its
catalogue file, drawn by the service-page component: AppTest runs the one-line script that calls it)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from cscdash.navigation import PageSpec
from tests.conftest import PROJECT_ROOT


def app_for(spec: PageSpec, timeout: int = 600) -> AppTest:
    """An AppTest of the page, not yet run."""
    if spec.file is not None:
        return AppTest.from_file(str(PROJECT_ROOT / spec.file), default_timeout=timeout)
    return AppTest.from_string(spec.script, default_timeout=timeout)


def switch_to(at: AppTest, spec: PageSpec) -> AppTest:
    """Switch a running app.py AppTest to a page of the navigation (not run yet).

    AppTest's public ``switch_page`` takes page files only; a catalogue page has none (st.navigation runs a
    function for it), and st.Page identifies every page by the hash of its url_path, which is what this
    sets (AppTest's own ``_page_hash``: there is no public switch for a page without a file)."""
    if spec.file is not None:
        return at.switch_page(str(PROJECT_ROOT / spec.file))
    at._page_hash = calc_hash(spec.url_path)  # noqa: SLF001 - see the docstring
    return at
