-- Macro wf_month_figure_of(num, den, value, month_flows_complete): wf_figure_of for the calendar month
-- alone, as the struct of a workforce flow view's single-month columns (month_numerator,
-- month_denominator, month_value, month_value_note) that SPC judges. The one wording of why a workforce
-- month has no figure.
-- Reads: nothing (a scalar function).
-- Rules: month_flows_complete false (a census-only row, source 'csww': the CSWW census is a snapshot at
-- 30 September with no month of its own) -> every figure null, month_value_note 'no monthly figure:
-- census only'; true (a row of the local monthly extract) -> the figures as given, and 'no cases' when the
-- value is null, as wf_figure_of. The view works out value (the month's formula).
create or replace macro wf_month_figure_of(num, den, value, month_flows_complete) as {
    'month_numerator': case when month_flows_complete then num end,
    'month_denominator': case when month_flows_complete then den end,
    'month_value': case when month_flows_complete then value end,
    'month_value_note': case
        when not month_flows_complete then 'no monthly figure: census only'
        when value is null then 'no cases'
    end
}
