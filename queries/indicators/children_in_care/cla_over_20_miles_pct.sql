-- cla_over_20_miles_pct
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_cla__stocks_monthly
-- Rules:
--   [L: Dorset's variant] Children looked after at period_end placed more than 20 miles from home / children
--   looked after at period_end whose distance is known (999.9 and missing postcodes excluded).
--   History: the month end must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11); value is a percentage, unrounded.
--   Figures: percent_of and history_gap (queries/macros).
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
        unnest(percent_of(n_over_20, n_distance_known, history_gap(cla_stock_history, cla_gap_note)))
    from source
)

select * from final
