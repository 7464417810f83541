-- Macro wf_month_fte_of(fte, month_flows_complete): wf_fte_of for the calendar month alone (a flow's
-- single-month FTE, m_starters_fte or m_leavers_fte), as the struct of month_numerator,
-- month_denominator, month_value, month_value_note.
-- Reads: nothing (a scalar function).
-- Rules: wf_month_figure_of(fte, no denominator, fte, month_flows_complete): a census-only row -> null,
-- 'no monthly figure: census only'; else numerator = value = fte, denominator a null double, 'no cases'
-- when fte is null.
create or replace macro wf_month_fte_of(fte, month_flows_complete) as
    wf_month_figure_of(fte, cast(null as double), fte, month_flows_complete)
