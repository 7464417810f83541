-- cla_new_placements_outside_la_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_cla__flows_rolling
-- Rules:
--   [C] Placements (R8) starting in the period outside the LA boundary (any distance) / all placements starting.
--   History: the 12-month window must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11); value is a percentage, unrounded.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   Each placement counts once, in the month it starts: the twelve months of a window add up to it.
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
        case when cla_flow_history then n_new_placements_outside end as numerator,
        case when cla_flow_history then n_new_placements end as denominator,
        case when cla_flow_history and n_new_placements > 0 then 100.0 * n_new_placements_outside / n_new_placements end as value,
        case
            when not cla_flow_history then coalesce(cla_gap_note, 'insufficient history')
            when n_new_placements = 0 then 'no cases'
        end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when cla_month_history then m_new_placements_outside end as month_numerator,
        case when cla_month_history then m_new_placements end as month_denominator,
        case when cla_month_history and m_new_placements > 0 then 100.0 * m_new_placements_outside / m_new_placements end as month_value,
        case
            when not cla_month_history then coalesce(cla_gap_note, 'insufficient history')
            when m_new_placements = 0 then 'no cases'
        end as month_value_note
    from source
)

select * from final
