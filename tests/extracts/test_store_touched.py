"""Which loaded rows a load's merge looks at (store._touched): the rest are kept as they are.

A monthly load of one authority used to merge its new rows with every row of that authority, six years of
them; now only the rows it can change go through the merge. These hand-made frames show each reason a
loaded row is taken, and that a row with none of them is left alone.
"""

from __future__ import annotations

import pandas as pd

from cscdash.extracts import store

KEY = ["la_code", "LAchildID"]


def _old() -> pd.DataFrame:
    # five loaded rows:
    #   A  collection year 2026, which the load's return replaces          -> taken (replaced)
    #   B  2025, but the load brings a row for B                           -> taken (same key as a new row)
    #   C  2025, no new row, not replaced                                  -> left alone
    #   D  2025, twice (an older version's duplicate)               -> both taken (latest_wins picks one)
    return pd.DataFrame(
        {
            "la_code": ["E1"] * 5,
            "LAchildID": ["A", "B", "C", "D", "D"],
            "collection_year": [2026, 2025, 2025, 2025, 2025],
        }
    )


def _replaced_2026(old: pd.DataFrame) -> pd.Series:
    return old["collection_year"].isin({2026})


def test_each_reason_takes_a_row_and_the_others_are_left_alone() -> None:
    new = pd.DataFrame({"la_code": ["E1"], "LAchildID": ["B"], "collection_year": [2026]})
    touched = store._touched(_old(), new, KEY, _replaced_2026)
    assert list(touched) == [True, True, False, True, True]


def test_without_a_replacement_only_shared_keys_are_taken() -> None:
    new = pd.DataFrame({"la_code": ["E1"], "LAchildID": ["C"], "collection_year": [2026]})
    touched = store._touched(_old(), new, KEY, None)
    # A is no longer replaced and has no new row; C now has one; D is still duplicated
    assert list(touched) == [False, False, True, True, True]


def test_key_columns_of_different_kinds_take_every_row() -> None:
    # a key column blank throughout the file stays untyped: the two sides cannot be matched safely, so
    # every loaded row goes through the merge, as before
    new = pd.DataFrame({"la_code": ["E1"], "LAchildID": [pd.NA], "collection_year": [2026]}).astype(
        {"LAchildID": "object"}
    )
    old = _old().assign(LAchildID=pd.Series([1, 2, 3, 4, 4], dtype="Int64"))
    touched = store._touched(old, new, KEY, None)
    assert touched.all()
