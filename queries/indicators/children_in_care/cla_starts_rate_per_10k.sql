-- cla_starts_rate_per_10k
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_cla__flows_rolling
-- Rules:
--   [C] cla_starts_count / population 0-17 x 10,000.
--   History: the 12-month window must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Rate per 10,000 children aged 0-17 (R4): population = the ONS mid-year estimate chosen by int_cla__month_ends
--   (mid-(YYYY-1) for 31 March YYYY); only the 'all' breakdown. No estimate: null 'no population estimate'.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   The month's rate is the month's starts per 10,000 (not annualised). A child counts once in the month, at
--   its first start in the month: a child who starts in two months of a window counts in each of them and
--   once in the 12 months, so the twelve month numerators can add up to more than the window's.
--   Figures: rate_per_10k_of, month_rate_per_10k_of and history_gap (queries/macros).
with source as (
    select * from int_cla__flows_rolling
    where breakdown = 'all'
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        unnest(rate_per_10k_of(n_starts, population, history_gap(cla_flow_history, cla_gap_note))),
        -- the calendar month alone (the single-month figure SPC judges)
        unnest(month_rate_per_10k_of(m_starts, population, history_gap(cla_month_history, cla_gap_note)))
    from source
)

select * from final
