-- Macro month_end_list(first_month, last_date): every month end from first_month to the month of
-- last_date, as a list of dates for `unnest(...)`. The one definition of "the month ends of a calendar",
-- shared by int_calendar__month_ends, int_cla__month_ends, int_local__month_ends, int_coverage__months and
-- int_annexa__snapshot_months.
-- Reads: nothing (a scalar function).
-- Rules: first_month is the first day of the first month (callers truncate: date_trunc('month', ...)); from
-- it, a step of one month at a time up to the first day of last_date's month, each step giving the last day
-- of its month, in order. An empty list when last_date's month is before first_month, null when either is
-- null (unnest then gives no rows). Use: `from bounds, unnest(month_end_list(a, b)) as t(period_end)`.
create or replace macro month_end_list(first_month, last_date) as
    list_transform(
        generate_series(
            cast(first_month as timestamp),
            cast(date_trunc('month', last_date) as timestamp),
            interval 1 month
        ),
        lambda month_start: last_day(cast(month_start as date))
    )
