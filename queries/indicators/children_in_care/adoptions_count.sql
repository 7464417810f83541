-- adoptions_count
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_cla__flows_rolling
-- Rules:
--   [C] Children whose period of care ended in the period with REC E11 or E12 (adopted).
--   History: the 12-month window must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Counts put the count in numerator and value; denominator is null (R12).
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   Children adopted in the month: the twelve months of a window add up to it unless a child was adopted
--   in two months of one window (a child counts once per window).
with source as (
    select * from int_cla__flows_rolling
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        case when cla_flow_history then n_adoptions end as numerator,
        cast(null as bigint) as denominator,
        case when cla_flow_history then cast(n_adoptions as double) end as value,
        case when not cla_flow_history then coalesce(cla_gap_note, 'insufficient history') end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when cla_month_history then m_adoptions end as month_numerator,
        cast(null as bigint) as month_denominator,
        case when cla_month_history then cast(m_adoptions as double) end as month_value,
        case when not cla_month_history then coalesce(cla_gap_note, 'insufficient history') end as month_value_note
    from source
)

select * from final
