-- Grain: one row per LA, month end and breakdown value (la_code, period_end, breakdown, breakdown_value)
-- with every children-in-care stock counted as at period_end (period_start = period_end).
-- Reads: int_cla__child_months, int_cla__month_ends.
-- Materialise: table.
-- Rules: distinct children looked after at period_end (int_cla__child_months) counted by breakdown:
-- age band, sex, ethnicity group, UASC, disability, placement type group, locality. Every month end has
-- a row for every group the LA ever had (0 when empty) and an 'all' row. n_* columns:
--   n_cla; n_uasc; n_foster / n_childrens_homes / n_independent / n_with_parents / n_placed_for_adoption /
--   n_other_placements (placement groups); n_3plus_12m (3+ placements in the 12 months); n_la_2y and
--   n_la_2y_3plus (looked after 2+ years; of those 3+ placements in 24 months); n_ltc_cohort (under 16
--   and looked after 2.5+ years) and n_ltc_stable (of those, same carer 2+ years); n_distance_known,
--   n_over_20 (distance > 20 miles, rounded), n_outside (outside the LA), n_outside_over_20 (both);
--   n_under16_unregistered (under 16 in H5/P2/K3/Z*); n_sw_3plus (3+ distinct social workers in the 12
--   months); n_visit_cohort (in care 6 weeks or more: period start <= E - 42 days) and n_visited_6wk (of
--   those, a CLA visit with the child seen in the 42 days to E: visit date > E - 42) [L].
with months as (
    select * from int_cla__child_months
),

calendar as (
    select * from int_cla__month_ends
),

children as (
    select
        la_code,
        period_end,
        age_band,
        sex_group,
        ethnicity_group,
        is_uasc,
        disability_group,
        placement_group,
        locality,
        1 as n_cla,
        cast(is_uasc as integer) as n_uasc,
        cast(placement_group = 'Foster' as integer) as n_foster,
        cast(placement_group = 'Children''s homes' as integer) as n_childrens_homes,
        cast(placement_group = 'Independent or supported' as integer) as n_independent,
        cast(placement_group = 'Placed with parents' as integer) as n_with_parents,
        cast(placement_group = 'Placed for adoption' as integer) as n_placed_for_adoption,
        cast(placement_group = 'Other' as integer) as n_other_placements,
        cast(placements_12m >= 3 as integer) as n_3plus_12m,
        cast(looked_after_2y as integer) as n_la_2y,
        cast(looked_after_2y and placements_24m >= 3 as integer) as n_la_2y_3plus,
        cast(coalesce(age_years < 16, false) and looked_after_2_5y as integer) as n_ltc_cohort,
        cast(coalesce(age_years < 16, false) and looked_after_2_5y and same_carer_2y as integer) as n_ltc_stable,
        cast(distance_miles is not null as integer) as n_distance_known,
        cast(coalesce(distance_miles > 20, false) as integer) as n_over_20,
        cast(coalesce(outside_la, false) as integer) as n_outside,
        cast(coalesce(outside_la and distance_miles > 20, false) as integer) as n_outside_over_20,
        cast(coalesce(age_years < 16, false) and unregistered_setting as integer) as n_under16_unregistered,
        cast(social_workers_12m >= 3 as integer) as n_sw_3plus,
        cast(period_start <= period_end - 42 as integer) as n_visit_cohort,
        cast(period_start <= period_end - 42 and coalesce(last_cla_visit > period_end - 42, false) as integer)
            as n_visited_6wk
    from months
),

counted as (
    -- one pass with grouping sets: the 'all' total and one set per breakdown (no row multiplication).
    -- The 0/1 flags are counted (count of the non-zero ones), not summed: DuckDB sums integers into a
    -- 128-bit accumulator, which costs twice as much over millions of child-months.
    select
        la_code,
        period_end,
        case
            when grouping(age_band) = 0 then 'age_band'
            when grouping(sex_group) = 0 then 'sex'
            when grouping(ethnicity_group) = 0 then 'ethnicity'
            when grouping(is_uasc) = 0 then 'uasc'
            when grouping(disability_group) = 0 then 'disability'
            when grouping(placement_group) = 0 then 'placement_type'
            when grouping(locality) = 0 then 'locality'
            else 'all'
        end as breakdown,
        case
            when grouping(age_band) = 0 then age_band
            when grouping(sex_group) = 0 then sex_group
            when grouping(ethnicity_group) = 0 then ethnicity_group
            when grouping(is_uasc) = 0 then case when is_uasc then 'UASC' else 'Not UASC' end
            when grouping(disability_group) = 0 then disability_group
            when grouping(placement_group) = 0 then placement_group
            when grouping(locality) = 0 then locality
            else 'all'
        end as breakdown_value,
        count(nullif(columns('^n_'), 0))
    from children
    group by grouping sets (
        (la_code, period_end),
        (la_code, period_end, age_band),
        (la_code, period_end, sex_group),
        (la_code, period_end, ethnicity_group),
        (la_code, period_end, is_uasc),
        (la_code, period_end, disability_group),
        (la_code, period_end, placement_group),
        (la_code, period_end, locality)
    )
),

groups as (
    select distinct la_code, breakdown, breakdown_value from counted
    union
    select distinct la_code, 'all', 'all' from calendar
),

grid as (
    select c.la_code, c.period_end, g.breakdown, g.breakdown_value
    from calendar as c
    join groups as g using (la_code)
),

final as (
    select
        c.la_code,
        c.period_end as period_start,
        c.period_end,
        g.breakdown,
        g.breakdown_value,
        cast(coalesce(columns(counted.* exclude (la_code, period_end, breakdown, breakdown_value)), 0) as bigint),
        c.cla_stock_history,
        c.cla_flow_history,
        c.cla_2y_history,
        c.cla_stability_history,
        c.sw_history,
        c.visits_history,
        c.cla_gap_note,
        c.visits_gap_note,
        c.population_year,
        c.population
    from grid as g
    join calendar as c using (la_code, period_end)
    left join counted
        on g.la_code = counted.la_code and g.period_end = counted.period_end
        and g.breakdown = counted.breakdown and g.breakdown_value = counted.breakdown_value
)

select * from final
