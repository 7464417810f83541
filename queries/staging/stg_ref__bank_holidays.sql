-- Grain: one row per England and Wales bank holiday (holiday_date).
-- Reads: ref_bank_holidays (from data/reference/bank_holidays.csv, checked against the holidays
-- package in tests). Rules: weekend dates are dropped (they are never working days anyway).
with source as (
    select * from ref_bank_holidays
),

final as (
    select distinct holiday_date
    from source
    where isodow(holiday_date) <= 5
)

select * from final
