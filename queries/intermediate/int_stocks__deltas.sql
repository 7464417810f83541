-- Grain: one row per change to a stock: a case, plan or assessment entering (+1) or leaving (-1) a count
-- at a month end, with the child's breakdown groups (la_code, child_id, month_end, measure columns).
-- Reads: int_cin__referrals, stg_cin__plan, int_cin__assessments, int_cin__cp_plans,
-- int_children__attributes.
-- Rules: a record counts at month end E when it is open at E: start <= E and (end is null or end > E).
-- So it enters at the month end of its start and leaves at the month end of its end (same month: it never
-- counts). Stocks are the running sum of these changes (int_stocks__monthly), which is much cheaper than
-- testing every record against every month end.
--   n_cin_open [C]: children with an open, non-NFA CIN episode (CINreferralDate <= E < CINclosureDate or
--   no closure). Overlapping episodes of one child are merged first, so each child counts once.
--   n_cin_plans_open: open CIN plans (one at a time per child).
--   n_assessments_open_over_45wd [L]: started, not authorised by E, and E on or after the 46th working
--   day after the start (wd(start, E) > 45).
--   n_cpp_open [C]: open CP plans; n_cpp_open_2y_plus [C D5]: open plans with start + 2 years <= E;
--   n_cpp_open_3m: open plans with start + 3 months <= E (the review measure's cohort [C LAIT]);
--   n_cpp_reviews_on_time: of those, plans whose reviews have all been on time so far (E before the
--   plan's first_late_review_date, int_cin__cp_plans).
--   Breakdowns are the child's fixed groups plus the episode's referral source and, for plans, the latest
--   category of abuse. Age is not offered for stocks: it changes with the month end.
with referrals as (
    select * from int_cin__referrals where not is_nfa
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

children as (
    select * from int_children__attributes
),

ordered_episodes as (
    select
        la_code, child_id, referral_date, closure_date, source_group,
        max(coalesce(closure_date, date '9999-12-31')) over (
            partition by la_code, child_id order by referral_date
            rows between unbounded preceding and 1 preceding
        ) as previous_end
    from referrals
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
        arg_min(source_group, referral_date) as source_group
    from island_ids
    group by la_code, child_id, island
),

sourced_cp_plans as materialized (
    -- each plan with its episode's referral source, joined once for the four plan measures below
    select p.*, r.source_group
    from cp_plans as p
    left join int_cin__referrals as r using (la_code, child_id, referral_date)
),

spans as (
    -- measure, start of counting, end of counting (exclusive), breakdown extras
    select la_code, child_id, 'cin_open' as measure, start_date as enter_date, end_date as leave_date,
        source_group, cast(null as varchar) as abuse_category
    from islands
    union all
    select p.la_code, p.child_id, 'cin_plans_open', p.start_date, p.end_date, r.source_group, null
    from cin_plans as p
    left join int_cin__referrals as r using (la_code, child_id, referral_date)
    union all
    select a.la_code, a.child_id, 'assessments_open_over_45wd', a.day_46_date, a.authorised_date,
        r.source_group, null
    from assessments as a
    left join int_cin__referrals as r using (la_code, child_id, referral_date)
    where a.day_46_date is not null
    union all
    select la_code, child_id, 'cpp_open', start_date, end_date, source_group, latest_category
    from sourced_cp_plans
    union all
    select la_code, child_id, 'cpp_open_2y_plus', cast(start_date + interval 2 year as date), end_date,
        source_group, latest_category
    from sourced_cp_plans
    union all
    select la_code, child_id, 'cpp_open_3m', cast(start_date + interval 3 month as date), end_date,
        source_group, latest_category
    from sourced_cp_plans
    union all
    select la_code, child_id, 'cpp_reviews_on_time', cast(start_date + interval 3 month as date),
        least(end_date, first_late_review_date), source_group, latest_category
    from sourced_cp_plans
),

counted_spans as (
    -- a span that ends in or before the month it would start in never counts at a month end
    select *
    from spans
    where enter_date is not null
        and (leave_date is null or last_day(leave_date) > last_day(enter_date))
),

changes as (
    select la_code, child_id, measure, last_day(enter_date) as month_end, 1 as change,
        source_group, abuse_category
    from counted_spans
    union all
    select la_code, child_id, measure, last_day(leave_date), -1, source_group, abuse_category
    from counted_spans
    where leave_date is not null
),

final as (
    select
        c.la_code,
        c.child_id,
        c.month_end,
        coalesce(ch.sex_group, 'Unknown') as sex_group,
        coalesce(ch.ethnicity_group, 'Not known') as ethnicity_group,
        coalesce(ch.disability_group, 'Not recorded') as disability_group,
        coalesce(c.source_group, 'Unknown') as source_group,
        coalesce(ch.locality, 'Not recorded') as locality,
        c.abuse_category,
        case when c.measure = 'cin_open' then c.change else 0 end as n_cin_open,
        case when c.measure = 'cin_plans_open' then c.change else 0 end as n_cin_plans_open,
        case when c.measure = 'assessments_open_over_45wd' then c.change else 0 end
            as n_assessments_open_over_45wd,
        case when c.measure = 'cpp_open' then c.change else 0 end as n_cpp_open,
        case when c.measure = 'cpp_open_2y_plus' then c.change else 0 end as n_cpp_open_2y_plus,
        case when c.measure = 'cpp_open_3m' then c.change else 0 end as n_cpp_open_3m,
        case when c.measure = 'cpp_reviews_on_time' then c.change else 0 end as n_cpp_reviews_on_time
    from changes as c
    left join children as ch using (la_code, child_id)
)

select * from final
