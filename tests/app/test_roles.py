"""The role of a local install (CSCDASH_ROLE) under AppTest on the demo: the header says it, and a board
session gets no editor (targets, commentary, running orders, approvals, uploads) and board mode even
when the mode setting says internal; an analyst gets every editor."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_ROOT

IND = "rereferrals_12m_pct"


def _editors(indicator_id: str) -> None:
    """An AppTest script: the target and commentary tabs of one indicator."""
    from datetime import date

    from cscdash import cache
    from cscdash.components import Selection, page_frame, target_editor
    from cscdash.components.commentary import commentary_panel

    current = page_frame("Editors")
    ind = cache.catalogue()[indicator_id]
    target_editor(ind, current, Selection(date(2026, 9, 30), "all"))
    commentary_panel(ind, current, date(2026, 9, 30))


@pytest.fixture(params=["board", "analyst"])
def role(request, use_demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("CSCDASH_ROLE", request.param)
    monkeypatch.setenv("CSCDASH_MODE", "internal")
    monkeypatch.setenv("CSCDASH_STORE", str(tmp_path / "roles.store.sqlite"))
    return request.param


def test_the_header_names_the_role_and_the_board_gets_board_mode(role):
    at = AppTest.from_function(_editors, args=(IND,), default_timeout=300).run()
    assert not at.exception, at.exception
    header = at.caption[0].value
    assert f"role {role}" in header
    assert ("board mode" in header) == (role == "board")
    assert ("internal mode" in header) == (role == "analyst")


def test_only_roles_that_may_edit_get_the_editors(role):
    at = AppTest.from_function(_editors, args=(IND,), default_timeout=300).run()
    editors = len(at.text_area) + len([b for b in at.button if b.label.startswith("Save")])
    if role == "board":
        assert editors == 0 and len(at.number_input) == 0
        assert any("Targets are changed by analysts" in c.value for c in at.caption)
        assert any("Commentary is written by managers and analysts" in c.value for c in at.caption)
    else:
        assert len(at.text_area) == 3 and len(at.number_input) >= 2


def test_the_board_cannot_upload_extracts(role):
    at = AppTest.from_file(str(PROJECT_ROOT / "pages/data_quality.py"), default_timeout=300).run()
    assert not at.exception, at.exception
    uploaders = at.get("file_uploader")
    if role == "board":
        assert len(uploaders) == 0
        assert any("Loading extracts is for analysts" in i.value for i in at.info)
    else:
        assert len(uploaders) == 1
