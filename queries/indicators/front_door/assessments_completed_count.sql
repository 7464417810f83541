-- assessments_completed_count
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_flows__rolling
-- Rules:
--   [C] Assessments with AssessmentAuthorisationDate in the period.
--   History: the 12-month window must lie inside the loaded CIN history (R10); before that numerator and value are null with value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Counts put the count in numerator and value; denominator is null (R12).
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
with source as (
    select * from int_flows__rolling
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        case when cin_flow_history then n_assessments_completed end as numerator,
        cast(null as bigint) as denominator,
        case when cin_flow_history then cast(n_assessments_completed as double) end as value,
        case when not cin_flow_history then coalesce(cin_gap_note, 'insufficient history') end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when cin_month_history then m_assessments_completed end as month_numerator,
        cast(null as bigint) as month_denominator,
        case when cin_month_history then cast(m_assessments_completed as double) end as month_value,
        case when not cin_month_history then coalesce(cin_gap_note, 'insufficient history') end as month_value_note
    from source
)

select * from final
