-- Macro visits_covered_runs(months): each month end of a calendar with visits_covered_run, the unbroken
-- run of months the local visits file covers up to it. A table macro: `select * from
-- visits_covered_runs(months)` in a view. The one definition of the visits coverage the CIN and SSDA903
-- calendars (int_calendar__month_ends, int_cla__month_ends) judge their visit measures by.
-- Reads: its argument (a CTE of the calling view with la_code and period_end) and int_coverage__months.
-- Rules: visits_covered_run = covered_run of the 'visits' family at that month end (0 = not covered);
-- an LA with no visits coverage rows at all (rows not written by the loader) has every month covered
-- (9999). Output: every column of `months`, then visits_covered_run.
create or replace macro visits_covered_runs(months) as table
    select
        w.*,
        case
            when not exists (
                select 1 from int_coverage__months as v where v.la_code = w.la_code and v.family = 'visits'
            )
                then 9999
            else coalesce(visit.covered_run, 0)
        end as visits_covered_run
    from query_table(months) as w
    left join int_coverage__months as visit
        on visit.la_code = w.la_code and visit.family = 'visits' and visit.period_end = w.period_end
