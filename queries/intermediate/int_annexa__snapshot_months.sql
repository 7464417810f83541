-- Grain: one row per LA and month end (la_code, period_end) with the Annex A list 8 and list 9 snapshot
-- dates that month end uses (null when there is none).
-- Reads: annexa_cla, annexa_care_leavers (raw; only their snapshot dates), int_cla__month_ends.
-- Materialise: table.
-- Rules:
--   Lists 8 (children in care) and 9 (care leavers) are snapshots of one date each (the date in the file
--   name). A month end uses the LATEST snapshot dated in its own calendar month (1st to month end): two
--   snapshots in one month, the later wins. A month with no snapshot has a null date, and the snapshot
--   indicators are then null with a reason: a snapshot is never carried into another month.
--   Calendar: every month end from the earlier of the SSDA903 calendar's first month (int_cla__month_ends)
--   and the LA's first snapshot month to the later of their last months, so the snapshot measures have
--   the same month ends as the other children-in-care measures plus any month a snapshot adds.
--   period_start = period_end (a stock is as at the month end, R2).
--   Month ends: month_end_list (queries/macros).
with cla_snapshots as (
    select distinct la_code, snapshot_date from annexa_cla
),

leaver_snapshots as (
    select distinct la_code, snapshot_date from annexa_care_leavers
),

ssda903_months as (
    select la_code, period_end from int_cla__month_ends
),

month_starts as (
    select la_code, cast(date_trunc('month', snapshot_date) as date) as month_start from cla_snapshots
    union all
    select la_code, cast(date_trunc('month', snapshot_date) as date) from leaver_snapshots
    union all
    select la_code, cast(date_trunc('month', period_end) as date) from ssda903_months
),

bounds as (
    select la_code, min(month_start) as first_month, max(month_start) as last_month
    from month_starts
    group by la_code
),

months as (
    select bounds.la_code, t.period_end
    from bounds, unnest(month_end_list(bounds.first_month, bounds.last_month)) as t(period_end)
),

latest_cla as (
    select la_code, last_day(snapshot_date) as period_end, max(snapshot_date) as list8_snapshot_date
    from cla_snapshots
    group by all
),

latest_leavers as (
    select la_code, last_day(snapshot_date) as period_end, max(snapshot_date) as list9_snapshot_date
    from leaver_snapshots
    group by all
),

final as (
    select
        m.la_code,
        m.period_end as period_start,
        m.period_end,
        c.list8_snapshot_date,
        l.list9_snapshot_date
    from months as m
    left join latest_cla as c using (la_code, period_end)
    left join latest_leavers as l using (la_code, period_end)
)

select * from final
