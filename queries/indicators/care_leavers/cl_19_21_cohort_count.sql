-- cl_19_21_cohort_count
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_care_leavers__rolling
-- Rules:
--   [C] Care leavers whose 19th, 20th or 21st birthday fell in the period (the OC3 cohort, denominator of the care-leaver percentages).
--   Cohort (int_care_leavers__cohorts) [C]: birthday in the 12 months to period_end (a birthday on the month end counts); excludes DIED, RHOM, care transferred (E3) and 17-18s still looked after on the birthday; NO/REFU/NREQ stay in.
--   History: every collection year the window touches must have OC3 rows loaded (oc3_complete), else null 'insufficient history'.
--   Counts put the count in numerator and value; denominator is null (R12).
--   Figures: count_of and month_count_of (queries/macros) apply these rules; history_gap gives the history reason.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns): care leavers whose cohort birthday falls in that month. History for the month: the collection year holding the month has OC3 rows (oc3_month_complete), else null 'insufficient history'. The twelve month_numerators of a window sum to its numerator.
with source as (
    select * from int_care_leavers__rolling
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        unnest(count_of(n_19_21, history_gap(oc3_complete, null))),
        -- the calendar month alone (the single-month figure SPC judges)
        unnest(month_count_of(m_19_21, history_gap(oc3_month_complete, null)))
    from source
)

select * from final
