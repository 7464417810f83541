-- assessments_completed_count
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_flows__rolling
-- Rules:
--   [C] Assessments with AssessmentAuthorisationDate in the period.
--   History: the 12-month window must lie inside the loaded CIN history (R10); before that numerator and value are null with value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Counts put the count in numerator and value; denominator is null (R12).
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   Figures: flow_figure_rows with count_of, month_count_of and history_gap (queries/macros).
with final as (
    select * from flow_figure_rows(
        int_flows__rolling,
        count_of(n_assessments_completed, history_gap(cin_flow_history, cin_gap_note)),
        -- the calendar month alone (the single-month figure SPC judges)
        month_count_of(m_assessments_completed, history_gap(cin_month_history, cin_gap_note))
    )
)

select * from final
