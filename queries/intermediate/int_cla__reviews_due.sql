-- Grain: one row per CLA review due (la_code, child_id, due_date): every review held in a period of care
-- with the date it was due, plus the next review of each period that was due but never held.
-- Reads: int_cla__episodes, int_cla__month_ends, stg_ssda903__reviews, int_dates__working_days (through
-- working_days_after_start).
-- Materialise: table.
-- Rules (the local "reviews on time" measure [L]; timescales from the Care Planning Regulations, data_layouts
-- 1.3 [U]; the return has no due date, so due dates are computed from DECOM and the previous REVIEW):
--   Periods of care are R7's (int_cla__episodes: short breaks V3/V4 already dropped, R6), so a child
--   with short breaks only has no review due. A review belongs to the period of care it falls in
--   (period_start <= REVIEW <= period_end, or the period is open); reviews on the same day count once.
--   Review 1 is due 20 working days after the period start (R3: the start day is day 0, so the due date
--   is the working day numbered start + 20 in int_dates__working_days); review 2 three months after
--   review 1 as held; every later review six months after the previous one as held (a date plus whole
--   months, clamped to the month's last day as DuckDB does: 31 Aug + 6 months = 28/29 Feb).
--   on_time: held on or before the due date (a review exactly 6 months after the previous is on time,
--   one day more is late).
--   The review after the last one held is due too: if its due date comes while the child is still in
--   care (period open, or ended after the due date) it is a missed review (review_date null, late). Only
--   that one is counted: later due dates would chain from a review that never happened [U: our choice].
--   Periods that started before the SSDA903 history (cla_history_start, R10) have reviews we never saw:
--   the first review seen is not judged (its predecessor is unknown) and the next is due six months
--   after it; such a period with no review seen has nothing due [U: our choice, a known undercount].
with episodes as (
    select * from int_cla__episodes
),

history as (
    select distinct la_code, cla_history_start from int_cla__month_ends
),

reviews as (
    select distinct la_code, child_id, review_date from stg_ssda903__reviews
),

periods as (
    select distinct e.la_code, e.child_id, e.period_no, e.period_start, e.period_end,
        e.period_start < h.cla_history_start as started_before_history
    from episodes as e
    join history as h using (la_code)
),

first_due as (
    -- the working day numbered 20 after the period start (R3): working_days_after_start (queries/macros)
    select * rename (due_date as first_due_date) from working_days_after_start(periods, 20)
),

held as (
    select
        p.la_code, p.child_id, p.period_no, p.period_end, p.started_before_history, p.first_due_date,
        r.review_date,
        row_number() over w as review_no,
        lag(r.review_date) over w as previous_review
    from first_due as p
    join reviews as r
        on p.la_code = r.la_code and p.child_id = r.child_id and r.review_date >= p.period_start
        and r.review_date <= coalesce(p.period_end, date '9999-12-31')
    window w as (partition by p.la_code, p.child_id, p.period_no order by r.review_date)
),

held_due as (
    select
        la_code, child_id, period_no, review_no, review_date,
        case
            when started_before_history and review_no = 1 then null
            when review_no = 1 then first_due_date
            when review_no = 2 and not started_before_history
                then cast(previous_review + interval 3 month as date)
            else cast(previous_review + interval 6 month as date)
        end as due_date
    from held
),

last_held as (
    select la_code, child_id, period_no, max(review_no) as reviews_held, max(review_date) as last_review
    from held
    group by all
),

missed as (
    -- the next review after the last one held (or the first, if none was), never held
    select
        p.la_code, p.child_id, p.period_no,
        coalesce(l.reviews_held, 0) + 1 as review_no,
        cast(null as date) as review_date,
        case
            when l.last_review is null and p.started_before_history then null
            when l.last_review is null then p.first_due_date
            when l.reviews_held = 1 and not p.started_before_history
                then cast(l.last_review + interval 3 month as date)
            else cast(l.last_review + interval 6 month as date)
        end as due_date,
        p.period_end
    from first_due as p
    left join last_held as l using (la_code, child_id, period_no)
),

final as (
    select la_code, child_id, period_no, review_no, due_date, review_date, review_date <= due_date as on_time
    from held_due
    where due_date is not null
    union all
    select la_code, child_id, period_no, review_no, due_date, review_date, false as on_time
    from missed
    where due_date is not null and (period_end is null or period_end > due_date)
)

select * from final
