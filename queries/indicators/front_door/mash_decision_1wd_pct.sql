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
        case when contacts_flow_history then n_contacts_decided_1wd end as numerator,
        case when contacts_flow_history then n_contacts_decided end as denominator,
        case when contacts_flow_history and n_contacts_decided > 0 then 100.0 * n_contacts_decided_1wd / n_contacts_decided end as value,
        case
            when not contacts_flow_history then coalesce(contacts_gap_note, 'insufficient history')
            when n_contacts_decided = 0 then 'no cases'
        end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when contacts_month_history then m_contacts_decided_1wd end as month_numerator,
        case when contacts_month_history then m_contacts_decided end as month_denominator,
        case when contacts_month_history and m_contacts_decided > 0 then 100.0 * m_contacts_decided_1wd / m_contacts_decided end as month_value,
        case
            when not contacts_month_history then coalesce(contacts_gap_note, 'insufficient history')
            when m_contacts_decided = 0 then 'no cases'
        end as month_value_note
    from source
)

select * from final
