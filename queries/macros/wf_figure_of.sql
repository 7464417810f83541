-- Macro wf_figure_of(num, den, value, gap): the four figure columns of a workforce indicator whose value
-- is already worked out (int_workforce__rates applies the DfE formulas), as a struct for `unnest(...)`:
-- numerator, denominator, value, value_note.
-- Reads: nothing (a scalar function).
-- Rules: gap (a reason, e.g. history_gap(flows_complete, null) for a 12-month flow; null for a stock) not
-- null -> every figure null, value_note = gap; else numerator = num, denominator = den, value = value, and
-- value_note 'no cases' when the value is null (a zero or missing denominator, a missing component).
-- Single month: wf_month_figure_of. No denominator (an FTE): wf_fte_of.
create or replace macro wf_figure_of(num, den, value, gap) as {
    'numerator': case when gap is null then num end,
    'denominator': case when gap is null then den end,
    'value': case when gap is null then value end,
    'value_note': coalesce(gap, case when value is null then 'no cases' end)
}
