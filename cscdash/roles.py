"""Who may do what in the app, by role.

Four roles (issue 17): ``board`` sees aggregates only, with board-mode suppression forced (a board
member never sees a small number or a child); ``manager`` also writes commentary and approves exception
reports; ``analyst`` also changes targets, saves running orders and loads extracts; ``admin`` everything.
With an ``[auth]`` section in ``.streamlit/secrets.toml`` people sign in through the council's identity
provider (Streamlit's ``st.login``, OIDC) and their role comes from the ``[roles]`` mapping there
(:func:`role_for`); someone the mapping does not name is refused. Without it the app is a local
single-user install whose role is the setting ``role`` (``CSCDASH_ROLE``; the demo's default is
``analyst``), and the page header says so.

The components ask :func:`permissions` before drawing an editor, and the settings force board mode for
the ``board`` role (:func:`cscdash.settings.from_mapping`), so every figure a board session reads has
passed board-mode disclosure control.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cscdash.settings import ROLES


@dataclass(frozen=True)
class Permissions:
    """What one role may do."""

    role: str
    writes_commentary: bool
    approves_reports: bool
    edits_targets: bool
    saves_running_orders: bool
    loads_extracts: bool
    #: may open the children behind a figure and the "My teams" lists (never a board member)
    sees_children: bool
    #: every child (analyst, admin); a manager sees only the children of their own teams
    sees_every_child: bool
    #: reads the audit log of who opened which list, and who has which role
    sees_audit: bool


_ORDER = {role: n for n, role in enumerate(ROLES)}


def permissions(role: str) -> Permissions:
    """The permissions of ``role`` (ValueError for an unknown role)."""
    if role not in _ORDER:
        raise ValueError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    at_least = _ORDER[role].__ge__
    return Permissions(
        role=role,
        writes_commentary=at_least(_ORDER["manager"]),
        approves_reports=at_least(_ORDER["manager"]),
        edits_targets=at_least(_ORDER["analyst"]),
        saves_running_orders=at_least(_ORDER["analyst"]),
        loads_extracts=at_least(_ORDER["analyst"]),
        sees_children=at_least(_ORDER["manager"]),
        sees_every_child=at_least(_ORDER["analyst"]),
        sees_audit=at_least(_ORDER["admin"]),
    )


def teams_for(user: Mapping[str, object], mapping: Mapping[str, object]) -> tuple[str, ...]:
    """A signed-in manager's own teams from the ``[roles.teams]`` mapping: e-mail address or group name ->
    list of team names (as the child attributes file names them); the union of every entry that matches."""
    teams = dict(mapping.get("teams") or {})
    keys = {str(user.get("email") or "").lower()}
    claim = user.get(str(mapping.get("group_claim") or "groups")) or []
    keys |= {str(g) for g in ([claim] if isinstance(claim, str) else list(claim))}  # type: ignore[arg-type]
    found: list[str] = []
    for key, names in teams.items():
        if str(key).lower() in keys or str(key) in keys:
            found.extend([names] if isinstance(names, str) else [str(n) for n in names])
    return tuple(dict.fromkeys(found))


def role_line(role: str, signed_in_as: str | None = None) -> str:
    """The header's words: who is signed in and their role, or a local single-user install's role."""
    if signed_in_as:
        return f"signed in as {signed_in_as}, role {role}"
    return f"local install, role {role} (setting CSCDASH_ROLE)"


def role_for(user: Mapping[str, object], mapping: Mapping[str, object]) -> str | None:
    """The role of a signed-in user from the secrets' ``[roles]`` mapping, or None (no role: refused).

    ``mapping`` has ``emails`` (e-mail address -> role) and ``groups`` (a group claim's value -> role;
    the claim is the user's ``groups`` list, or the claim named by ``group_claim``). A user who matches
    several entries gets the highest of their roles. E-mail addresses compare in lower case.
    """
    found: list[str] = []
    emails = {str(k).lower(): str(v) for k, v in dict(mapping.get("emails") or {}).items()}
    email = str(user.get("email") or "").lower()
    if email in emails:
        found.append(emails[email])
    groups = {str(k): str(v) for k, v in dict(mapping.get("groups") or {}).items()}
    claim = user.get(str(mapping.get("group_claim") or "groups")) or []
    for group in [claim] if isinstance(claim, str) else list(claim):  # type: ignore[arg-type]
        if str(group) in groups:
            found.append(groups[str(group)])
    known = [r for r in found if r in _ORDER]
    return max(known, key=_ORDER.__getitem__) if known else None
