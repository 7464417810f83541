-- cla_missing_incidents_per_child
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_cla__flows_rolling
-- Rules:
--   [C] Missing ('M') episodes overlapping the period of children looked after in it / children with at
--   least one such episode.
--   History: the 12-month window must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11); value is a ratio, unrounded.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   Missing episodes overlapping the month of children looked after in it / those children: an episode
--   across a month end counts in both months, and a child missing in two months is in both denominators,
--   so the twelve months do not add up to the 12 months.
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
        case when cla_flow_history then n_missing_incidents end as numerator,
        case when cla_flow_history then n_missing_children end as denominator,
        case when cla_flow_history and n_missing_children > 0 then 1.0 * n_missing_incidents / n_missing_children end as value,
        case
            when not cla_flow_history then coalesce(cla_gap_note, 'insufficient history')
            when n_missing_children = 0 then 'no cases'
        end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when cla_month_history then m_missing_incidents end as month_numerator,
        case when cla_month_history then m_missing_children end as month_denominator,
        case when cla_month_history and m_missing_children > 0 then 1.0 * m_missing_incidents / m_missing_children end as month_value,
        case
            when not cla_month_history then coalesce(cla_gap_note, 'insufficient history')
            when m_missing_children = 0 then 'no cases'
        end as month_value_note
    from source
)

select * from final
