-- Macro figure_rows(src, figures): the rows of an indicator view: for each row of src its key columns
-- and the figure columns of the struct `figures` (percent_of, count_of, rate_per_10k_of ... of that row).
-- A table macro: `select * from figure_rows(int_stocks__monthly, count_of(n_cpp_open, history_gap(...)))`
-- in a view; flow_figure_rows adds the single month. The one definition of an indicator view's columns
-- and their order: la_code, period_start, period_end, breakdown, breakdown_value, numerator, denominator,
-- value, value_note.
-- Reads: its argument only (a view or CTE of the caller with the five key columns).
-- Rules: one row per row of src, none added, dropped or regrouped (a view drops the breakdowns it does not
-- publish with a where clause after it); `figures` is an expression on src's columns, evaluated per row.
create or replace macro figure_rows(src, figures) as table
    select la_code, period_start, period_end, breakdown, breakdown_value, unnest(figures)
    from query_table(src)
