-- Macro mean_of(total, n, gap): the four figure columns of a mean (an average per child or per case), as
-- a struct for `unnest(...)` in a view's select list: numerator (the total), denominator (how many),
-- value, value_note. The mean's counterpart of percent_of.
-- Reads: nothing (a scalar function).
-- Rules: gap (a reason, usually from history_gap) not null -> every figure null, value_note = gap; else
-- numerator = total, denominator = n, value = total / n (unrounded) when n > 0, and value_note
-- 'no cases' when n = 0 (R11).
create or replace macro mean_of(total, n, gap) as {
    'numerator': case when gap is null then total end,
    'denominator': case when gap is null then n end,
    'value': case when gap is null and n > 0 then 1.0 * total / n end,
    'value_note': coalesce(gap, case when n = 0 then 'no cases' end)
}
