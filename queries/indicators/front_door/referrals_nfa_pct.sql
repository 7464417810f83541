-- referrals_nfa_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_flows__rolling
-- Rules:
--   [C] Referrals in the period with ReferralNFA true / referrals in the period.
--   History: the 12-month window must lie inside the loaded CIN history (R10); before that numerator, denominator and value are null, value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
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
        case when cin_flow_history then n_referrals_nfa end as numerator,
        case when cin_flow_history then n_referrals end as denominator,
        case when cin_flow_history and n_referrals > 0 then 100.0 * n_referrals_nfa / n_referrals end as value,
        case
            when not cin_flow_history then coalesce(cin_gap_note, 'insufficient history')
            when n_referrals = 0 then 'no cases'
        end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when cin_month_history then m_referrals_nfa end as month_numerator,
        case when cin_month_history then m_referrals end as month_denominator,
        case when cin_month_history and m_referrals > 0 then 100.0 * m_referrals_nfa / m_referrals end as month_value,
        case
            when not cin_month_history then coalesce(cin_gap_note, 'insufficient history')
            when m_referrals = 0 then 'no cases'
        end as month_value_note
    from source
)

select * from final
