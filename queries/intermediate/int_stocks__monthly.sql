-- Grain: one row per LA, month end and breakdown value (la_code, period_end, breakdown, breakdown_value)
-- with every stock measure as at period_end (period_start = period_end: a snapshot). Materialise: table.
-- Reads: int_stocks__deltas, int_calendar__month_ends.
-- Rules: stock at E = running sum of the changes dated at or before E. Changes dated before the first
-- calendar month (records opened before the loaded history and still open at its start, which the
-- returns repeat) are counted in the first month. Every calendar month has a row for every breakdown
-- value the LA ever had, so a group with nothing open shows 0.
-- Shared: the rows per breakdown value come from the macro breakdown_rows, the rows of every month end
-- (0 when empty, and an 'all' row) from every_month_end (queries/macros).
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
    -- the changes of each month in one pass with grouping sets: the 'all' total and one set per breakdown
    -- (no row multiplication), each breakdown a by_ column (see breakdown_rows); changes without a value
    -- for a breakdown (no abuse category for CIN records) are no row of it
    select
        la_code,
        month_end as period_end,
        'all' as by_all, sex_group as by_sex, ethnicity_group as by_ethnicity,
        disability_group as by_disability, source_group as by_referral_source, locality as by_locality,
        abuse_category as by_abuse_category,
        sum(columns('^n_'))
    from dated
    group by la_code, month_end, grouping sets (
        (by_all), (by_sex), (by_ethnicity), (by_disability), (by_referral_source), (by_locality),
        (by_abuse_category)
    )
),

by_breakdown as (
    select * from breakdown_rows(monthly)
),

month_ends as (
    -- a stock: period_start = period_end (the month end is a snapshot)
    select la_code, period_end as period_start, period_end, cin_stock_history, cin_gap_note, population_year,
        population
    from calendar
),

final as (
    -- every month end has a row for every group the LA ever had (every_month_end), so a group with
    -- nothing open shows 0; the stock is the running sum of the changes
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        cast(sum(columns('^n_')) over (
            partition by la_code, breakdown, breakdown_value order by period_end
        ) as bigint),
        cin_stock_history,
        cin_gap_note,
        population_year,
        population
    from every_month_end(by_breakdown, month_ends)
)

select * from final
