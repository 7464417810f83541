-- cla_reviews_on_time_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the year to 31 March).
-- Reads: int_cla__reviews_rolling
-- Rules:
--   [L; timescales from the Care Planning Regulations U] CLA reviews due in the period held on or before
--   the due date / CLA reviews due in the period. Review 1 is due 20 working days after the start of the
--   period of care (R3), review 2 three months after review 1, later reviews six months after the
--   previous one; a review due and never held while the child was in care counts as late. Short breaks
--   are excluded (R6). Periods of care that began before the loaded history: the first review seen is
--   not judged [U: our choice] (see int_cla__reviews_due).
--   History: the 12-month window must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11); value is a percentage, unrounded.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   Each review counts once, in the month it was due: the twelve months of a window add up to it.
--   Figures: percent_of, month_percent_of and history_gap (queries/macros).
with source as (
    select * from int_cla__reviews_rolling
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        unnest(percent_of(n_reviews_on_time, n_reviews_due, history_gap(cla_flow_history, cla_gap_note))),
        -- the calendar month alone (the single-month figure SPC judges)
        unnest(month_percent_of(m_reviews_on_time, m_reviews_due, history_gap(cla_month_history, cla_gap_note)))
    from source
)

select * from final
