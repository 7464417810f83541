-- cpp_open_2y_plus_pct
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_stocks__monthly
-- Rules:
--   [C DfE D5] Open plans at period_end that started 2 or more years earlier (start + 2 years <= date)
--   / open plans at period_end.
--   History: the month end must lie inside the loaded CIN history; before that numerator, denominator and value are null, value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11). value is a percentage, unrounded.
--   Figures: figure_rows with percent_of and history_gap (queries/macros).
with final as (
    select * from figure_rows(
        int_stocks__monthly,
        percent_of(n_cpp_open_2y_plus, n_cpp_open, history_gap(cin_stock_history, cin_gap_note))
    )
)

select * from final
