-- cpp_open_2y_plus_pct
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_stocks__monthly
-- Rules:
--   [C DfE D5] Open plans at period_end that started 2 or more years earlier (start + 2 years <= date)
--   / open plans at period_end.
--   History: the month end must lie inside the loaded CIN history; before that numerator, denominator and value are null, value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11). value is a percentage, unrounded.
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
        case when cin_stock_history then n_cpp_open_2y_plus end as numerator,
        case when cin_stock_history then n_cpp_open end as denominator,
        case when cin_stock_history and n_cpp_open > 0 then 100.0 * n_cpp_open_2y_plus / n_cpp_open end as value,
        case
            when not cin_stock_history then coalesce(cin_gap_note, 'insufficient history')
            when n_cpp_open = 0 then 'no cases'
        end as value_note
    from source
)

select * from final
