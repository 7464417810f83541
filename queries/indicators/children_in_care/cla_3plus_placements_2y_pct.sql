-- cla_3plus_placements_2y_pct
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_cla__stocks_monthly
-- Rules:
--   [C] Children looked after at period_end who have been looked after continuously for 2 years or more
--   (period of care started on or before period_end - 24 months) with 3 or more placements (R8) in the 24
--   months to period_end / those children. History: 24 months inside the loaded history (R10).
--   Outside what the loaded SSDA903 returns cover: null with the calendar's 'no SSDA903 return covers this month'.
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
        unnest(percent_of(n_la_2y_3plus, n_la_2y, history_gap(cla_2y_history, cla_gap_note)))
    from source
)

select * from final
