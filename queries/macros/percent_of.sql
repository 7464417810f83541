-- Macro percent_of(num, den, gap): the four figure columns of a percentage indicator, as a struct for
-- `unnest(...)` in a view's select list: numerator, denominator, value, value_note.
-- The one definition of the catalogue's rules R11 (a zero denominator gives a null value with
-- 'no cases') and of "a figure withheld for a reason has no numerator or denominator either".
-- Reads: nothing (a scalar function).
-- Rules: gap (a reason, usually from history_gap) not null -> every figure null, value_note = gap;
-- else numerator = num, denominator = den, value = 100 * num / den (unrounded) when den > 0, and
-- value_note 'no cases' when den = 0.
create or replace macro percent_of(num, den, gap) as {
    'numerator': case when gap is null then num end,
    'denominator': case when gap is null then den end,
    'value': case when gap is null and den > 0 then 100.0 * num / den end,
    'value_note': coalesce(gap, case when den = 0 then 'no cases' end)
}
