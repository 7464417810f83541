-- contacts_count
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_flows__rolling
-- Rules:
--   [L] Contacts with Date of Contact in the period (Annex A list 1); one per Contact ID, or per
--   (child, date, source) without one (the loader's key).
--   Breakdowns: age band, sex, ethnicity from the contact row; contact source; disability and locality by child id.
--   History: the 12-month window must lie inside the loaded contacts history (R10); before that numerator and value are null with value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
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
        case when contacts_flow_history then n_contacts end as numerator,
        cast(null as bigint) as denominator,
        case when contacts_flow_history then cast(n_contacts as double) end as value,
        case when not contacts_flow_history then coalesce(contacts_gap_note, 'insufficient history') end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when contacts_month_history then m_contacts end as month_numerator,
        cast(null as bigint) as month_denominator,
        case when contacts_month_history then cast(m_contacts as double) end as month_value,
        case when not contacts_month_history then coalesce(contacts_gap_note, 'insufficient history') end as month_value_note
    from source
)

select * from final
