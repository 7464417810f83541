-- Grain: one row per LA, month end, visit measure and breakdown value ('all', locality): the children in
-- each visit-timeliness cohort at that month end and how many were seen in time. Shared by the three
-- local visit indicators, which only pick their measure:
--   cpp_10wd  CP plan for >= 10 working days, latest CP visit (child seen) within 10 working days
--   cpp_4wk   CP plan for >= 28 calendar days, latest CP visit within 28 days
--   cin_20wd  CIN plan for >= 20 working days, latest CIN visit within 20 working days (plans' own
--             frequencies are not in the returns, so 20 working days applies to all)
-- Reads: int_visits__plan_months, int_calendar__month_ends. Materialise: table.
-- Rules [L]: working days follow R3 (start day = 0). Month ends before the visits file's first month have
-- has_history = false (the indicators return null with 'insufficient history', or gap_note where no CIN
-- census or visits file covers the month: int_calendar__month_ends); every month end has an
-- 'all' row for every measure, so a month with no cohort gives 'no cases' (R11), not a missing row.
with plan_months as (
    select * from int_visits__plan_months
),

calendar as (
    select * from int_calendar__month_ends
),

measures as (
    select 'cpp_10wd' as measure
    union all select 'cpp_4wk'
    union all select 'cin_20wd'
),

wide as (
    -- one pass over the plan-months for every measure and both breakdowns (three filtered scans and a
    -- doubling unnest took twice as long at 150 authorities): c_ = in the cohort, t_ = of those in time
    select
        la_code,
        period_end,
        'all' as by_all,
        locality as by_locality,
        count(*) filter (where plan_kind = 'CP' and wd_on_plan >= 10) as c_cpp_10wd,
        count(*) filter (where plan_kind = 'CP' and wd_on_plan >= 10 and wd_since_seen <= 10) as t_cpp_10wd,
        count(*) filter (where plan_kind = 'CP' and days_on_plan >= 28) as c_cpp_4wk,
        count(*) filter (where plan_kind = 'CP' and days_on_plan >= 28 and days_since_seen <= 28) as t_cpp_4wk,
        count(*) filter (where plan_kind = 'CIN' and wd_on_plan >= 20) as c_cin_20wd,
        count(*) filter (where plan_kind = 'CIN' and wd_on_plan >= 20 and wd_since_seen <= 20) as t_cin_20wd
    from plan_months
    group by la_code, period_end, grouping sets ((by_all), (by_locality))
),

counted as (
    -- long again: one row per measure and breakdown value with at least one child in the cohort
    select la_code, period_end, measure, breakdown, breakdown_value, n_in_time, n_children
    from (
        unpivot (select * from breakdown_rows(wide))
        on (t_cpp_10wd, c_cpp_10wd) as cpp_10wd, (t_cpp_4wk, c_cpp_4wk) as cpp_4wk,
            (t_cin_20wd, c_cin_20wd) as cin_20wd
        into name measure value n_in_time, n_children
    )
    where n_children > 0
),

all_rows as (
    select c.la_code, c.period_end, m.measure, 'all' as breakdown, 'all' as breakdown_value,
        c.visits_stock_history as has_history, c.visits_gap_note as gap_note
    from calendar as c
    cross join measures as m
    union
    select c.la_code, c.period_end, k.measure, k.breakdown, k.breakdown_value, c.visits_stock_history,
        c.visits_gap_note
    from counted as k
    join calendar as c using (la_code, period_end)
),

final as (
    select
        r.la_code,
        r.period_end,
        r.measure,
        r.breakdown,
        r.breakdown_value,
        r.has_history,
        r.gap_note,
        coalesce(k.n_in_time, 0) as n_in_time,
        coalesce(k.n_children, 0) as n_children
    from all_rows as r
    left join counted as k using (la_code, period_end, measure, breakdown, breakdown_value)
)

select * from final
