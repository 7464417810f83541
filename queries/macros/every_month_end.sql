-- Macro every_month_end(counts, calendar): counts by breakdown filled out to every month end of a
-- calendar. A table macro: `select * from every_month_end(counted, month_ends)` in a view. The one
-- definition of "every month end has a row for every breakdown value the LA ever had (0 when empty) and
-- an 'all' row", shared by int_cla__stocks_monthly, int_cla__flows_rolling, int_cla__reviews_rolling,
-- int_cla__rhi_rolling, int_stocks__monthly, int_annexa__care_leavers_monthly, int_care_leavers__rolling,
-- cla_iha_20wd_pct and cla_permanence_plan_pct.
-- Reads: its arguments only (CTEs of the calling view: its counts, and its calendar, usually some columns
-- of int_cla__month_ends, int_calendar__month_ends or int_annexa__snapshot_months).
-- Rules: `counts` has la_code, period_end, breakdown, breakdown_value and count columns only (as
-- breakdown_rows gives them); `calendar` one row per LA and month end, with la_code, period_start,
-- period_end and the columns to carry along (history flags, notes, population). The groups of an LA are
-- the (breakdown, breakdown_value) pairs of its rows in `counts` (a row whose period_end is no month end
-- of the calendar still names its group), and 'all'; each meets every month end of the LA's calendar.
-- Output, in this order: la_code, period_start, period_end, breakdown, breakdown_value, every count
-- column (null, no row in `counts`, as 0; all as bigint), then the calendar's other columns.
create or replace macro every_month_end(counts, calendar) as table
    with groups as (
        select distinct la_code, breakdown, breakdown_value from query_table(counts)
        union
        select distinct la_code, 'all' as breakdown, 'all' as breakdown_value from query_table(calendar)
    )

    select
        c.la_code,
        c.period_start,
        c.period_end,
        g.breakdown,
        g.breakdown_value,
        cast(coalesce(columns(k.* exclude (la_code, period_end, breakdown, breakdown_value)), 0) as bigint),
        c.* exclude (la_code, period_start, period_end)
    from groups as g
    join query_table(calendar) as c using (la_code)
    left join query_table(counts) as k
        on g.la_code = k.la_code and c.period_end = k.period_end
        and g.breakdown = k.breakdown and g.breakdown_value = k.breakdown_value
