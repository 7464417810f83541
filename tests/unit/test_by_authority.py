"""One read of every authority split by LA gives each LA exactly its own read (the partnership page reads
an indicator once for 150 authorities, not once per authority)."""

from __future__ import annotations

import pandas as pd

from cscdash import db, indicator_data


def test_every_authority_at_once_equals_each_authority_alone():
    con = db.connect(None)
    try:
        # a hand-made indicator view: two authorities, two months, an 'all' row and a breakdown row each,
        # inserted out of order so the split must sort as the single read does
        con.execute(
            """
            create view cla_count as select * from (values
                ('E2', date '2024-02-01', date '2024-02-29', 'sex', 'Girls', 3, null, 3.0, null),
                ('E1', date '2024-02-01', date '2024-02-29', 'all', 'all', 7, null, 7.0, null),
                ('E2', date '2024-01-01', date '2024-01-31', 'all', 'all', 5, null, 5.0, null),
                ('E1', date '2024-01-01', date '2024-01-31', 'all', 'all', 6, null, 6.0, null),
                ('E2', date '2024-02-01', date '2024-02-29', 'all', 'all', 4, null, 4.0, null)
            ) as t(la_code, period_start, period_end, breakdown, breakdown_value, numerator, denominator,
                   value, value_note)
            """
        )
        split = indicator_data.by_authority(indicator_data.read_indicator(con, "cla_count", None))
        assert sorted(split) == ["E1", "E2"]
        for code, frame in split.items():
            alone = indicator_data.read_indicator(con, "cla_count", code)
            pd.testing.assert_frame_equal(frame, alone)
        assert list(split["E2"]["value"]) == [5.0, 4.0, 3.0]  # all Jan, all Feb, then the Girls row
    finally:
        con.close()
