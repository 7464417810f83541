"""The naming rule int_flows__rolling stands on: a contact or a contact decision fills only the
``n_contacts*`` measures of int_flows__events, and every CIN event only the other ``n_*`` measures.

Why it matters: int_flows__rolling counts the two families apart, each with only its own measures (one
grouping-sets pass per family; counting all 28 measures over every event took 40% longer at 150
authorities). A measure filled on the wrong family's rows would be counted as 0 there, silently. This
holds every event of the demo's six years to the rule, and shows the check can fail.
"""

from __future__ import annotations

import duckdb
import pytest

from cscdash import db

#: The events of the contact family (Annex A list 1): their measures are named n_contacts*.
CONTACT_EVENTS = ("Contact", "Contact decision")


def _is_contact_measure(column: str) -> bool:
    return column.startswith("n_contacts")


def misplaced_measures(con: duckdb.DuckDBPyConnection, relation: str) -> dict[str, int]:
    """Measure column -> the number of events of the other family on which it is filled (not null)."""
    rel = con.table(relation)
    contact_filter = " or ".join(f"event = '{e}'" for e in CONTACT_EVENTS)
    found = {}
    for column in (c for c in rel.columns if c.startswith("n_")):
        other_family = f"not ({contact_filter})" if _is_contact_measure(column) else f"({contact_filter})"
        filled = rel.filter(f'{other_family} and "{column}" is not null').aggregate("count(*)")
        count = filled.fetchall()[0][0]
        if count:
            found[column] = count
    return found


def test_every_flow_measure_is_filled_by_its_own_family_only(demo_env: dict[str, str]) -> None:
    con = db.connect(demo_env["CSCDASH_DB"], read_only=True)
    try:
        events = con.table("int_flows__events")
        measures = [c for c in events.columns if c.startswith("n_")]
        # both families are there, with measures, so the check below has something to check
        assert {m for m in measures if _is_contact_measure(m)} >= {"n_contacts", "n_contacts_decided"}
        assert {m for m in measures if not _is_contact_measure(m)} >= {"n_referrals", "n_cpp_ends"}
        kinds = {row[0] for row in events.project("event").distinct().fetchall()}
        assert set(CONTACT_EVENTS) <= kinds and len(kinds - set(CONTACT_EVENTS)) >= 6
        assert misplaced_measures(con, "int_flows__events") == {}
    finally:
        con.close()


@pytest.mark.parametrize(
    ("event", "column", "expected"),
    [
        ("Contact", "n_referrals", {"n_referrals": 1}),  # a CIN measure on a contact
        ("Referral", "n_contacts_decided", {"n_contacts_decided": 1}),  # a contact measure on a referral
        ("Referral", "n_referrals", {}),  # its own family's measure: fine
    ],
)
def test_a_measure_on_the_other_family_is_found(event: str, column: str, expected: dict[str, int]) -> None:
    """The check above can fail: one event with another family's measure filled is counted."""
    con = duckdb.connect(":memory:")
    con.execute("create table events (event varchar, n_contacts_decided integer, n_referrals integer)")
    con.execute(f"insert into events (event, {column}) values (?, 1)", [event])
    assert misplaced_measures(con, "events") == expected
