-- cin_visits_in_timescale_pct
-- Grain: one row per LA, month end and breakdown value ('all', locality); stock as at period_end.
-- Reads: int_visits__plan_months, int_calendar__month_ends
-- Rules:
--   [L] Children on a CIN plan at period_end for at least 20 working days (wd(plan start, date) >= 20)
--   whose latest CIN visit with the child seen is within 20 working days (wd(visit, date) <= 20) / those
--   children. R3 working days. Plans' own visit frequencies are not in the returns, so 20 working days
--   applies to all.
--   Computed only where the optional visits file is loaded and from its first month: other month ends
--   are null with value_note 'insufficient history'. No child in the cohort: null, 'no cases' (R11).
with plan_months as (
    select * from int_visits__plan_months
    where plan_kind = 'CIN' and wd_on_plan >= 20
),

calendar as (
    select * from int_calendar__month_ends
),

long as (
    select la_code, period_end, pair.breakdown, pair.breakdown_value, in_time
    from (
        select
            *,
            coalesce(wd_since_seen <= 20, false) as in_time,
            unnest([
                {'breakdown': 'all', 'breakdown_value': 'all'},
                {'breakdown': 'locality', 'breakdown_value': locality}
            ]) as pair
        from plan_months
    )
),

counted as (
    select la_code, period_end, breakdown, breakdown_value,
        count(*) filter (where in_time) as n_in_time, count(*) as n_children
    from long
    group by all
),

all_rows as (
    select c.la_code, c.period_end as period_start, c.period_end, 'all' as breakdown, 'all' as breakdown_value,
        c.visits_stock_history as has_history
    from calendar as c
    union
    select c.la_code, c.period_end as period_start, c.period_end, k.breakdown, k.breakdown_value, c.visits_stock_history
    from counted as k
    join calendar as c using (la_code, period_end)
),

final as (
    select
        r.la_code,
        r.period_start,
        r.period_end,
        r.breakdown,
        r.breakdown_value,
        case when r.has_history then coalesce(k.n_in_time, 0) end as numerator,
        case when r.has_history then coalesce(k.n_children, 0) end as denominator,
        case when r.has_history and k.n_children > 0 then 100.0 * k.n_in_time / k.n_children end as value,
        case
            when not r.has_history then 'insufficient history'
            when coalesce(k.n_children, 0) = 0 then 'no cases'
        end as value_note
    from all_rows as r
    left join counted as k using (la_code, period_end, breakdown, breakdown_value)
)

select * from final
