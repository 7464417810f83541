-- Macro count_of(n, gap): the four figure columns of a count indicator, as a struct for `unnest(...)`:
-- the count in numerator and value (a double), no denominator (catalogue rule R12).
-- Reads: nothing (a scalar function).
-- Rules: gap not null -> numerator and value null, value_note = gap; else numerator = n, value = n.
-- denominator is always a null bigint.
create or replace macro count_of(n, gap) as {
    'numerator': case when gap is null then n end,
    'denominator': cast(null as bigint),
    'value': case when gap is null then cast(n as double) end,
    'value_note': gap
}
