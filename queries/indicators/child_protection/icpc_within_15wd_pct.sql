-- icpc_within_15wd_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_flows__rolling
-- Rules:
--   [C] ICPCs in the period with wd(S47ActualStartDate, DateOfInitialCPC) <= 15 / ICPCs in the period
--   with both dates. An ICPC dated before its S47 start, or with no S47, leaves the ratio [C: DfE C4
--   notes]. R3: start day = day 0, so a conference on working day 15 is in time and on day 16 is not.
--   History: the 12-month window must lie inside the loaded CIN history (R10); before that numerator, denominator and value are null, value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11). value is a percentage, unrounded.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   Figures: flow_figure_rows with percent_of, month_percent_of and history_gap (queries/macros).
with final as (
    select * from flow_figure_rows(
        int_flows__rolling,
        percent_of(n_icpcs_15wd, n_icpcs_with_s47, history_gap(cin_flow_history, cin_gap_note)),
        -- the calendar month alone (the single-month figure SPC judges)
        month_percent_of(m_icpcs_15wd, m_icpcs_with_s47, history_gap(cin_month_history, cin_gap_note))
    )
)

select * from final
