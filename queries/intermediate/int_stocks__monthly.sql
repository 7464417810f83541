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

cells as (
    -- changes with the same month and groups added up before the breakdowns multiply the rows; changes
    -- before the calendar's first month all land on it (the running sum starts there)
    select
        d.la_code,
        greatest(d.month_end, f.first_period_end) as month_end,
        d.sex_group,
        d.ethnicity_group,
        d.disability_group,
        d.source_group,
        d.locality,
        d.abuse_category,
        sum(columns('^n_'))
    from deltas as d
    join first_months as f using (la_code)
    where d.month_end <= f.last_period_end
    group by all
),

long as (
    select
        la_code,
        month_end,
        pair.breakdown,
        pair.breakdown_value,
        columns('^n_')
    from (
        select
            *,
            unnest([
                {'breakdown': 'all', 'breakdown_value': 'all'},
                {'breakdown': 'sex', 'breakdown_value': sex_group},
                {'breakdown': 'ethnicity', 'breakdown_value': ethnicity_group},
                {'breakdown': 'disability', 'breakdown_value': disability_group},
                {'breakdown': 'referral_source', 'breakdown_value': source_group},
                {'breakdown': 'locality', 'breakdown_value': locality},
                {'breakdown': 'abuse_category', 'breakdown_value': abuse_category}
            ]) as pair
        from cells
    )
    where pair.breakdown_value is not null
),

monthly as (
    select la_code, month_end, breakdown, breakdown_value, sum(columns('^n_'))
    from long
    group by all
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
        c.population_year,
        c.population
    from running as r
    join calendar as c using (la_code, period_end)
)

select * from final
