-- cla_under16_unregistered_count
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_cla__stocks_monthly
-- Rules:
--   [L] Children looked after at period_end aged under 16 placed in H5, P2, K3 or any Z code (target 0).
--   History: the month end must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Counts put the count in numerator and value; denominator is null (R12).
with source as (
    select * from int_cla__stocks_monthly
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        case when cla_stock_history then n_under16_unregistered end as numerator,
        cast(null as bigint) as denominator,
        case when cla_stock_history then cast(n_under16_unregistered as double) end as value,
        case when not cla_stock_history then coalesce(cla_gap_note, 'insufficient history') end as value_note
    from source
)

select * from final
