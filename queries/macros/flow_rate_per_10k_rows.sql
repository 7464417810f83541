-- Macro flow_rate_per_10k_rows(src, counted, gap, month_counted, month_gap): the rows of a flow rate per
-- 10,000 children aged 0-17: the 'all' rows of src with the 12-month rate and the calendar month's own
-- (the single-month figures SPC judges), both over the same population. A table macro:
-- `select * from flow_rate_per_10k_rows(int_flows__rolling, n_s47s, history_gap(...), m_s47s, history_gap(...))`
-- in a view. Shared by referral_rate_per_10k, assessments_rate_per_10k, contacts_rate_per_10k,
-- s47_rate_per_10k and icpc_rate_per_10k; rate_per_10k_rows is the same for a stock.
-- Reads: its argument only (a view or CTE with the five key columns and population, the ONS mid-year
-- estimate int_calendar__month_ends chose).
-- Rules: only the 'all' breakdown (there are no populations for the breakdown groups); counted and gap
-- (and their month_ pair) are expressions on src's columns: the count and the reason from history_gap. The
-- figures are rate_per_10k_of(counted, population, gap) and month_rate_per_10k_of(month_counted,
-- population, month_gap), with their rules; columns as flow_figure_rows gives them.
create or replace macro flow_rate_per_10k_rows(src, counted, gap, month_counted, month_gap) as table
    select *
    from flow_figure_rows(
        src, rate_per_10k_of(counted, population, gap), month_rate_per_10k_of(month_counted, population, month_gap)
    )
    where breakdown = 'all'
