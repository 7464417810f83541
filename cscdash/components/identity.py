"""Sign-in: when ``.streamlit/secrets.toml`` has an ``[auth]`` section, people sign in through the
council's identity provider (Streamlit's ``st.login``, OIDC) before any page draws, and their role comes
from the ``[roles]`` mapping there (:func:`cscdash.roles.role_for`). Without ``[auth]`` the app is a
local single-user install in the role of the ``role`` setting."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cscdash.roles import role_for, teams_for
from cscdash.settings import Settings, from_mapping


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets file: a local install
        return {}


def signed_in(current: Settings) -> tuple[Settings, str | None]:
    """The settings for this session (its role, and board mode forced for a board member) and who is
    signed in (None for a local install). Stops the page with a sign-in button, or with a refusal for
    someone the role mapping does not name, before anything else is drawn."""
    secrets = _secrets()
    if "auth" not in secrets:
        return current, None
    if not st.user.is_logged_in:
        st.title("Children's social care performance")
        st.info("Sign in with your council account to see the dashboard.")
        st.button("Sign in", icon=":material/login:", on_click=st.login)
        st.stop()
    who = str(st.user.get("email") or st.user.get("name") or "someone")
    role = role_for(dict(st.user), dict(secrets.get("roles") or {}))
    if role is None:
        st.title("Children's social care performance")
        st.error(
            f"{who} has no role in this dashboard. Ask its administrator to add you to the role mapping."
        )
        st.button("Sign out", on_click=st.logout)
        st.stop()
    st.sidebar.button("Sign out", icon=":material/logout:", on_click=st.logout)
    mapping = dict(secrets.get("roles") or {})
    return from_mapping(current, {"role": role, "teams": teams_for(dict(st.user), mapping)}), who


def role_table() -> pd.DataFrame:
    """Who has which role (and a manager's teams), from the sign-in's ``[roles]`` mapping: for an
    administrator. Empty without sign-in (a local install has one user, in the role of its setting)."""
    mapping = dict(_secrets().get("roles") or {})
    rows = [("e-mail", k, v) for k, v in dict(mapping.get("emails") or {}).items()]
    rows += [("group", k, v) for k, v in dict(mapping.get("groups") or {}).items()]
    teams = {str(k).lower(): v for k, v in dict(mapping.get("teams") or {}).items()}
    table = pd.DataFrame(rows, columns=["kind", "who", "role"])
    table["teams"] = [
        ", ".join([t] if isinstance(t, str) else list(t))
        for t in (teams.get(str(w).lower(), []) for w in table["who"])
    ]
    return table
