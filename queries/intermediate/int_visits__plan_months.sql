-- Grain: one row per LA, month end and child on an open CP or CIN plan at that month end
-- (la_code, period_end, plan_kind, child_id), with the latest visit at which the child was seen.
-- Reads: int_cin__cp_plans, stg_cin__plan, stg_local__visits (through the macro recent_seen_visits),
-- int_calendar__month_ends, int_dates__working_days, int_children__attributes. A view, not a table: only int_visits__timeliness
-- reads it, and that small rollup is what is stored.
-- Rules [L] (local visit measures, computed only where the optional visits file is loaded, and only for
-- month ends on or after its first month):
--   A plan is open at E when start <= E and (end is null or end > E).
--   The visit is the latest visit of the plan's type (CP for CP plans, CIN for CIN plans) on or before E
--   with the child seen, looked for in E's month and the month before (the macro recent_seen_visits: an
--   older visit is never in time, so last_seen_date is null then, as for a child never seen, and every
--   measure counts the child not seen in time either way). Working days follow R3 (start day = 0):
--   wd_on_plan = wd(start, E), wd_since_seen = wd(visit, E); days_* are calendar days.
with calendar as (
    select * from int_calendar__month_ends where visits_history_start is not null
),

plans as (
    select la_code, child_id, 'CP' as plan_kind, start_date, end_date from int_cin__cp_plans
    union all
    select la_code, child_id, 'CIN', start_date, end_date from stg_cin__plan
),

recent_visits as (
    -- the latest seen visit of the plan's type in E's month or the month before (recent_seen_visits)
    select la_code, child_id, visit_type as plan_kind, period_end, last_seen_date
    from recent_seen_visits(['CP', 'CIN'])
),

days as (
    select * from int_dates__working_days
),

open_plans as (
    select c.la_code, c.period_end, p.plan_kind, p.child_id, p.start_date
    from calendar as c
    join plans as p
        on c.la_code = p.la_code
        and p.start_date <= c.period_end
        and (p.end_date is null or p.end_date > c.period_end)
    where c.period_end >= c.visits_history_start
    qualify row_number() over (
        partition by c.la_code, c.period_end, p.plan_kind, p.child_id order by p.start_date
    ) = 1
),

plan_month_visits as (
    select o.la_code, o.period_end, o.plan_kind, o.child_id, o.start_date, v.last_seen_date
    from open_plans as o
    left join recent_visits as v using (la_code, period_end, plan_kind, child_id)
),

final as (
    select
        w.la_code,
        w.period_end,
        w.plan_kind,
        w.child_id,
        w.start_date,
        w.last_seen_date,
        e.working_day_number - s.working_day_number as wd_on_plan,
        date_diff('day', w.start_date, w.period_end) as days_on_plan,
        e.working_day_number - v.working_day_number as wd_since_seen,
        date_diff('day', w.last_seen_date, w.period_end) as days_since_seen,
        coalesce(ch.locality, 'Not recorded') as locality
    from plan_month_visits as w
    join days as e on w.period_end = e.day
    join days as s on w.start_date = s.day
    left join days as v on w.last_seen_date = v.day
    left join int_children__attributes as ch on w.la_code = ch.la_code and w.child_id = ch.child_id
)

select * from final
