-- Grain: one row per child and plan type at period_end (la_code, child_id, plan_type): a child on a CP or
-- CIN plan at that month end who is in the cohort of at least one visit-timeliness figure. The children
-- behind cin_visits_in_timescale_pct, cpp_visits_10wd_pct and cpp_visits_4wk_pct (int_visits__timeliness).
-- Reads: int_cin__cp_plans, stg_cin__plan, stg_local__visits, int_calendar__month_ends,
-- int_dates__working_days, int_children__attributes: what int_visits__plan_months reads, with its rules,
-- for the one month end asked. Why not int_visits__plan_months itself: it is a view over every month end
-- whose latest-visit ASOF join is fast only with the connection setting cscdash.db sets
-- (asof_loop_join_threshold); on a plain connection one month's list took minutes. Here the latest visit
-- on or before period_end is a plain max(), the same fact for a single month end.
-- Rules: the macro's argument list_month_end is the month end E asked for (the contract's period_end;
-- named apart from the views' period_end columns, which DuckDB would confuse with it inside a macro).
-- int_visits__timeliness is long (one row per measure with n_in_time and n_children), so each of its
-- measures gets its own pair of columns here, named n_in_time_<measure> and n_children_<measure>, with the
-- cohort and in-time rules it applies to the same row:
--   cpp_10wd  CP plan, wd_on_plan >= 10; in time: wd_since_seen <= 10 (never seen: not in time)
--   cpp_4wk   CP plan, days_on_plan >= 28; in time: days_since_seen <= 28
--   cin_20wd  CIN plan, wd_on_plan >= 20; in time: wd_since_seen <= 20
-- So for each measure, sum(n_in_time_<m>) and sum(n_children_<m>) over the rows (or the rows of one
-- by_locality value) = the aggregate's n_in_time and n_children of that measure at period_end. Only month
-- ends int_visits__plan_months covers (the visits file loaded, from its first month) have rows.
-- Same rules as int_visits__plan_months: a plan is open at E when start <= E and (end null or end > E);
-- one row per child and plan type (a child with two open plans of a type: the earliest start); the visit
-- is the latest of the plan's type (CP for CP plans, CIN for CIN plans) on or before E with the child seen.
-- by_locality: int_visits__plan_months' locality (the aggregate's only breakdown besides 'all').
-- Working days follow R3 (start day = 0). Detail: last_visit_date is the latest visit of the plan's type
-- with the child seen on or before period_end (none: never seen on this plan type); visit_due_date is the
-- working-day rule's due date: the 10th (CP) or 20th (CIN) working day after the last visit, or after the
-- plan start when the child was never seen (not_seen_since: that last visit or plan start);
-- visit_due_date_28_days (CP only) is the last visit (or plan
-- start) + 28 days.
-- Exception flag x_not_seen_in_time: the child is in the cohort of a figure of its plan type but not in
-- its numerator, by that figure's rule: CIN plan out of time by 20 working days; CP plan out of time by
-- 10 working days or by 28 days (in either cohort; 10 working days is almost always the stricter).
create or replace macro children_cin_visits(list_month_end) as table
with as_at as (
    select cast(list_month_end as date) as month_end
),

calendar as (
    select * from int_calendar__month_ends where visits_history_start is not null
),

cp_plans as (
    select * from int_cin__cp_plans
),

cin_plans as (
    select * from stg_cin__plan
),

visits as (
    select * from stg_local__visits
),

days as (
    select * from int_dates__working_days
),

attributes as (
    select * from int_children__attributes
),

las as (
    -- the LAs int_visits__plan_months has this month end for (visits file loaded, from its first month)
    select c.la_code, a.month_end
    from calendar as c
    join as_at as a on c.period_end = a.month_end
    where c.period_end >= c.visits_history_start
),

plans as (
    select la_code, child_id, 'CP' as plan_kind, start_date, end_date from cp_plans
    union all
    select la_code, child_id, 'CIN', start_date, end_date from cin_plans
),

open_plans as (
    -- open at E: start <= E and (end null or end > E); one row per child and plan type (earliest start)
    select l.la_code, l.month_end, p.plan_kind, p.child_id, p.start_date
    from las as l
    join plans as p
        on l.la_code = p.la_code
        and p.start_date <= l.month_end
        and (p.end_date is null or p.end_date > l.month_end)
    qualify row_number() over (partition by l.la_code, p.plan_kind, p.child_id order by p.start_date) = 1
),

last_seen as (
    -- the latest visit of each type with the child seen on or before E
    select v.la_code, v.child_id, v.visit_type, max(v.visit_date) as last_seen_date
    from visits as v
    join las as l on v.la_code = l.la_code and v.visit_date <= l.month_end
    where v.child_seen and v.visit_type in ('CP', 'CIN')
    group by all
),

at_month_end as (
    -- int_visits__plan_months' columns for this month end
    select
        o.la_code,
        o.month_end as period_end,
        o.plan_kind,
        o.child_id,
        o.start_date,
        v.last_seen_date,
        e.working_day_number - s.working_day_number as wd_on_plan,
        date_diff('day', o.start_date, o.month_end) as days_on_plan,
        e.working_day_number - w.working_day_number as wd_since_seen,
        date_diff('day', v.last_seen_date, o.month_end) as days_since_seen,
        coalesce(t.locality, 'Not recorded') as locality
    from open_plans as o
    left join last_seen as v
        on o.la_code = v.la_code and o.child_id = v.child_id and o.plan_kind = v.visit_type
    join days as e on o.month_end = e.day
    join days as s on o.start_date = s.day
    left join days as w on v.last_seen_date = w.day
    left join attributes as t on o.la_code = t.la_code and o.child_id = t.child_id
),

measured as (
    select
        *,
        cast(plan_kind = 'CP' and wd_on_plan >= 10 as integer) as n_children_cpp_10wd,
        cast(plan_kind = 'CP' and wd_on_plan >= 10 and coalesce(wd_since_seen <= 10, false) as integer)
            as n_in_time_cpp_10wd,
        cast(plan_kind = 'CP' and days_on_plan >= 28 as integer) as n_children_cpp_4wk,
        cast(plan_kind = 'CP' and days_on_plan >= 28 and coalesce(days_since_seen <= 28, false) as integer)
            as n_in_time_cpp_4wk,
        cast(plan_kind = 'CIN' and wd_on_plan >= 20 as integer) as n_children_cin_20wd,
        cast(plan_kind = 'CIN' and wd_on_plan >= 20 and coalesce(wd_since_seen <= 20, false) as integer)
            as n_in_time_cin_20wd,
        coalesce(last_seen_date, start_date) as visit_clock_start
    from at_month_end
),

due_dates as (
    select
        m.*,
        due.day as visit_due_date
    from measured as m
    join days as clock on m.visit_clock_start = clock.day
    left join days as due
        on due.is_working_day
        and due.working_day_number = clock.working_day_number + case when m.plan_kind = 'CP' then 10 else 20 end
),

final as (
    select
        d.la_code,
        d.child_id,
        case when d.plan_kind = 'CP' then 'CP plan' else 'CIN plan' end as record,
        coalesce(t.team, 'Not recorded') as team,
        coalesce(t.worker, 'Not recorded') as worker,
        d.locality,
        d.locality as by_locality,
        d.n_in_time_cin_20wd,
        d.n_children_cin_20wd,
        d.n_in_time_cpp_10wd,
        d.n_children_cpp_10wd,
        d.n_in_time_cpp_4wk,
        d.n_children_cpp_4wk,
        d.plan_kind as plan_type,
        d.start_date as plan_start_date,
        d.last_seen_date as last_visit_date,
        d.visit_clock_start as not_seen_since,
        d.visit_due_date,
        case when d.plan_kind = 'CP' then cast(d.visit_clock_start + 28 as date) end as visit_due_date_28_days,
        cast(d.wd_on_plan as integer) as working_days_on_plan,
        cast(d.days_on_plan as integer) as days_on_plan,
        cast(d.wd_since_seen as integer) as working_days_since_seen,
        cast(d.days_since_seen as integer) as days_since_seen,
        cast(
            d.n_children_cin_20wd > d.n_in_time_cin_20wd
            or d.n_children_cpp_10wd > d.n_in_time_cpp_10wd
            or d.n_children_cpp_4wk > d.n_in_time_cpp_4wk as integer
        ) as x_not_seen_in_time
    from due_dates as d
    left join attributes as t on d.la_code = t.la_code and d.child_id = t.child_id
    where d.n_children_cin_20wd + d.n_children_cpp_10wd + d.n_children_cpp_4wk > 0
)

select * from final
