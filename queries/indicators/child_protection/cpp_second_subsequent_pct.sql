-- cpp_second_subsequent_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_flows__rolling
-- Rules:
--   [C LAIT] CP plans starting in the period where the child had any earlier CP plan, however long ago
--   (an earlier plan in the loaded history or NumberOfPreviousCPP > 0) / plans starting in the period
--   (each occasion). A year of history before the window is required so that earlier plans are seen.
--   History: the window and the 12 months before it must lie inside the loaded CIN history (R10); before that numerator, denominator and value are null, value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11). value is a percentage, unrounded.
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
        end as value_note
    from source
)

select * from final
