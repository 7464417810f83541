-- cl_19_21_cohort_count
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_care_leavers__rolling
-- Rules:
--   [C] Care leavers whose 19th, 20th or 21st birthday fell in the period (the OC3 cohort, denominator of the care-leaver percentages).
--   Cohort (int_care_leavers__cohorts) [C]: birthday in the 12 months to period_end (a birthday on the month end counts); excludes DIED, RHOM, care transferred (E3) and 17-18s still looked after on the birthday; NO/REFU/NREQ stay in.
--   History: every collection year the window touches must have OC3 rows loaded (oc3_complete), else null 'insufficient history'.
--   Counts put the count in numerator and value; denominator is null (R12).
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
        case when oc3_complete then n_19_21 end as numerator,
        cast(null as bigint) as denominator,
        case when oc3_complete then cast(n_19_21 as double) end as value,
        case when not oc3_complete then 'insufficient history' end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when oc3_month_complete then m_19_21 end as month_numerator,
        cast(null as bigint) as month_denominator,
        case when oc3_month_complete then cast(m_19_21 as double) end as month_value,
        case when not oc3_month_complete then 'insufficient history' end as month_value_note
    from source
)

select * from final
