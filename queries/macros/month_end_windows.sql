-- Macro month_end_windows(months): the month ends of a calendar with their windows and population. A table
-- macro: `select * from month_end_windows(months)` in a view. The one definition of a calendar row's
-- 12-month window and of its population year (R4), shared by int_calendar__month_ends,
-- int_cla__month_ends and int_local__month_ends.
-- Reads: its argument (a CTE of the calling view with la_code and period_end columns) and
-- stg_ref__population.
-- Rules: month_start = the first day of period_end's month (single-month figures); period_start = the
-- first day of the 12-month window ending at period_end (R2); wanted_population_year = the year of the
-- latest ONS mid-year (30 June) estimate at least 9 months before period_end (for 31 March YYYY:
-- mid-(YYYY-1), as DfE does); population_year and population (age_0_17) = that estimate, else the latest
-- earlier one loaded (null when none is).
-- Output, in this order: every column of `months`, month_start, period_start, wanted_population_year,
-- population_year, population.
create or replace macro month_end_windows(months) as table
    with windows as (
        select
            *,
            cast(date_trunc('month', period_end) as date) as month_start,
            cast(date_trunc('month', period_end - interval 11 month) as date) as period_start,
            year(period_end - interval 9 month)
                - case when month(period_end - interval 9 month) < 6
                    or (month(period_end - interval 9 month) = 6 and day(period_end - interval 9 month) < 30)
                    then 1 else 0 end as wanted_population_year
        from query_table(months)
    )

    select w.*, p.population_year, p.age_0_17 as population
    from windows as w
    asof left join stg_ref__population as p
        on w.la_code = p.la_code and w.wanted_population_year >= p.population_year
