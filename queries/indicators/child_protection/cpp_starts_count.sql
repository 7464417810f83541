-- cpp_starts_count
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the DfE year).
-- Reads: int_flows__rolling
-- Rules:
--   [C] CP plans with CPPstartDate in the period; each occasion counts (R5).
--   History: the 12-month window must lie inside the loaded CIN history (R10); before that numerator and value are null with value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Counts put the count in numerator and value; denominator is null (R12).
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
        case when cin_flow_history then n_cpp_starts end as numerator,
        cast(null as bigint) as denominator,
        case when cin_flow_history then cast(n_cpp_starts as double) end as value,
        case when not cin_flow_history then coalesce(cin_gap_note, 'insufficient history') end as value_note
    from source
)

select * from final
