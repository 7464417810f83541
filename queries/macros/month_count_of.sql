-- Macro month_count_of(n, gap): count_of for the calendar month alone, as the struct of a flow view's
-- single-month columns (month_numerator, month_denominator, month_value, month_value_note). Same rules
-- as count_of, which it calls.
-- Reads: nothing (a scalar function).
create or replace macro month_count_of(n, gap) as {
    'month_numerator': count_of(n, gap).numerator,
    'month_denominator': count_of(n, gap).denominator,
    'month_value': count_of(n, gap).value,
    'month_value_note': count_of(n, gap).value_note
}
