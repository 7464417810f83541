"""The commentary tab under AppTest: written through its form, saved as a version in the app store,
shown as plain text (never markdown or HTML), refused without confirmation when it looks like
child-level detail, and carried forward to a later month as a dated draft."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from cscdash import commentary

IND = "rereferrals_12m_pct"


def _panel(indicator_id: str, month: str) -> None:
    """An AppTest script: the commentary tab of one indicator for one month."""
    from datetime import date

    from cscdash import cache
    from cscdash.components.commentary import commentary_panel

    current = cache.settings()
    commentary_panel(cache.catalogue()[indicator_id], current, date.fromisoformat(month))


@pytest.fixture
def store(use_demo_db, tmp_path, monkeypatch):
    path = tmp_path / "board.store.sqlite"
    monkeypatch.setenv("CSCDASH_STORE", str(path))
    return path


def _run(month: str) -> AppTest:
    return AppTest.from_function(_panel, args=(IND, month), default_timeout=300).run()


def _write(at: AppTest, texts: list[str], author: str, confirm: bool = False) -> AppTest:
    for area, text in zip(at.text_area, texts, strict=True):
        area.input(text)
    at.text_input(key=f"commentary-author-{IND}").input(author)
    if confirm:
        at.checkbox(key=f"commentary-ok-{IND}").check()
    return at.button[0].click().run()


def test_commentary_is_saved_and_shown_as_the_characters_typed(store, use_demo_db):
    hostile = ["<script>alert('x')</script>", "[link](javascript:alert(1))", '=HYPERLINK("http://x","y")']
    at = _write(_run("2026-09-30"), hostile, "A. Analyst")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Saved (version 1)" in s.value for s in at.success)
    at = _run("2026-09-30")
    # shown by st.text (no markdown, no HTML), each exactly as typed; no markdown element holds them
    assert [t.value for t in at.text] == hostile
    assert not any("script" in m.value or "javascript" in m.value for m in at.markdown)
    assert "Written by A. Analyst" in at.caption[0].value
    saved = commentary.in_force(store, IND, "E06999999", date(2026, 9, 30))
    assert saved.texts() == dict(zip(commentary.HEADINGS.values(), hostile, strict=True))


def test_text_that_may_identify_a_child_needs_confirmation(store):
    texts = ["Visits to Jack, 4, were late.", "", ""]
    at = _write(_run("2026-09-30"), texts, "A. Analyst")
    assert any("Not saved: this may identify a child" in e.value for e in at.error)
    assert commentary.history(store, IND, "E06999999", date(2026, 9, 30)).empty
    at = _write(_run("2026-09-30"), texts, "A. Analyst", confirm=True)
    assert any("Saved" in s.value for s in at.success)


def test_a_later_month_shows_a_dated_draft(store):
    _write(_run("2026-08-31"), ["Fewer re-referrals.", "", ""], "A. Analyst")
    at = _run("2026-10-31")
    assert any("Draft carried forward from 31 Aug 2026" in w.value for w in at.warning)
    assert at.text[0].value == "Fewer re-referrals."
    # the form starts from the draft, so the writer edits rather than retypes
    assert at.text_area[0].value == "Fewer re-referrals."
