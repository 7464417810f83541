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
--   Figures: mean_of, month_mean_of and history_gap (queries/macros).
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
        unnest(mean_of(n_missing_incidents, n_missing_children, history_gap(cla_flow_history, cla_gap_note))),
        -- the calendar month alone (the single-month figure SPC judges)
        unnest(month_mean_of(m_missing_incidents, m_missing_children, history_gap(cla_month_history, cla_gap_note)))
    from source
)

select * from final
