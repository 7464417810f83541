-- cl_eet_19_21_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_care_leavers__rolling
-- Rules:
--   [C] Care leavers of the 19-21 cohort in education, employment or training (ACTIV F1, P1, F2, P2,
--   F3, P3, F4, P4, F5, P5) / the cohort.
--   Cohort (int_care_leavers__cohorts) [C]: birthday in the 12 months to period_end (a birthday on the month end counts); excludes DIED, RHOM, care transferred (E3) and 17-18s still looked after on the birthday; NO/REFU/NREQ stay in.
--   History: every collection year the window touches must have OC3 rows loaded (oc3_complete), else null 'insufficient history'.
--   A zero denominator gives a null value with value_note 'no cases' (R11); value is a percentage, unrounded.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns): care leavers whose cohort birthday falls in that month. History for the month: the collection year holding the month has OC3 rows (oc3_month_complete), else null 'insufficient history'. The twelve month_numerators (and month_denominators) of a window sum to its numerator (and denominator); the percentages do not add.
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
        case when oc3_complete then n_19_21_eet end as numerator,
        case when oc3_complete then n_19_21 end as denominator,
        case when oc3_complete and n_19_21 > 0 then 100.0 * n_19_21_eet / n_19_21 end as value,
        case
            when not oc3_complete then 'insufficient history'
            when n_19_21 = 0 then 'no cases'
        end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when oc3_month_complete then m_19_21_eet end as month_numerator,
        case when oc3_month_complete then m_19_21 end as month_denominator,
        case when oc3_month_complete and m_19_21 > 0 then 100.0 * m_19_21_eet / m_19_21 end as month_value,
        case
            when not oc3_month_complete then 'insufficient history'
            when m_19_21 = 0 then 'no cases'
        end as month_value_note
    from source
)

select * from final
