-- cla_over_20_miles_pct
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_cla__stocks_monthly
-- Rules:
--   [L: Dorset's variant] Children looked after at period_end placed more than 20 miles from home / children
--   looked after at period_end whose distance is known (999.9 and missing postcodes excluded).
--   History: the month end must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11); value is a percentage, unrounded.
with source as (
    select * from int_cla__stocks_monthly
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        case when cla_stock_history then n_over_20 end as numerator,
        case when cla_stock_history then n_distance_known end as denominator,
        case when cla_stock_history and n_distance_known > 0 then 100.0 * n_over_20 / n_distance_known end as value,
        case
            when not cla_stock_history then coalesce(cla_gap_note, 'insufficient history')
            when n_distance_known = 0 then 'no cases'
        end as value_note
    from source
)

select * from final
