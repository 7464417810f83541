-- cla_outside_la_over_20_miles_pct
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_cla__stocks_monthly
-- Rules:
--   [C LAIT] Children looked after at period_end placed outside the LA boundary and more than 20 miles from
--   home / children looked after at period_end. Distance per int_geo__placement_distances (PL_DISTANCE
--   when given, else the DfE formula on sector/district centroids, 1 dp): 20.0 is not over 20, 20.1 is.
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
        unnest(percent_of(n_outside_over_20, n_cla, history_gap(cla_stock_history, cla_gap_note)))
    from source
)

select * from final
