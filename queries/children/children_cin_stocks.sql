-- Grain: one row per record open at period_end that a CIN stock figure counts (la_code, child_id, record,
-- record_start_date): a 'CIN episode' (a child's overlapping non-NFA referrals merged, as cin_count counts
-- each child once), a 'CIN plan', an 'Assessment' (open past 45 working days, or due within the next 5),
-- a 'CP plan'. The children behind cin_count, cin_plans_count, cin_rate_per_10k, cpp_count,
-- cpp_rate_per_10k, cpp_open_2y_plus_pct, cpp_reviews_on_time_pct, assessments_open_over_45wd_count and
-- cpp_category_mix (all from int_stocks__monthly).
-- Reads: int_cin__referrals, stg_cin__plan, int_cin__assessments, int_cin__cp_plans (the records and the
-- facts int_stocks__deltas reads), stg_cin__cpp_review (only for the detail: last review held by the month
-- end), int_dates__working_days, int_calendar__month_ends (an LA without this month end in its calendar has
-- no figure and no rows), int_children__attributes (breakdown groups, team, worker, locality).
-- Rules: the macro's argument list_month_end is the month end E asked for (the contract's period_end;
-- named apart from the views' period_end columns, which DuckDB would confuse with it inside a macro).
-- int_stocks__deltas counts a span at month end E when start <= E and (end null or end > E), and
-- int_stocks__monthly sums those changes to E; at a month end of the calendar that is the same as testing
-- each record at E directly, which is what this does, with the same spans:
--   n_cin_open: the child's merged episode (islands of non-NFA referrals, touching or overlapping episodes
--   merged, as the deltas do) open at E: first referral <= E, latest closure null or after E. One per child.
--   n_cin_plans_open: stg_cin__plan rows with start <= E and end null or after E.
--   n_assessments_open_over_45wd: day_46_date <= E and authorised_date null or after E (wd(start, E) > 45).
--   n_cpp_open: CP plans with start <= E and end null or after E; n_cpp_open_2y_plus: also start + 2 years
--   <= E; n_cpp_open_3m: also start + 3 months <= E; n_cpp_reviews_on_time: of those, E before the plan's
--   first_late_review_date (int_cin__cp_plans: every review so far on time, the next one not overdue).
--   by_ columns: the values int_stocks__deltas gives each record: sex, ethnicity, disability, locality from
--   int_children__attributes (defaults 'Unknown', 'Not known', 'Not recorded', 'Not recorded'); referral
--   source of the record's referral (for a merged CIN episode its first referral; 'Unknown' when the
--   referral is not loaded); abuse category (latest, else initial, else 'Not recorded') on CP plans only.
--   Working days follow R3 (start day = 0): working_days_open = wd(assessment start, E);
--   assessment_due_date = the 45th working day after the start (authorised on it is in time).
--   Exception flags:
--   x_assessment_over_45wd = n_assessments_open_over_45wd (open at E, working day 46 or later).
--   x_assessment_due_5wd: open at E (started on or before E, not authorised by E) on working day 40 to 45:
--   its 45th working day is E itself or one of the 5 working days after E, so it is not yet late. These
--   assessments count in no figure: their rows have every n_* = 0 (sums are unchanged).
--   x_cpp_review_overdue [stricter reading of cpp_reviews_on_time_pct]: the plan is in that indicator's
--   denominator and not its numerator AND a review is outstanding at E: next_review_due_date (3 months
--   after the start if no review was held by E, else 6 months after the last one held by E) is before E.
--   A plan whose only late review was in the past (held late, the next not yet due) is out of the
--   indicator's numerator (missed_review_due_date says which review) but not flagged: nothing is overdue.
create or replace macro children_cin_stocks(list_month_end) as table
with as_at as (
    select cast(list_month_end as date) as month_end
),

referrals as (
    select * from int_cin__referrals
),

cin_plans as (
    select * from stg_cin__plan
),

assessments as (
    select * from int_cin__assessments
),

cp_plans as (
    select * from int_cin__cp_plans
),

cp_reviews as (
    select * from stg_cin__cpp_review
),

days as (
    select * from int_dates__working_days
),

calendar as (
    select * from int_calendar__month_ends
),

attributes as (
    select * from int_children__attributes
),

las as (
    -- the LAs whose calendar has this month end: int_stocks__monthly has their rows
    select c.la_code, a.month_end
    from calendar as c
    join as_at as a on c.period_end = a.month_end
),

ordered_episodes as (
    -- int_stocks__deltas' islands: each non-NFA referral with the latest closure of the child's earlier ones
    select
        la_code, child_id, referral_date, closure_date, source_group,
        max(coalesce(closure_date, date '9999-12-31')) over (
            partition by la_code, child_id order by referral_date
            rows between unbounded preceding and 1 preceding
        ) as previous_end
    from referrals
    where not is_nfa
),

island_ids as (
    select
        *,
        sum(case when previous_end is null or referral_date > previous_end then 1 else 0 end) over (
            partition by la_code, child_id order by referral_date
        ) as island
    from ordered_episodes
),

islands as (
    select
        la_code,
        child_id,
        min(referral_date) as start_date,
        nullif(max(coalesce(closure_date, date '9999-12-31')), date '9999-12-31') as end_date,
        arg_min(source_group, referral_date) as source_group,
        count(*) as referrals_merged
    from island_ids
    group by la_code, child_id, island
),

open_episodes as (
    select
        i.la_code, i.child_id, 'CIN episode' as record, i.start_date as record_start_date,
        i.source_group, cast(null as varchar) as abuse_category,
        1 as n_cin_open, 0 as n_cin_plans_open, 0 as n_assessments_open_over_45wd,
        0 as n_cpp_open, 0 as n_cpp_open_2y_plus, 0 as n_cpp_open_3m, 0 as n_cpp_reviews_on_time,
        i.start_date as referral_date, i.end_date as closure_date, i.referrals_merged
    from islands as i
    join las as l on i.la_code = l.la_code
    where i.start_date <= l.month_end and (i.end_date is null or i.end_date > l.month_end)
),

open_cin_plans as (
    select
        p.la_code, p.child_id, 'CIN plan' as record, p.start_date as record_start_date,
        r.source_group, cast(null as varchar) as abuse_category,
        0 as n_cin_open, 1 as n_cin_plans_open, 0 as n_assessments_open_over_45wd,
        0 as n_cpp_open, 0 as n_cpp_open_2y_plus, 0 as n_cpp_open_3m, 0 as n_cpp_reviews_on_time,
        p.referral_date, p.start_date as plan_start_date, p.end_date as plan_end_date
    from cin_plans as p
    join las as l on p.la_code = l.la_code
    left join referrals as r
        on p.la_code = r.la_code and p.child_id = r.child_id and p.referral_date = r.referral_date
    where p.start_date <= l.month_end and (p.end_date is null or p.end_date > l.month_end)
),

open_assessments as (
    -- started by E and not authorised by E; kept when over 45 working days (counted) or on day 40-45
    select
        a.la_code, a.child_id, 'Assessment' as record, a.start_date as record_start_date,
        r.source_group, cast(null as varchar) as abuse_category,
        0 as n_cin_open, 0 as n_cin_plans_open,
        case when a.day_46_date <= l.month_end then 1 else 0 end as n_assessments_open_over_45wd,
        0 as n_cpp_open, 0 as n_cpp_open_2y_plus, 0 as n_cpp_open_3m, 0 as n_cpp_reviews_on_time,
        a.referral_date,
        a.start_date as assessment_start_date,
        e.working_day_number - s.working_day_number as working_days_open,
        due.day as assessment_due_date
    from assessments as a
    join las as l on a.la_code = l.la_code
    left join referrals as r
        on a.la_code = r.la_code and a.child_id = r.child_id and a.referral_date = r.referral_date
    join days as s on a.start_date = s.day
    join days as e on l.month_end = e.day
    left join days as due on due.is_working_day and due.working_day_number = s.working_day_number + 45
    where a.start_date <= l.month_end
        and (a.authorised_date is null or a.authorised_date > l.month_end)
        and (a.day_46_date <= l.month_end or e.working_day_number - s.working_day_number >= 40)
),

last_reviews as (
    -- the latest review of each plan held on or before E (reviews matched as int_cin__cp_plans does)
    select p.la_code, p.child_id, p.start_date, max(v.review_date) as last_review_date
    from cp_plans as p
    join las as l on p.la_code = l.la_code
    join cp_reviews as v
        on p.la_code = v.la_code and p.child_id = v.child_id and p.start_date = v.plan_start_date
        and v.review_date >= p.start_date and v.review_date <= l.month_end
    group by all
),

open_cp_plans as (
    select
        p.la_code, p.child_id, 'CP plan' as record, p.start_date as record_start_date,
        r.source_group, p.latest_category as abuse_category,
        0 as n_cin_open, 0 as n_cin_plans_open, 0 as n_assessments_open_over_45wd,
        1 as n_cpp_open,
        case when cast(p.start_date + interval 2 year as date) <= l.month_end then 1 else 0 end
            as n_cpp_open_2y_plus,
        case when cast(p.start_date + interval 3 month as date) <= l.month_end then 1 else 0 end
            as n_cpp_open_3m,
        case
            when cast(p.start_date + interval 3 month as date) <= l.month_end
                and (p.first_late_review_date is null or p.first_late_review_date > l.month_end)
                then 1
            else 0
        end as n_cpp_reviews_on_time,
        p.referral_date,
        p.start_date as plan_start_date,
        p.end_date as plan_end_date,
        cast(p.start_date + interval 2 year as date) as two_years_on_plan_date,
        cast(p.start_date + interval 3 month as date) as three_months_on_plan_date,
        v.last_review_date,
        cast(coalesce(v.last_review_date + interval 6 month, p.start_date + interval 3 month) as date)
            as next_review_due_date,
        case when p.first_late_review_date <= l.month_end then cast(p.first_late_review_date - 1 as date) end
            as missed_review_due_date
    from cp_plans as p
    join las as l on p.la_code = l.la_code
    left join referrals as r
        on p.la_code = r.la_code and p.child_id = r.child_id and p.referral_date = r.referral_date
    left join last_reviews as v
        on p.la_code = v.la_code and p.child_id = v.child_id and p.start_date = v.start_date
    where p.start_date <= l.month_end and (p.end_date is null or p.end_date > l.month_end)
),

records as (
    select * from open_episodes
    union all by name
    select * from open_cin_plans
    union all by name
    select * from open_assessments
    union all by name
    select * from open_cp_plans
),

final as (
    select
        r.la_code,
        r.child_id,
        r.record,
        coalesce(t.team, 'Not recorded') as team,
        coalesce(t.worker, 'Not recorded') as worker,
        coalesce(t.locality, 'Not recorded') as locality,
        coalesce(t.sex_group, 'Unknown') as by_sex,
        coalesce(t.ethnicity_group, 'Not known') as by_ethnicity,
        coalesce(t.disability_group, 'Not recorded') as by_disability,
        coalesce(r.source_group, 'Unknown') as by_referral_source,
        coalesce(t.locality, 'Not recorded') as by_locality,
        r.abuse_category as by_abuse_category,
        cast(r.n_cin_open as integer) as n_cin_open,
        cast(r.n_cin_plans_open as integer) as n_cin_plans_open,
        cast(r.n_assessments_open_over_45wd as integer) as n_assessments_open_over_45wd,
        cast(r.n_cpp_open as integer) as n_cpp_open,
        cast(r.n_cpp_open_2y_plus as integer) as n_cpp_open_2y_plus,
        cast(r.n_cpp_open_3m as integer) as n_cpp_open_3m,
        cast(r.n_cpp_reviews_on_time as integer) as n_cpp_reviews_on_time,
        r.record_start_date,
        r.referral_date,
        r.closure_date,
        cast(r.referrals_merged as integer) as referrals_merged,
        r.plan_start_date,
        r.plan_end_date,
        r.abuse_category,
        r.two_years_on_plan_date,
        r.three_months_on_plan_date,
        r.last_review_date,
        r.next_review_due_date,
        r.missed_review_due_date,
        r.assessment_start_date,
        r.assessment_due_date,
        cast(r.working_days_open as integer) as working_days_open,
        cast(r.n_assessments_open_over_45wd as integer) as x_assessment_over_45wd,
        cast(
            r.record = 'Assessment' and r.n_assessments_open_over_45wd = 0
            and r.working_days_open between 40 and 45 as integer
        ) as x_assessment_due_5wd,
        cast(
            r.n_cpp_open_3m = 1 and r.n_cpp_reviews_on_time = 0
            and coalesce(r.next_review_due_date < a.month_end, false) as integer
        ) as x_cpp_review_overdue
    from records as r
    cross join as_at as a
    left join attributes as t on r.la_code = t.la_code and r.child_id = t.child_id
)

select * from final
