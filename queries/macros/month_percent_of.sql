-- Macro month_percent_of(num, den, gap): percent_of for the calendar month alone, as the struct of a
-- flow view's single-month columns (month_numerator, month_denominator, month_value,
-- month_value_note) that SPC judges. Same rules as percent_of, which it calls.
-- Reads: nothing (a scalar function).
create or replace macro month_percent_of(num, den, gap) as {
    'month_numerator': percent_of(num, den, gap).numerator,
    'month_denominator': percent_of(num, den, gap).denominator,
    'month_value': percent_of(num, den, gap).value,
    'month_value_note': percent_of(num, den, gap).value_note
}
