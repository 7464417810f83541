-- cla_ceased_count
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_cla__flows_rolling
-- Rules:
--   [C] Children who ceased to be looked after in the period (a period of care ending: REC other than X1);
--   a child counts once, at the last occasion in the period (R5). Short breaks (LS V3/V4) are excluded (R6).
--   History: the 12-month window must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Counts put the count in numerator and value; denominator is null (R12).
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   A child counts once in the month, at its last cessation in the month: a child who ceases in two months
--   of a window counts in each of them and once in the 12 months, so the twelve months of a window can add
--   up to more than it.
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
        unnest(count_of(n_ceased, history_gap(cla_flow_history, cla_gap_note))),
        -- the calendar month alone (the single-month figure SPC judges)
        unnest(month_count_of(m_ceased, history_gap(cla_month_history, cla_gap_note)))
    from source
)

select * from final
