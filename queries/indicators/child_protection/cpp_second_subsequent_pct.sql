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
--   Figures: flow_figure_rows with percent_of, month_percent_of and history_gap (queries/macros).
with final as (
    select * from flow_figure_rows(
        int_flows__rolling,
        percent_of(n_cpp_second_subsequent, n_cpp_starts, history_gap(cin_prior_year_history, cin_gap_note)),
        -- the calendar month alone (the single-month figure SPC judges)
        month_percent_of(m_cpp_second_subsequent, m_cpp_starts, history_gap(cin_month_prior_year_history, cin_gap_note))
    )
)

select * from final
