-- Macro month_rate_per_10k_of(num, population, gap): rate_per_10k_of for the calendar month alone, as
-- the struct of a flow view's single-month columns (month_numerator, month_denominator, month_value,
-- month_value_note). Same rules as rate_per_10k_of, which it calls.
-- Reads: nothing (a scalar function).
create or replace macro month_rate_per_10k_of(num, population, gap) as {
    'month_numerator': rate_per_10k_of(num, population, gap).numerator,
    'month_denominator': rate_per_10k_of(num, population, gap).denominator,
    'month_value': rate_per_10k_of(num, population, gap).value,
    'month_value_note': rate_per_10k_of(num, population, gap).value_note
}
