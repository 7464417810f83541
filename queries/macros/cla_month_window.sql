-- Macro cla_month_window(asked_month_end): the SSDA903 window of one month end, for every LA: one row
-- (la_code, window_start, window_end) per LA whose calendar has that month end (int_cla__month_ends
-- period_start .. period_end, the 12 months to it). A table macro:
-- `select * from cla_month_window(list_month_end)` in a child list. Shared by children_cla_flows,
-- children_cla_reviews and children_cla_rhi, which list the rows behind one month end's figures.
-- Reads: int_cla__month_ends
-- Rules: asked_month_end is cast to a date; a month end outside an LA's calendar gives that LA no row.
--   The parameter is not called period_end (DuckDB would bind it in place of the calendar's own column).
create or replace macro cla_month_window(asked_month_end) as table
    select c.la_code, c.period_start as window_start, c.period_end as window_end
    from int_cla__month_ends as c
    where c.period_end = cast(asked_month_end as date)
