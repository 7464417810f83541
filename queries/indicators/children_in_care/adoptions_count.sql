-- adoptions_count
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_cla__flows_rolling
-- Rules:
--   [C] Children whose period of care ended in the period with REC E11 or E12 (adopted).
--   History: the 12-month window must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Counts put the count in numerator and value; denominator is null (R12).
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   Children adopted in the month: the twelve months of a window add up to it unless a child was adopted
--   in two months of one window (a child counts once per window).
--   Figures: count_of, month_count_of and history_gap (queries/macros).
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
        unnest(count_of(n_adoptions, history_gap(cla_flow_history, cla_gap_note))),
        -- the calendar month alone (the single-month figure SPC judges)
        unnest(month_count_of(m_adoptions, history_gap(cla_month_history, cla_gap_note)))
    from source
)

select * from final
