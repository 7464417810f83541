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
        case when cla_flow_history then n_starts_uasc end as numerator,
        case when cla_flow_history then n_starts end as denominator,
        case when cla_flow_history and n_starts > 0 then 100.0 * n_starts_uasc / n_starts end as value,
        case
            when not cla_flow_history then coalesce(cla_gap_note, 'insufficient history')
            when n_starts = 0 then 'no cases'
        end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when cla_month_history then m_starts_uasc end as month_numerator,
        case when cla_month_history then m_starts end as month_denominator,
        case when cla_month_history and m_starts > 0 then 100.0 * m_starts_uasc / m_starts end as month_value,
        case
            when not cla_month_history then coalesce(cla_gap_note, 'insufficient history')
            when m_starts = 0 then 'no cases'
        end as month_value_note
    from source
)

select * from final
