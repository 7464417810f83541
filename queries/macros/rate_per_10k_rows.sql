-- Macro rate_per_10k_rows(src, counted, gap): the rows of a rate per 10,000 children aged 0-17 as at
-- period_end (a stock, no single-month figures): the 'all' rows of src with rate_per_10k_of. A table
-- macro: `select * from rate_per_10k_rows(int_stocks__monthly, n_cpp_open, history_gap(...))` in a view.
-- Shared by cin_rate_per_10k and cpp_rate_per_10k; flow_rate_per_10k_rows is the same for a flow.
-- Reads: its argument only (a view or CTE with the five key columns and population, the ONS mid-year
-- estimate int_calendar__month_ends chose).
-- Rules: only the 'all' breakdown (there are no populations for the breakdown groups); counted and gap are
-- expressions on src's columns: the count and the reason from history_gap. The figures are
-- rate_per_10k_of(counted, population, gap), with its rules; columns as figure_rows gives them.
create or replace macro rate_per_10k_rows(src, counted, gap) as table
    select * from figure_rows(src, rate_per_10k_of(counted, population, gap))
    where breakdown = 'all'
