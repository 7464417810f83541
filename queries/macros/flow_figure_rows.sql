-- Macro flow_figure_rows(src, figures, month_figures): figure_rows for a flow: for each row of src its key
-- columns, the figure columns of `figures` (the 12 months to period_end) and those of `month_figures` (the
-- calendar month alone: month_percent_of, month_count_of ..., the single-month figures SPC judges).
-- A table macro: `select * from flow_figure_rows(int_flows__rolling, percent_of(...), month_percent_of(...))`
-- in a view. Columns: la_code, period_start, period_end, breakdown, breakdown_value, numerator,
-- denominator, value, value_note, month_numerator, month_denominator, month_value, month_value_note.
-- Reads: its argument only (a view or CTE of the caller with the five key columns).
-- Rules: one row per row of src, none added, dropped or regrouped; both figure arguments are expressions
-- on src's columns (its n_* and m_* columns), evaluated per row.
create or replace macro flow_figure_rows(src, figures, month_figures) as table
    select la_code, period_start, period_end, breakdown, breakdown_value, unnest(figures), unnest(month_figures)
    from query_table(src)
