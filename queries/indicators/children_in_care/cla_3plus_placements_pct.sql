-- cla_3plus_placements_pct
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_cla__stocks_monthly
-- Rules:
--   [C LAIT] Children looked after at period_end with 3 or more placements in the 12 months to it / children
--   looked after at period_end. Placements per R8 (int_cla__episodes): a placement open on the window's first
--   day and the one open at period_end count; placing for adoption with the current foster carer (T/U into
--   A3/A5) is not a new placement; a legal-status-only change (L) never is; a temporary move (T0-T4) and the
--   return to the same placement are one placement [U: our rule, stated in indicators.md R8].
--   History: the 12 months before period_end must lie inside the loaded history (R10).
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
        unnest(percent_of(n_3plus_12m, n_cla, history_gap(cla_flow_history, cla_gap_note)))
    from source
)

select * from final
