-- Grain: one row per LA and child looked after at the month end E = list_month_end (la_code, child_id):
-- the children behind the children-in-care stock figures (int_cla__stocks_monthly) at that month end.
-- Reads: int_cla__child_months (every fact and flag, the same rows int_cla__stocks_monthly counts),
-- int_cla__episodes and int_cla__placements (only for the detail: the current placement's start and the
-- date the child's run with the same carer began), int_children__attributes (team, worker, locality),
-- stg_local__visits (last_visit_date, however old).
-- Rules: the n_* columns are int_cla__stocks_monthly's, worked from the same child-month row with the same
-- expressions, so summing them over the rows (or over the rows of one by_ value) gives the aggregate:
--   n_cla 1 for every child in care at the month end (an episode, short breaks excluded, open at E);
--   n_uasc UASC at E; n_foster ... n_other_placements the placement group of the current placement code;
--   n_3plus_12m 3+ placements overlapping the 12 months to E; n_la_2y period of care began on or before
--   E - 24 months, n_la_2y_3plus of those 3+ placements in the 24 months; n_ltc_cohort under 16 and in
--   care since E - 30 months or earlier, n_ltc_stable of those with the same carer since E - 24 months or
--   earlier; n_distance_known a distance is known, n_over_20 over 20 miles (rounded figure), n_outside
--   placed outside the LA, n_outside_over_20 both; n_under16_unregistered under 16 in H5, P2, K3 or a Z
--   code; n_sw_3plus 3+ distinct social workers in the 12 months; n_visit_cohort in care since E - 42
--   days or earlier, n_visited_6wk of those seen on a CLA visit after E - 42 days (visit_window_start =
--   E - 41, the first day that counts).
--   by_ columns: the breakdown values int_cla__stocks_monthly gives the child (age band at E, sex,
--   ethnicity group, UASC group, disability, placement group, locality).
--   Detail: period_of_care_start, age_at_month_end, placement_type (code) and placement_start (the
--   start of the current placement as counted by R8), placed_outside_la (Yes / No / Not known),
--   distance_miles, placements_in_last_12_months / _24_months, same_carer_since, social_workers_in_last_12_
--   months, last_visit_date (latest CLA visit with the child seen on or before E). No postcodes.
--   The parameter is list_month_end, not period_end: DuckDB would put a macro parameter named like a
--   column in place of that column in the views the macro reads when they are not materialised.
create or replace macro children_cla_stocks(list_month_end) as table
with months as (
    select * from int_cla__child_months
),

episodes as (
    select * from int_cla__episodes
),

placements as (
    select * from int_cla__placements
),

attributes as (
    select * from int_children__attributes
),

at_month_end as (
    select m.*
    from months as m
    where m.period_end = cast(list_month_end as date)
),

current_episode as (
    -- the episode int_cla__child_months took as the child's at E (its start is episode_start)
    select
        a.la_code,
        a.child_id,
        e.placement_no,
        e.stability_start
    from at_month_end as a
    join episodes as e
        on a.la_code = e.la_code and a.child_id = e.child_id and a.episode_start = e.start_date
),

last_visits as (
    -- the latest CLA visit with the child seen on or before E, however old (int_cla__child_months keeps
    -- only those of E's month and the month before, all its figures need)
    select v.la_code, v.child_id, max(v.visit_date) as last_visit_date
    from stg_local__visits as v
    semi join at_month_end as a on v.la_code = a.la_code and v.child_id = a.child_id
    where v.visit_type = 'CLA' and v.child_seen and v.visit_date <= cast(list_month_end as date)
    group by v.la_code, v.child_id
),

current_placement as (
    select
        c.la_code,
        c.child_id,
        c.stability_start,
        p.start_date as placement_start
    from current_episode as c
    left join placements as p
        on c.la_code = p.la_code and c.child_id = p.child_id and c.placement_no = p.placement_no
),

children as (
    select
        a.la_code,
        a.child_id,
        'Child in care' as record,
        coalesce(t.team, 'Not recorded') as team,
        coalesce(t.worker, 'Not recorded') as worker,
        coalesce(t.locality, 'Not recorded') as locality,
        a.age_band as by_age_band,
        a.sex_group as by_sex,
        a.ethnicity_group as by_ethnicity,
        to_uasc_group(a.is_uasc) as by_uasc,
        a.disability_group as by_disability,
        a.placement_group as by_placement_type,
        a.locality as by_locality,
        1 as n_cla,
        cast(a.is_uasc as integer) as n_uasc,
        cast(a.placement_group = 'Foster' as integer) as n_foster,
        cast(a.placement_group = 'Children''s homes' as integer) as n_childrens_homes,
        cast(a.placement_group = 'Independent or supported' as integer) as n_independent,
        cast(a.placement_group = 'Placed with parents' as integer) as n_with_parents,
        cast(a.placement_group = 'Placed for adoption' as integer) as n_placed_for_adoption,
        cast(a.placement_group = 'Other' as integer) as n_other_placements,
        cast(a.placements_12m >= 3 as integer) as n_3plus_12m,
        cast(a.looked_after_2y as integer) as n_la_2y,
        cast(a.looked_after_2y and a.placements_24m >= 3 as integer) as n_la_2y_3plus,
        cast(coalesce(a.age_years < 16, false) and a.looked_after_2_5y as integer) as n_ltc_cohort,
        cast(coalesce(a.age_years < 16, false) and a.looked_after_2_5y and a.same_carer_2y as integer)
            as n_ltc_stable,
        cast(a.distance_miles is not null as integer) as n_distance_known,
        cast(coalesce(a.distance_miles > 20, false) as integer) as n_over_20,
        cast(coalesce(a.outside_la, false) as integer) as n_outside,
        cast(coalesce(a.outside_la and a.distance_miles > 20, false) as integer) as n_outside_over_20,
        cast(coalesce(a.age_years < 16, false) and a.unregistered_setting as integer) as n_under16_unregistered,
        cast(a.social_workers_12m >= 3 as integer) as n_sw_3plus,
        cast(a.period_start <= a.period_end - 42 as integer) as n_visit_cohort,
        cast(a.period_start <= a.period_end - 42 and coalesce(a.last_cla_visit > a.period_end - 42, false) as integer)
            as n_visited_6wk,
        a.period_start as period_of_care_start,
        a.age_years as age_at_month_end,
        a.placement_type,
        cp.placement_start,
        case when a.outside_la then 'Yes' when not a.outside_la then 'No' else 'Not known' end
            as placed_outside_la,
        a.distance_miles,
        a.placements_12m as placements_in_last_12_months,
        a.placements_24m as placements_in_last_24_months,
        cp.stability_start as same_carer_since,
        a.social_workers_12m as social_workers_in_last_12_months,
        lv.last_visit_date,
        cast(a.period_end - 41 as date) as visit_window_start
    from at_month_end as a
    left join current_placement as cp
        on a.la_code = cp.la_code and a.child_id = cp.child_id
    left join attributes as t
        on a.la_code = t.la_code and a.child_id = t.child_id
    left join last_visits as lv
        on a.la_code = lv.la_code and a.child_id = lv.child_id
),

final as (
    select * from children
)

select * from final
