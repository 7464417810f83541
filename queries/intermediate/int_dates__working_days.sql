-- Grain: one row per calendar day from 2000-01-01 to 2035-12-31 (day).
-- Reads: stg_ref__bank_holidays. Materialise: table (read by every working-day measure).
-- Rules: rule R3 of domain/indicators.md in one place. A working day is Monday-Friday and not an
-- England and Wales bank holiday. working_day_number counts working days up to and including `day`, so
-- wd(start, end) = number(end) - number(start) = working days d with start < d <= end: the start day is
-- day 0 and the next working day is day 1 (DfE duration bands "same day", "1-10 days", ...).
-- "Within 45 working days" is then wd <= 45. Bank holidays outside 2012-2030 are not known (weekdays only).
with holidays as (
    select holiday_date from stg_ref__bank_holidays
),

days as (
    select cast(range as date) as day
    from range(date '2000-01-01', date '2036-01-01', interval 1 day)
),

flagged as (
    select
        days.day,
        isodow(days.day) <= 5 and holidays.holiday_date is null as is_working_day
    from days
    left join holidays on days.day = holidays.holiday_date
),

final as (
    select
        day,
        is_working_day,
        cast(sum(case when is_working_day then 1 else 0 end) over (order by day) as integer)
            as working_day_number
    from flagged
)

select * from final
