-- Macro annexa_snapshot_gap(snapshot_date, list_no): why an Annex A figure is missing for a month end, or
-- null. The one wording of the reason a snapshot view gives when its list has no snapshot dated in the
-- month (a snapshot is never carried forward to a later month).
-- Reads: nothing (a scalar function).
-- Rules: snapshot_date (the snapshot the month end uses) null -> 'no Annex A list <list_no> snapshot in this
-- month'; else null. Pass it as the gap of percent_of or count_of.
create or replace macro annexa_snapshot_gap(snapshot_date, list_no) as
    case when snapshot_date is null then 'no Annex A list ' || list_no || ' snapshot in this month' end
