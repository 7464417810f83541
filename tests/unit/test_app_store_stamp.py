"""The app store's content stamp (the board pack's cache key): it moves when something a pack shows is
written, and only then. Opening a child list writes an audit row to the same file, and must not make the
next scorecard visitor build the pack's content again (it did while the key was the file's mtime)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from cscdash import app_store


def _audit(store: Path) -> None:
    app_store.add_list_audit(
        store,
        {
            "at": datetime(2026, 12, 7, 10),
            "who": "a.manager",
            "role": "manager",
            "action": "open",
            "list_id": "my_teams_overdue_visits",
            "la_code": "E06999999",
            "row_count": 3,
        },
    )


def test_the_stamp_moves_with_what_a_pack_shows_and_not_with_the_audit_log(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    empty = app_store.content_stamp(store)
    assert empty == (0, 0, 0, 0)  # commentary, approvals, running orders, target edits: none yet

    _audit(store)
    _audit(store)
    assert app_store.content_stamp(store) == empty  # two list openings: the pack is unchanged
    assert len(app_store.list_audit(store)) == 2  # (they were written)

    app_store.add_commentary(
        store,
        {
            "indicator_id": "cla_count",
            "la_code": "E06999999",
            "period_end": date(2026, 10, 31),
            "going_well": "Fewer entries",
            "worried_about": "",
            "doing_about": "",
            "author": "a.manager",
            "written_at": datetime(2026, 12, 7, 11),
        },
    )
    assert app_store.content_stamp(store) == (1, 0, 0, 0)
    app_store.add_board_set(
        store,
        {
            "name": "Corporate parenting",
            "indicator_ids": "cla_count",
            "saved_by": "an.analyst",
            "saved_at": datetime(2026, 12, 7, 12).isoformat(),
        },
    )
    assert app_store.content_stamp(store) == (1, 0, 1, 0)
    _audit(store)
    assert app_store.content_stamp(store) == (1, 0, 1, 0)
