-- Grain: one row per child protection plan (la_code, child_id, start_date).
-- Reads: stg_cin__cpp, stg_cin__cpp_review. Materialise: table.
-- Rules:
--   is_second_or_subsequent [C LAIT]: the child had any earlier CP plan in the loaded history, however
--   long ago, or NumberOfPreviousCPP > 0 (which carries plans older than the history).
--   ended_under_3m [C DfE D7 band "3 months or less"]: end <= start + 3 calendar months.
--   ended_2y_plus [C LAIT]: lasted 2 years or more, i.e. more than 729 days counting the end day
--   (end - start >= 729).
--   first_late_review_date [C LAIT timeliness]: the first review is due within 3 months of the start and
--   each later one within 6 months of the one before; the plan's reviews stop being on time on the day
--   after the first due date that passed without a review (including the next review not yet held).
with plans as (
    select * from stg_cin__cpp
),

reviews as (
    select * from stg_cin__cpp_review
),

sequenced as (
    select
        *,
        count(*) over (
            partition by la_code, child_id order by start_date rows between unbounded preceding and 1 preceding
        ) as earlier_plans
    from plans
),

plan_reviews as (
    select
        p.la_code, p.child_id, p.start_date, r.review_date,
        lag(r.review_date) over (partition by p.la_code, p.child_id, p.start_date order by r.review_date)
            as previous_review
    from plans as p
    join reviews as r
        on p.la_code = r.la_code and p.child_id = r.child_id and p.start_date = r.plan_start_date
        and r.review_date >= p.start_date
),

next_due as (
    -- every held review, plus one open "next review" after the last one held
    select la_code, child_id, start_date, review_date, previous_review from plan_reviews
    union all
    select p.la_code, p.child_id, p.start_date, cast(null as date), max(r.review_date)
    from plans as p
    left join plan_reviews as r using (la_code, child_id, start_date)
    group by all
),

due_dates as (
    select
        *,
        cast(case when previous_review is null then start_date + interval 3 month
            else previous_review + interval 6 month end as date) as due_date
    from next_due
),

late as (
    select la_code, child_id, start_date, min(due_date + 1) as first_late_review_date
    from due_dates
    where review_date is null or review_date > due_date
    group by all
),

final as (
    select
        s.la_code,
        s.child_id,
        s.referral_date,
        s.start_date,
        s.end_date,
        coalesce(s.latest_category, s.initial_category, 'Not recorded') as latest_category,
        s.earlier_plans > 0 or coalesce(s.number_of_previous_plans, 0) > 0 as is_second_or_subsequent,
        s.end_date is not null and s.end_date <= cast(s.start_date + interval 3 month as date) as ended_under_3m,
        s.end_date is not null and date_diff('day', s.start_date, s.end_date) >= 729 as ended_2y_plus,
        l.first_late_review_date
    from sequenced as s
    left join late as l using (la_code, child_id, start_date)
)

select * from final
