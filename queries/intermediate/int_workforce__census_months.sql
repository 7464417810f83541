-- Grain: one row per LA and workforce month end (la_code, period_end) with the latest CSWW census on or before
-- that month end (census_date; null before the LA's first census).
-- Reads: int_workforce__components (its month ends), int_workforce__census.
-- Rules:
--   Month ends: every month end from the LA's first to its last workforce month end, whichever source gives
--   it (the monthly extract's month ends and the census dates), so a census-only LA gets the months between
--   its censuses too.
--   The months between the bounds: the macro month_ends_between (queries/macros).
--   The census is annual (snapshot at 30 September [C]): a month end carries the components of the latest
--   census dated on or before it, whether or not the monthly extract covers the same month (unlike
--   int_workforce__components, where the monthly extract wins). For measures the monthly extract cannot
--   give (the ASYE share needs the employed headcount). census_date and collection_year say which census.
--   period_start: the first day of the 12 months to period_end, as in int_workforce__components.
--   breakdown and breakdown_value: 'all' (the census has no teams), as the indicator contract names them.
with components as (
    select * from int_workforce__components
),

census as (
    select * from int_workforce__census
),

month_ends as (
    select la_code, period_end from components
    union
    select la_code, census_date from census
),

bounds as (
    select
        la_code,
        cast(date_trunc('month', min(period_end)) as date) as first_month,
        cast(date_trunc('month', max(period_end)) as date) as last_month
    from month_ends
    group by la_code
),

months as (
    select * from month_ends_between(bounds)
),

final as (
    select
        m.la_code,
        cast(date_trunc('month', m.period_end - interval 11 month) as date) as period_start,
        m.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        c.census_date,
        c.collection_year,
        c.inpost_fte,
        c.starters_fte,
        c.leavers_fte,
        c.agency_fte,
        c.vacancy_fte,
        c.cases,
        c.case_holders_fte,
        c.working_days_lost,
        c.asye_headcount,
        c.headcount
    from months as m
    asof left join census as c
        on m.la_code = c.la_code and m.period_end >= c.census_date
)

select * from final
