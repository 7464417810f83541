-- cpp_ended_under_3m_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_flows__rolling
-- Rules:
--   [C DfE D7 band] CP plans ending in the period that lasted 3 months or less (end <= start + 3
--   calendar months) / plans ending in the period.
--   History: the 12-month window must lie inside the loaded CIN history (R10); before that numerator, denominator and value are null, value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11). value is a percentage, unrounded.
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
        case when cin_flow_history then n_cpp_ended_under_3m end as numerator,
        case when cin_flow_history then n_cpp_ends end as denominator,
        case when cin_flow_history and n_cpp_ends > 0 then 100.0 * n_cpp_ended_under_3m / n_cpp_ends end as value,
        case
            when not cin_flow_history then coalesce(cin_gap_note, 'insufficient history')
            when n_cpp_ends = 0 then 'no cases'
        end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when cin_month_history then m_cpp_ended_under_3m end as month_numerator,
        case when cin_month_history then m_cpp_ends end as month_denominator,
        case when cin_month_history and m_cpp_ends > 0 then 100.0 * m_cpp_ended_under_3m / m_cpp_ends end as month_value,
        case
            when not cin_month_history then coalesce(cin_gap_note, 'insufficient history')
            when m_cpp_ends = 0 then 'no cases'
        end as month_value_note
    from source
)

select * from final
