-- cla_starts_uasc_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_cla__flows_rolling
-- Rules:
--   [C] Children starting care in the period who were UASC on the (first) start date / children starting.
--   History: the 12-month window must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11); value is a percentage, unrounded.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   A child counts once in the month, at its first start in the month, UASC on that date: a child who starts
--   in two months of a window counts in each of them and once in the 12 months, so the twelve months of a
--   window (numerator and denominator) can add up to more than it.
--   Figures: percent_of, month_percent_of and history_gap (queries/macros).
with source as (
    select * from int_cla__flows_rolling
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        unnest(percent_of(n_starts_uasc, n_starts, history_gap(cla_flow_history, cla_gap_note))),
        -- the calendar month alone (the single-month figure SPC judges)
        unnest(month_percent_of(m_starts_uasc, m_starts, history_gap(cla_month_history, cla_gap_note)))
    from source
)

select * from final
