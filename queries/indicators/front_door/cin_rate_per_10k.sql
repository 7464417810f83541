-- cin_rate_per_10k
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_stocks__monthly
-- Rules:
--   [C] cin_count at period_end / population aged 0-17 x 10,000.
--   Rate per 10,000 children aged 0-17 (R4): the population is the ONS mid-year estimate chosen by
--   int_calendar__month_ends (mid-(YYYY-1) for a period ending 31 March YYYY); denominator = that population.
--   Only the 'all' breakdown: there are no populations for the breakdown groups.
--   History: the month end must lie inside the loaded CIN history; before that the value is null with value_note 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   No population estimate loaded for the LA: value null, value_note 'no population estimate'.
--   Figures: rate_per_10k_rows (the 'all' rows) with rate_per_10k_of and history_gap (queries/macros).
with final as (
    select * from rate_per_10k_rows(int_stocks__monthly, n_cin_open, history_gap(cin_stock_history, cin_gap_note))
)

select * from final
