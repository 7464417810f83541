-- cpp_second_subsequent_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_flows__rolling
-- Rules:
--   [C LAIT] CP plans starting in the period where the child had any earlier CP plan, however long ago
--   (an earlier plan in the loaded history or NumberOfPreviousCPP > 0) / plans starting in the period
--   (each occasion). A year of history before the window is required so that earlier plans are seen.
--   History: the window and the 12 months before it must lie inside the loaded CIN history (R10); before that numerator, denominator and value are null, value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
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
        case when cin_prior_year_history then n_cpp_second_subsequent end as numerator,
        case when cin_prior_year_history then n_cpp_starts end as denominator,
        case when cin_prior_year_history and n_cpp_starts > 0 then 100.0 * n_cpp_second_subsequent / n_cpp_starts end as value,
        case
            when not cin_prior_year_history then coalesce(cin_gap_note, 'insufficient history')
            when n_cpp_starts = 0 then 'no cases'
        end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when cin_month_prior_year_history then m_cpp_second_subsequent end as month_numerator,
        case when cin_month_prior_year_history then m_cpp_starts end as month_denominator,
        case when cin_month_prior_year_history and m_cpp_starts > 0 then 100.0 * m_cpp_second_subsequent / m_cpp_starts end as month_value,
        case
            when not cin_month_prior_year_history then coalesce(cin_gap_note, 'insufficient history')
            when m_cpp_starts = 0 then 'no cases'
        end as month_value_note
    from source
)

select * from final
