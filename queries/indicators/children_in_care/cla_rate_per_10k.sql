-- cla_rate_per_10k
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_cla__stocks_monthly
-- Rules:
--   [C] cla_count / population 0-17 x 10,000. Short breaks (LS V3/V4) are excluded (R6).
--   History: the month end must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Rate per 10,000 children aged 0-17 (R4): population = the ONS mid-year estimate chosen by int_cla__month_ends
--   (mid-(YYYY-1) for 31 March YYYY); only the 'all' breakdown. No estimate: null 'no population estimate'.
--   Figures: rate_per_10k_of and history_gap (queries/macros).
with source as (
    select * from int_cla__stocks_monthly
    where breakdown = 'all'
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        unnest(rate_per_10k_of(n_cla, population, history_gap(cla_stock_history, cla_gap_note)))
    from source
)

select * from final
