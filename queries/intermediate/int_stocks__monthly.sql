-- Grain: one row per LA, month end and breakdown value (la_code, period_end, breakdown, breakdown_value)
-- with every stock measure as at period_end (period_start = period_end: a snapshot). Materialise: table.
-- Reads: int_stocks__deltas, int_calendar__month_ends.
-- Rules: stock at E = running sum of the changes dated at or before E. Changes dated before the first
-- calendar month (records opened before the loaded history and still open at its start, which the
-- returns repeat) are counted in the first month. Every calendar month has a row for every breakdown
-- value the LA ever had, so a group with nothing open shows 0.
with deltas as (
    select * from int_stocks__deltas
),

calendar as (
    select * from int_calendar__month_ends
),

first_months as (
    select la_code, min(period_end) as first_period_end, max(period_end) as last_period_end
    from calendar
    group by la_code
),

dated as (
    -- changes before the calendar's first month all land on it (the running sum starts there)
    select d.* exclude (month_end), greatest(d.month_end, f.first_period_end) as month_end
    from deltas as d
    join first_months as f using (la_code)
    where d.month_end <= f.last_period_end
),

monthly as (
    -- one pass with grouping sets: the 'all' total and one set per breakdown (no row multiplication)
    select
        la_code,
        month_end,
        case
            when grouping(sex_group) = 0 then 'sex'
            when grouping(ethnicity_group) = 0 then 'ethnicity'
            when grouping(disability_group) = 0 then 'disability'
            when grouping(source_group) = 0 then 'referral_source'
            when grouping(locality) = 0 then 'locality'
            when grouping(abuse_category) = 0 then 'abuse_category'
            else 'all'
        end as breakdown,
        case
            when grouping(sex_group) = 0 then sex_group
            when grouping(ethnicity_group) = 0 then ethnicity_group
            when grouping(disability_group) = 0 then disability_group
            when grouping(source_group) = 0 then source_group
            when grouping(locality) = 0 then locality
            when grouping(abuse_category) = 0 then abuse_category
            else 'all'
        end as breakdown_value,
        sum(columns('^n_'))
    from dated
    group by grouping sets (
        (la_code, month_end),
        (la_code, month_end, sex_group),
        (la_code, month_end, ethnicity_group),
        (la_code, month_end, disability_group),
        (la_code, month_end, source_group),
        (la_code, month_end, locality),
        (la_code, month_end, abuse_category)
    )
    -- changes without a value for a breakdown (no abuse category for CIN records) have no row in it
    having breakdown_value is not null
),

groups as (
    select distinct la_code, breakdown, breakdown_value from monthly
    union
    select distinct la_code, 'all', 'all' from calendar
),

grid as (
    select c.la_code, c.period_end, g.breakdown, g.breakdown_value
    from calendar as c
    join groups as g using (la_code)
),

running as (
    select
        grid.la_code,
        grid.period_end,
        grid.breakdown,
        grid.breakdown_value,
        cast(sum(coalesce(columns('^n_'), 0)) over (
            partition by grid.la_code, grid.breakdown, grid.breakdown_value order by grid.period_end
        ) as bigint)
    from grid
    left join monthly
        on grid.la_code = monthly.la_code and grid.period_end = monthly.month_end
        and grid.breakdown = monthly.breakdown and grid.breakdown_value = monthly.breakdown_value
),

final as (
    select
        c.la_code,
        c.period_end as period_start,
        c.period_end,
        r.breakdown,
        r.breakdown_value,
        r.* exclude (la_code, period_end, breakdown, breakdown_value),
        c.cin_stock_history,
        c.cin_gap_note,
        c.population_year,
        c.population
    from running as r
    join calendar as c using (la_code, period_end)
)

select * from final
