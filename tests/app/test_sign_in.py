"""Sign-in (an ``[auth]`` section in the secrets) under AppTest with a mocked identity, the way Streamlit's
own tests do it (``AppTest.user``): nobody sees a figure before signing in; the role comes from the
``[roles]`` mapping (e-mail or group claim, the highest wins); someone it does not name is refused; a
board member gets board mode whatever the settings say. The role rules themselves: cscdash.roles."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cscdash.roles import role_for

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-only",
    "client_id": "dashboard",
    "client_secret": "test-only",
    "server_metadata_url": "https://login.example.invalid/.well-known/openid-configuration",
}
ROLES = {
    "emails": {"Chair@Council.example": "board", "head@council.example": "manager"},
    "groups": {"CSC-Performance": "analyst"},
}


def _overview_frame() -> None:
    """An AppTest script: the page frame and one headline card, as every page starts."""
    import streamlit as st

    from cscdash.components import page_frame

    current = page_frame("Overview")
    st.write(f"role={current.role} mode={current.display_mode}")


def _run(user: dict) -> AppTest:
    at = AppTest.from_function(_overview_frame, default_timeout=300)
    at.secrets["auth"] = AUTH
    at.secrets["roles"] = ROLES
    at.user = user
    return at.run()


def test_nobody_sees_the_dashboard_before_signing_in(use_demo_db):
    at = _run({"is_logged_in": False})
    assert not at.exception, at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not any("role=" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("user", "role", "mode"),
    [
        ({"email": "chair@council.example"}, "board", "board"),
        ({"email": "head@council.example"}, "manager", "internal"),
        ({"email": "analyst@council.example", "groups": ["Staff", "CSC-Performance"]}, "analyst", "internal"),
        # in the board by e-mail and an analyst by group: the highest role wins
        ({"email": "chair@council.example", "groups": ["CSC-Performance"]}, "analyst", "internal"),
    ],
)
def test_the_role_comes_from_the_mapping(use_demo_db, monkeypatch, user, role, mode):
    monkeypatch.setenv("CSCDASH_MODE", "internal")
    at = _run({**user, "is_logged_in": True})
    assert not at.exception, at.exception
    assert any(f"role={role} mode={mode}" in m.value for m in at.markdown)
    assert f"signed in as {user['email']}, role {role}" in at.caption[0].value
    assert "Sign out" in [b.label for b in at.sidebar.button]


def test_someone_the_mapping_does_not_name_is_refused(use_demo_db):
    at = _run({"email": "visitor@elsewhere.example", "is_logged_in": True})
    assert any("has no role in this dashboard" in e.value for e in at.error)
    assert not any("role=" in m.value for m in at.markdown)


def test_role_for_reads_emails_and_group_claims():
    assert role_for({"email": "HEAD@council.example"}, ROLES) == "manager"
    assert (
        role_for({"email": "x@y", "roles": "CSC-Performance"}, {**ROLES, "group_claim": "roles"}) == "analyst"
    )
    assert role_for({"email": "x@y"}, ROLES) is None
    assert role_for({"email": "x@y"}, {"emails": {"x@y": "superuser"}}) is None  # not a role


def test_a_signed_in_manager_sees_only_the_children_of_their_teams(use_demo_db, monkeypatch, tmp_path):
    """The teams come from [roles.teams]; the audit log names the signed-in account."""
    from cscdash import app_store
    from cscdash.navigation import PAGES
    from tests.app.pages import app_for

    monkeypatch.setenv("CSCDASH_STORE", str(tmp_path / "store.sqlite"))
    at = app_for(next(p for p in PAGES if p.key == "children_in_care"))
    at.secrets["auth"] = AUTH
    at.secrets["roles"] = {**ROLES, "teams": {"head@council.example": ["Children in Care South"]}}
    at.user = {"email": "head@council.example", "is_logged_in": True}
    at.run()
    next(b for b in at.button if (b.key or "").startswith("children-of-")).click()
    at.run()
    assert not at.exception, at.exception
    rows = next(d.value for d in at.dataframe if "child_id" in d.value.columns)
    assert len(rows) > 0 and set(rows["team"]) == {"Children in Care South"}
    log = app_store.list_audit(tmp_path / "store.sqlite")
    assert log[["who", "role", "teams"]].values.tolist() == [
        ["head@council.example", "manager", "Children in Care South"]
    ]


def test_a_signed_in_board_member_gets_no_children(use_demo_db):
    from cscdash.navigation import PAGES
    from tests.app.pages import app_for

    at = app_for(next(p for p in PAGES if p.key == "children_in_care"))
    at.secrets["auth"] = AUTH
    at.secrets["roles"] = ROLES
    at.user = {"email": "chair@council.example", "is_logged_in": True}
    at.run()
    assert not at.exception, at.exception
    assert not [b for b in at.button if (b.key or "").startswith("children-of-")]
    assert not [d for d in at.dataframe if "child_id" in d.value.columns]
