-- Grain: one row per CLA review due in the 12 months to period_end, for every LA (la_code, child_id,
-- period_no, review_no): a row of int_cla__reviews_due whose due_date falls in the month end's window
-- (int_cla__month_ends period_start .. period_end), held or not. record = 'Review due'.
-- Reads: int_cla__month_ends, int_cla__reviews_due, int_cla__episodes, stg_ssda903__reviews,
-- int_children__attributes, cla_child_groups (queries/macros: stg_ssda903__header, stg_ssda903__uasc,
-- int_children__attributes), to_uasc_group.
-- Rules: the facts and rules of int_cla__reviews_rolling, over the one window of period_end, so that for
-- each LA the sum of each n_* over the rows is the aggregate's n_* at (period_end, 'all') and over the
-- rows with by_<b> = v its (b, v) row:
--   n_reviews_due = 1 (each review due counts: events, not children); n_reviews_on_time: held on or before
--   its due date (int_cla__reviews_due.on_time; a review due but never held while the child was in care
--   is late). Due dates and the rules behind them are int_cla__reviews_due's (review 1: 20 working days
--   after the period start; review 2: 3 months after review 1; later: 6 months after the previous).
--   Breakdowns (R9): the child's groups at the due date (cla_child_groups), as the aggregate.
--   Detail: care_start_date (the period of care's start); last_review_date: the review before this one
--   in the same period of care, the one its due date counts from (null for a first review, which counts
--   from the start); review_due_date; review_date (held; null when never held); days_overdue: days from
--   the due date to the review, or to period_end when it was not held by then (0 when on time).
--   outcome: the result in words, judged on every review loaded (a review held after period_end is late,
--   as in the figure).
--   x_review_overdue [L]: the child is in care at period_end in the review's period of care (period_start
--   <= period_end, period end blank or after it, as the stocks), the review was due on or before
--   period_end and was not held by then (no review_date, or one after period_end). Only reviews due in
--   the window are rows, so a review overdue for more than 12 months (due before the window, never held)
--   is not flagged here.
--   team, worker, locality: int_children__attributes, 'Not recorded' when the child is not in it.
--   The parameter is list_month_end, not period_end: DuckDB would put a macro parameter named like a
--   column in place of that column in the views the macro reads when they are not materialised.
create or replace macro children_cla_reviews(list_month_end) as table
with due as (
    select * from int_cla__reviews_due
),

episodes as (
    select * from int_cla__episodes
),

reviews as (
    select * from stg_ssda903__reviews
),

attributes as (
    select * from int_children__attributes
),

windows as (
    -- the 12 months to the month end asked for, per LA (queries/macros/cla_month_window.sql)
    select * from cla_month_window(list_month_end)
),

periods as (
    select distinct e.la_code, e.child_id, e.period_no, e.period_start, e.period_end
    from episodes as e
),

in_window as (
    select d.*, w.window_end
    from windows as w
    join due as d on w.la_code = d.la_code and d.due_date between w.window_start and w.window_end
),

with_period as (
    select
        i.*,
        p.period_start as care_start_date,
        p.period_end as care_end_date,
        (
            select max(r.review_date)
            from reviews as r
            where r.la_code = i.la_code and r.child_id = i.child_id and r.review_date >= p.period_start
                and r.review_date <= coalesce(p.period_end, date '9999-12-31')
                and r.review_date < coalesce(i.review_date, date '9999-12-31')
        ) as last_review_date
    from in_window as i
    left join periods as p on i.la_code = p.la_code and i.child_id = p.child_id and i.period_no = p.period_no
),

judged as (
    select
        w.la_code, w.child_id, w.due_date as group_date,
        1 as n_reviews_due,
        cast(coalesce(w.on_time, false) as integer) as n_reviews_on_time,
        w.care_start_date,
        w.last_review_date,
        w.due_date as review_due_date,
        w.review_date,
        greatest(date_diff('day', w.due_date, least(coalesce(w.review_date, w.window_end), w.window_end)), 0)
            as days_overdue,
        case
            when w.review_date is null then 'has not been held (no review recorded)'
            when w.on_time then 'was held on ' || strftime(w.review_date, '%Y-%m-%d')
            else 'was held on ' || strftime(w.review_date, '%Y-%m-%d') || ', '
                || date_diff('day', w.due_date, w.review_date)
                || case when date_diff('day', w.due_date, w.review_date) = 1 then ' day late' else ' days late' end
        end as outcome,
        cast(
            w.care_start_date <= w.window_end
            and (w.care_end_date is null or w.care_end_date > w.window_end)
            and w.due_date <= w.window_end
            and (w.review_date is null or w.review_date > w.window_end)
            as integer
        ) as x_review_overdue
    from with_period as w
),

described as (
    -- the child's groups at the due date: cla_child_groups (queries/macros), as the aggregate
    select * from cla_child_groups(judged)
),

final as (
    select
        d.la_code,
        d.child_id,
        'Review due' as record,
        coalesce(a.team, 'Not recorded') as team,
        coalesce(a.worker, 'Not recorded') as worker,
        coalesce(a.locality, 'Not recorded') as locality,
        d.age_band as by_age_band,
        d.sex_group as by_sex,
        d.ethnicity_group as by_ethnicity,
        to_uasc_group(d.is_uasc) as by_uasc,
        d.disability_group as by_disability,
        d.locality as by_locality,
        d.n_reviews_due,
        d.n_reviews_on_time,
        d.care_start_date,
        d.last_review_date,
        d.review_due_date,
        d.review_date,
        cast(d.days_overdue as integer) as days_overdue,
        d.outcome,
        d.x_review_overdue
    from described as d
    left join attributes as a on d.la_code = a.la_code and d.child_id = a.child_id
)

select * from final
