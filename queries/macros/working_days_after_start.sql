-- Macro working_days_after_start(periods, n_days): the working day numbered n_days after each row's
-- period_start, added as due_date. A table macro: `select * from working_days_after_start(periods, 20)`
-- in a view. The one definition of "due within N working days of entering care" (R3), shared by
-- int_cla__iha_starts (the initial health assessment) and int_cla__reviews_due (the first review).
-- Reads: its argument (a CTE of the calling view with a period_start date) and int_dates__working_days.
-- Rules (R3): period_start is day 0 (a weekend or bank holiday too); the next working day is day 1;
-- weekends and England and Wales bank holidays are skipped. due_date = the working day whose number is
-- period_start's + n_days. A row whose period_start or due day lies outside int_dates__working_days has
-- no row. Output: every column of `periods`, then due_date.
create or replace macro working_days_after_start(periods, n_days) as table
    select p.*, d.day as due_date
    from query_table(periods) as p
    join int_dates__working_days as s on s.day = p.period_start
    join int_dates__working_days as d
        on d.working_day_number = s.working_day_number + n_days and d.is_working_day
