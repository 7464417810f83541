"""Several years at once: cs-demand-model's five consecutive returns and the liia-tools stitching sample.

Expected histories were worked out by hand from the input files (shown in the comments)."""

from __future__ import annotations

from datetime import date

from cscdash import db
from cscdash.extracts.loader import load_paths
from tests.extracts.conftest import LA, REF, need

DEMAND = REF / "cs-demand-model" / "cs_demand_model_samples" / "combined"
LIIA = (
    REF
    / "liia-tools"
    / "liiatools"
    / "spec"
    / "s903"
    / "samples"
    / "SSDA903_episodes_for_testing_fixes_INPUT.csv"
)


def _history(con, child: str) -> list[tuple]:
    rows = con.table("ssda903_episodes").select("CHILD", "DECOM", "DEC", "REC").fetchall()
    return sorted((r[1], r[2], r[3]) for r in rows if r[0] == child)


def test_five_demand_model_years_stitch_into_one_history(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [need(DEMAND)], la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    keys = con.table("ssda903_episodes").select("CHILD", "DECOM").fetchall()
    assert len(keys) == len(set(keys))  # no episode twice
    # Files are named by the year's start (2017-episodes.csv runs to DECOM 31/03/2018): read as 2018..2022.
    years = {r[0] for r in con.table("ssda903_episodes").select("collection_year").fetchall()}
    assert years == {2018, 2019, 2020, 2021, 2022}
    # Child 109036 appears in four files with 9 episode rows; by hand, six episodes, each closed by the
    # later return that repeats it (17/01/2019 open in 2018-19, closed 16/08/2019 in 2019-20, ...):
    d = date
    assert _history(con, "109036") == [
        (d(2016, 6, 5), d(2018, 6, 9), "X1"),
        (d(2018, 6, 9), d(2019, 1, 17), "X1"),
        (d(2019, 1, 17), d(2019, 8, 16), "X1"),
        (d(2019, 8, 16), d(2019, 9, 20), "X1"),
        (d(2019, 9, 20), d(2020, 11, 29), "X1"),
        (d(2020, 11, 29), d(2021, 5, 6), "E7"),
    ]


def test_years_loaded_one_at_a_time_give_the_same_history(tmp_path):
    together = db.connect(tmp_path / "a.duckdb")
    assert load_paths(together, [need(DEMAND)], la_code=LA).ok
    apart = db.connect(tmp_path / "b.duckdb")
    for year in range(2017, 2022):
        files = sorted(DEMAND.glob(f"{year}-*.csv"))
        assert load_paths(apart, files, la_code=LA).ok
    cols = ["CHILD", "DECOM", "DEC", "REC", "collection_year"]
    got = sorted(apart.table("ssda903_episodes").select(*cols).fetchall(), key=repr)
    want = sorted(together.table("ssda903_episodes").select(*cols).fetchall(), key=repr)
    assert got == want
    assert len(apart.table("loads").fetchall()) == 5


def test_liia_stitching_sample(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    # the sample is a pooled file (its LA column names London boroughs): it is split by authority on load,
    # so no --la (one given would have to agree with every row)
    result = load_paths(con, [need(LIIA)])
    assert result.ok
    d = date
    # RULE1_BAD: 2016-01-13 open in the 2018 return; the 2020 return starts 2017-08-20 (RNE T): closed
    # then, X1.
    assert _history(con, "RULE1_BAD")[0] == (d(2016, 1, 13), d(2017, 8, 20), "X1")
    # RULE1A_BAD: 2016-10-24 open in 2017; next (2018 return) starts a new period (RNE S) on 2017-04-20:
    # closed on that day, reason unknown (left blank, not guessed).
    assert (d(2016, 10, 24), d(2017, 4, 20), None) in _history(con, "RULE1A_BAD")
    # RULE3_BAD: 2016-09-27 open in 2017 lies inside the 2018 return's 2016-09-23..2017-05-30: dropped.
    assert _history(con, "RULE3_BAD") == [(d(2016, 9, 23), d(2017, 5, 30), "E2")]
    # RULE3A_BAD: 2018-03-22 open in 2018 lies inside the 2019 return's 2018-01-25..2018-05-16: dropped.
    assert d(2018, 3, 22) not in [h[0] for h in _history(con, "RULE3A_BAD")]
    # RULE4_BAD: 2018-12-24 (2019, open) lies inside 2018-12-20..2019-08-19 (2020): dropped; the remaining
    # overlap (2018-11-23..2018-12-24 from 2019 against 2018-12-20 from 2020) is reported, not resolved.
    assert [h[0] for h in _history(con, "RULE4_BAD")] == [d(2018, 11, 23), d(2018, 12, 20), d(2019, 8, 19)]
    rules = {(p.rule, p.row_ref) for p in result.warnings}
    assert ("STITCH_CLASH", "row 18") in rules
    # RULE5_BAD: ends X1 on 2020-03-29 but the next episode (2022 return) starts 2020-04-02: a gap, reported.
    assert ("STITCH_GAP", "row 22") in rules
    # RULE2_BAD: open in the 2020 return and no 2021 return loaded at all: left open, nothing to report.
    assert _history(con, "RULE2_BAD") == [(d(2019, 5, 10), None, None)]
