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
with source as (
    select * from int_flows__rolling
    where breakdown = 'all'
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        case when cin_flow_history then n_s47s end as numerator,
        case when cin_flow_history then population end as denominator,
        case when cin_flow_history and population > 0 then 10000.0 * n_s47s / population end as value,
        case
            when not cin_flow_history then coalesce(cin_gap_note, 'insufficient history')
            when coalesce(population, 0) = 0 then 'no population estimate'
        end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when cin_month_history then m_s47s end as month_numerator,
        case when cin_month_history then population end as month_denominator,
        case when cin_month_history and population > 0 then 10000.0 * m_s47s / population end as month_value,
        case
            when not cin_month_history then coalesce(cin_gap_note, 'insufficient history')
            when coalesce(population, 0) = 0 then 'no population estimate'
        end as month_value_note
    from source
)

select * from final
