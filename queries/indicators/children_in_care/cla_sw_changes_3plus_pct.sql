-- cla_sw_changes_3plus_pct
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_cla__stocks_monthly
-- Rules:
--   [C] Children looked after at period_end with 3 or more distinct social workers (SW_ID) whose allocation
--   overlaps the 12 months to period_end (a worker counts once: A -> B -> A is 2) / children looked after
--   at period_end. History: the 12 months must lie inside the sw_episodes history (from 2023-24), else null.
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
        unnest(percent_of(n_sw_3plus, n_cla, history_gap(sw_history, cla_gap_note)))
    from source
)

select * from final
