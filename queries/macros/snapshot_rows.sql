-- Macro snapshot_rows(snapshots, listed): the rows of an Annex A snapshot list that each month end uses. A
-- table macro: `select * from snapshot_rows(snapshot_months, listed)` in a view. The one definition of
-- "a month end's snapshot, a child listed twice counting once", shared by int_annexa__cla_snapshots
-- (list 8) and int_annexa__care_leaver_snapshots (list 9).
-- Reads: its arguments only (CTEs of the calling view).
-- Rules: `snapshots` has la_code, period_end and snapshot_date (the snapshot that month end uses, from
-- int_annexa__snapshot_months); `listed` is the raw list (la_code, snapshot_date, child_id, source_row
-- ...). Each month end gets the rows of its LA's list dated snapshot_date; a child listed twice in one
-- snapshot keeps one row, the last of the file (highest source_row, a null source_row last).
-- Output, in this order: la_code, period_end, then every column of `listed` but la_code.
create or replace macro snapshot_rows(snapshots, listed) as table
    select
        m.la_code,
        m.period_end,
        l.* exclude (la_code)
    from query_table(snapshots) as m
    join query_table(listed) as l on m.la_code = l.la_code and m.snapshot_date = l.snapshot_date
    qualify row_number() over (
        partition by m.la_code, m.period_end, l.child_id order by l.source_row desc nulls last
    ) = 1
