-- Macro rate_per_10k_of(num, population, gap): the four figure columns of a rate per 10,000 children,
-- as a struct for `unnest(...)`: numerator, denominator (the population), value, value_note.
-- Reads: nothing (a scalar function).
-- Rules: gap not null -> every figure null, value_note = gap; else numerator = num, denominator =
-- population, value = 10000 * num / population (unrounded) when population > 0, and value_note
-- 'no population estimate' when the population is 0 or missing.
create or replace macro rate_per_10k_of(num, population, gap) as {
    'numerator': case when gap is null then num end,
    'denominator': case when gap is null then population end,
    'value': case when gap is null and population > 0 then 10000.0 * num / population end,
    'value_note': coalesce(gap, case when coalesce(population, 0) = 0 then 'no population estimate' end)
}
