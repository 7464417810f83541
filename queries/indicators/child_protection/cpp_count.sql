-- cpp_count
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_stocks__monthly
-- Rules:
--   [C] CP plans open at period_end: CPPstartDate <= date and CPPendDate blank or after it.
--   History: the month end must lie inside the loaded CIN history; before that numerator and value are null with value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Counts put the count in numerator and value; denominator is null (R12).
with source as (
    select * from int_stocks__monthly
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        case when cin_stock_history then n_cpp_open end as numerator,
        cast(null as bigint) as denominator,
        case when cin_stock_history then cast(n_cpp_open as double) end as value,
        case when not cin_stock_history then coalesce(cin_gap_note, 'insufficient history') end as value_note
    from source
)

select * from final
