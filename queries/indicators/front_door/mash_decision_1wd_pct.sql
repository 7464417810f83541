-- mash_decision_1wd_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_flows__rolling
-- Rules:
--   [L] Contacts decided in the period (by the date of Decision Date Time) with the decision no later than
--   receipt + 1 working day (R3 working days; same clock time on the next working day) / contacts decided
--   in the period. Needs the optional Decision Date Time column; without it there are no cases.
--   History: the 12-month window must lie inside the loaded contacts history (R10); before that numerator, denominator and value are null, value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11). value is a percentage, unrounded.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   Figures: flow_figure_rows with percent_of, month_percent_of and history_gap (queries/macros).
with final as (
    select * from flow_figure_rows(
        int_flows__rolling,
        percent_of(n_contacts_decided_1wd, n_contacts_decided, history_gap(contacts_flow_history, contacts_gap_note)),
        -- the calendar month alone (the single-month figure SPC judges)
        month_percent_of(m_contacts_decided_1wd, m_contacts_decided, history_gap(contacts_month_history, contacts_gap_note))
    )
)

select * from final
