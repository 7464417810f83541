-- Macro visits_in_time_pct(measure_name): the rows of a visits-timeliness indicator, one per LA, month end
-- and breakdown value of one measure of int_visits__timeliness. A table macro:
-- `select * from visits_in_time_pct('cpp_10wd')` in a view. The one definition shared by
-- cin_visits_in_timescale_pct ('cin_20wd'), cpp_visits_10wd_pct ('cpp_10wd') and cpp_visits_4wk_pct
-- ('cpp_4wk'), which differ only in the cohort and in-time rule int_visits__timeliness applies.
-- Reads: int_visits__timeliness (the rows whose measure is measure_name).
-- Rules: a stock as at period_end, so period_start = period_end. The figures are
-- percent_of(n_in_time, n_children, history_gap(has_history, gap_note)): children in the cohort whose
-- latest visit is in time / children in the cohort; where the visits file gives no history (has_history
-- false) every figure is null with gap_note, else 'insufficient history'; no child in the cohort gives a
-- null value with 'no cases' (R11). Output columns: la_code, period_start, period_end, breakdown,
-- breakdown_value, numerator, denominator, value, value_note.
create or replace macro visits_in_time_pct(measure_name) as table
    select
        la_code,
        period_end as period_start,
        period_end,
        breakdown,
        breakdown_value,
        unnest(percent_of(n_in_time, n_children, history_gap(has_history, gap_note)))
    from int_visits__timeliness
    where measure = measure_name
