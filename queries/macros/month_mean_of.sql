-- Macro month_mean_of(total, n, gap): mean_of for the calendar month alone, as the struct of a flow view's
-- single-month columns (month_numerator, month_denominator, month_value, month_value_note) that SPC
-- judges. Same rules as mean_of, which it calls.
-- Reads: nothing (a scalar function).
create or replace macro month_mean_of(total, n, gap) as {
    'month_numerator': mean_of(total, n, gap).numerator,
    'month_denominator': mean_of(total, n, gap).denominator,
    'month_value': mean_of(total, n, gap).value,
    'month_value_note': mean_of(total, n, gap).value_note
}
