-- Macro month_ends_between(bounds): every month end from each LA's first month to its last. A table macro:
-- `select * from month_ends_between(my_bounds)` in a view. The one definition of the calendar of month
-- ends a source covers, for an intermediate that builds its own calendar (int_workforce__census_months).
-- Reads: its argument only (a CTE of the calling view).
-- Rules: `bounds` has one row per LA with la_code, first_month and last_month (dates: the first day of
-- the first and of the last month). Output: la_code, period_end, one row for every calendar month from
-- first_month to last_month, both included (period_end = the last day of the month); none where
-- last_month is before first_month.
create or replace macro month_ends_between(bounds) as table
    select
        b.la_code,
        last_day(cast(t.month_start as date)) as period_end
    from query_table(bounds) as b,
        unnest(generate_series(
            cast(b.first_month as timestamp),
            cast(b.last_month as timestamp),
            interval 1 month
        )) as t(month_start)
