-- cla_ceased_count
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_cla__flows_rolling
-- Rules:
--   [C] Children who ceased to be looked after in the period (a period of care ending: REC other than X1);
--   a child counts once, at the last occasion in the period (R5). Short breaks (LS V3/V4) are excluded (R6).
--   History: the 12-month window must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Counts put the count in numerator and value; denominator is null (R12).
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
        case when cla_flow_history then n_ceased end as numerator,
        cast(null as bigint) as denominator,
        case when cla_flow_history then cast(n_ceased as double) end as value,
        case when not cla_flow_history then coalesce(cla_gap_note, 'insufficient history') end as value_note
    from source
)

select * from final
