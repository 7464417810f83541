-- contact_to_referral_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end.
-- Reads: int_flows__rolling
-- Rules:
--   [L] Contacts in the period with Contact Outcome REFERRAL / contacts in the period.
--   Without outcomes (no contact in the window has one: the optional column is not loaded) the measure
--   falls back to referrals in the period / contacts in the period, and value_note says
--   'ratio: referrals to contacts' so it is never read as the outcome-based percentage.
--   History: the window must lie inside the loaded contacts history (and, for the fallback, the CIN
--   history) (R10); before that numerator, denominator and value are null, value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11). value is a percentage.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   Figures: flow_figure_rows with percent_of, month_percent_of and history_gap (queries/macros); the fallback's note is added to theirs.
with source as (
    select * from int_flows__rolling
),

chosen as (
    select
        *,
        n_contacts_with_outcome > 0 as has_outcomes,
        case when n_contacts_with_outcome > 0 then n_contacts_to_referral else n_referrals end as referrals,
        contacts_flow_history and (n_contacts_with_outcome > 0 or cin_flow_history) as has_history,
        -- the same choices for the calendar month alone: outcomes are used when the 12-month window has
        -- them, so a month and its window never mix the two ratios
        case when n_contacts_with_outcome > 0 then m_contacts_to_referral else m_referrals end as month_referrals,
        contacts_month_history and (n_contacts_with_outcome > 0 or cin_month_history) as month_has_history,
        case when not has_outcomes then 'ratio: referrals to contacts' end as ratio_note
    from source
),

figures as (
    select
        *,
        percent_of(referrals, n_contacts, history_gap(has_history, contacts_gap_note)) as window_pct,
        month_percent_of(month_referrals, m_contacts, history_gap(month_has_history, contacts_gap_note)) as month_pct
    from chosen
),

final as (
    -- a figure that stands (no gap, some contacts) from the fallback says so in its note
    select * from flow_figure_rows(
        figures,
        struct_update(window_pct, value_note := coalesce(window_pct.value_note, ratio_note)),
        -- the calendar month alone (the single-month figure SPC judges)
        struct_update(month_pct, month_value_note := coalesce(month_pct.month_value_note, ratio_note))
    )
)

select * from final
