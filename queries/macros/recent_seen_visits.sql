-- Macro recent_seen_visits(visit_types): the latest visit of each type with the child seen, per child and
-- month end E, looked for in E's month and the month before. A table macro: `select * from
-- recent_seen_visits(['CLA'])` in a view. The one definition of "a recent visit", shared by
-- int_cla__child_months (the 6-week CLA visit) and int_visits__plan_months (CP and CIN visit timeliness).
-- Reads: stg_local__visits.
-- Rules [L]: each seen visit stands for the month end of its own month and of the next, and the latest
-- of them is kept. No visit timescale is longer than 42 days (20 working days reach back at most 32 over
-- Christmas) and two months always reach back at least 59, so an older visit is never in time: a
-- child-month with no row here counts as not seen in time, as a child never seen does. Why: an as-of
-- join of every child-month against every visit was the slowest step of both views at 150 authorities
-- (10 and 15 seconds); this is an equality join.
-- Output: la_code, child_id, visit_type, period_end, last_seen_date.
create or replace macro recent_seen_visits(visit_types) as table
    select la_code, child_id, visit_type, period_end, max(visit_date) as last_seen_date
    from (
        select
            la_code,
            child_id,
            visit_type,
            visit_date,
            unnest([last_day(visit_date), last_day(visit_date + interval 1 month)]) as period_end
        from stg_local__visits
        where child_seen and list_contains(visit_types, visit_type)
    )
    group by la_code, child_id, visit_type, period_end
