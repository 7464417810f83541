-- s47_rate_per_10k
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_flows__rolling
-- Rules:
--   [C] S47 enquiries in the 12 months / population aged 0-17 x 10,000.
--   Rate per 10,000 children aged 0-17 (R4): the population is the ONS mid-year estimate chosen by
--   int_calendar__month_ends (mid-(YYYY-1) for a period ending 31 March YYYY); denominator = that population.
--   Only the 'all' breakdown: there are no populations for the breakdown groups.
--   History: the 12-month window must lie inside the loaded CIN history (R10); before that the value is null with value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   No population estimate loaded for the LA: value null, value_note 'no population estimate'.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   Figures: flow_rate_per_10k_rows (the 'all' rows, via flow_figure_rows) with rate_per_10k_of, month_rate_per_10k_of and history_gap (queries/macros).
with final as (
    select * from flow_rate_per_10k_rows(
        int_flows__rolling,
        n_s47s, history_gap(cin_flow_history, cin_gap_note),
        -- the calendar month alone (the single-month figure SPC judges)
        m_s47s, history_gap(cin_month_history, cin_gap_note)
    )
)

select * from final
