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
--   Shared: the rows per breakdown value come from the macro breakdown_rows, the rows of every month end
--   (0 when empty, and an 'all' row) from every_month_end (queries/macros).
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
    -- one pass with grouping sets: the 'all' total and one set per breakdown (no row multiplication),
    -- each breakdown a by_ column that breakdown_rows turns into breakdown / breakdown_value rows.
    -- The 0/1 flags are counted (count of the non-zero ones), not summed: DuckDB sums integers into a
    -- 128-bit accumulator, which costs twice as much over millions of child-months.
    select
        la_code,
        period_end,
        'all' as by_all, age_band as by_age_band, sex_group as by_sex, ethnicity_group as by_ethnicity,
        to_uasc_group(is_uasc) as by_uasc, disability_group as by_disability,
        placement_group as by_placement_type, locality as by_locality,
        count(nullif(columns('^n_'), 0))
    from children
    group by la_code, period_end, grouping sets (
        (by_all), (by_age_band), (by_sex), (by_ethnicity), (by_uasc), (by_disability), (by_placement_type),
        (by_locality)
    )
),

by_breakdown as (
    select * from breakdown_rows(counted)
),

month_ends as (
    -- a stock: period_start = period_end (the month end is a snapshot)
    select
        la_code,
        period_end as period_start,
        period_end,
        cla_stock_history,
        cla_flow_history,
        cla_2y_history,
        cla_stability_history,
        sw_history,
        visits_history,
        cla_gap_note,
        visits_gap_note,
        population_year,
        population
    from calendar
),

final as (
    -- every month end has a row for every group the LA ever had (0 when empty) and an 'all' row
    select * from every_month_end(by_breakdown, month_ends)
)

select * from final
