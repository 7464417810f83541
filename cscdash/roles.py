"""Who may do what in the app, by role.

Four roles (issue 17): ``board`` sees aggregates only, with board-mode suppression forced (a board
member never sees a small number or a child); ``manager`` also writes commentary and approves exception
reports; ``analyst`` also changes targets, saves running orders and loads extracts; ``admin`` everything.
Without sign-in the app is a local single-user install whose role is the setting ``role``
(``CSCDASH_ROLE``; the demo's default is ``analyst``), and the page header says so.

The components ask :func:`permissions` before drawing an editor, and the settings force board mode for
the ``board`` role (:func:`cscdash.settings.from_mapping`), so every figure a board session reads has
passed board-mode disclosure control.
"""

from __future__ import annotations

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
    )


def role_line(role: str) -> str:
    """The header's words for a local single-user install."""
    return f"local install, role {role} (setting CSCDASH_ROLE)"
