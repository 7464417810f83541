-- cpp_count
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_stocks__monthly
-- Rules:
--   [C] CP plans open at period_end: CPPstartDate <= date and CPPendDate blank or after it.
--   History: the month end must lie inside the loaded CIN history; before that numerator and value are null with value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Counts put the count in numerator and value; denominator is null (R12).
--   Figures: figure_rows with count_of and history_gap (queries/macros).
with final as (
    select * from figure_rows(
        int_stocks__monthly,
        count_of(n_cpp_open, history_gap(cin_stock_history, cin_gap_note))
    )
)

select * from final
