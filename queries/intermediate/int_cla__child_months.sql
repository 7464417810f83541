-- Grain: one row per LA, month end and child looked after at that month end (la_code, period_end,
-- child_id), with everything the stock indicators count about the child on that date.
-- Reads: int_cla__month_ends, int_cla__episodes, int_cla__placements, stg_ssda903__header,
-- stg_ssda903__uasc, int_children__attributes, stg_ssda903__sw_episodes, and stg_local__visits through
-- the macro recent_seen_visits.
-- A view, not a table: only int_cla__stocks_monthly reads it, and writing a million child-months to
-- disk at every build cost more than reading them once in place.
-- Rules:
--   In care at E [C]: an episode (short breaks excluded, R6) with DECOM <= E and DEC blank or after E.
--   Age (R9): completed years at E; age bands Under 1, 1-4, 5-9, 10-15, 16 and over.
--   UASC at E [C]: listed in uasc.csv with DUC blank or after E.
--   placement_group [U: app grouping of data_layouts 1.2.4 aligned with DfE categories]: Foster (U1-U6,
--   legacy Q1/Q2), Placed for adoption (A3-A6), Children's homes (K1, K2), Independent or supported
--   (H5, P2, K3), Placed with parents (P1), Other (everything else: Z1, Z11-Z14, R*, S1, P3, T0-T4).
--   looked_after_2_5y: continuously looked after 2.5 years or more, period_start <= E - 30 months (a
--   child who started exactly 2.5 years before E counts); looked_after_2y: period_start <= E - 24 months.
--   same_carer_2y: the stability run (int_cla__episodes.stability_start) began on or before E - 24 months.
--   placements_12m / _24m: placements (R8) overlapping the 12 / 24 months to E, counting one open on the
--   window's first day (ended on or after it) and the one open at E [C LAIT "placements open on 1 April
--   and on 31 March count"], across periods of care.
--   social_workers_12m [C]: distinct SW_IDs with an allocation overlapping the 12 months to E (a worker
--   counts once, so A -> B -> A is 2). last_cla_visit: the latest CLA visit with the child seen in E's
--   month or the month before (local visits file) [L]; null when there is none there, as for a child never
--   seen. Only the 6-week visit figure reads it (a visit after E - 42, which two months always reach), and
--   the child list children_cla_stocks finds the latest visit however old for its own column.
--   unregistered_setting [L]: placed in H5, P2, K3 or any Z code.
with calendar as (
    select * from int_cla__month_ends
),

episodes as (
    select * from int_cla__episodes
),

placements as (
    select * from int_cla__placements
),

header as (
    select * from stg_ssda903__header
),

uasc as (
    select * from stg_ssda903__uasc
),

attributes as (
    select * from int_children__attributes
),

overlapping_children as (
    -- children with an episode starting before an earlier one ended (returns that disagree, which the
    -- loader reports): only they can have two episodes open at one month end
    select distinct la_code, child_id
    from (
        select
            la_code,
            child_id,
            start_date,
            max(coalesce(end_date, date '9999-12-31')) over (
                partition by la_code, child_id order by start_date
                rows between unbounded preceding and 1 preceding
            ) as earlier_end
        from episodes
    )
    where earlier_end > start_date
),

open_episodes as (
    -- every episode open at E (start <= E, end blank or after E), marked when the child's episodes overlap
    select c.la_code, c.period_end, e.* exclude (la_code), o.child_id is not null as overlapping
    from calendar as c
    join episodes as e
        on c.la_code = e.la_code and e.start_date <= c.period_end
        and (e.end_date is null or e.end_date > c.period_end)
    left join overlapping_children as o on e.la_code = o.la_code and e.child_id = o.child_id
),

in_care as (
    -- one episode per child at E. Without overlaps there is only one open: no tie-break (a window over
    -- every child-month was 11 of the 12 seconds of this step at 150 authorities); with them, the
    -- latest-starting open episode
    select * exclude (overlapping) from open_episodes where not overlapping
    union all
    select * exclude (overlapping) from open_episodes where overlapping
    qualify row_number() over (partition by la_code, period_end, child_id order by start_date desc) = 1
),

placement_counts as (
    select
        i.la_code,
        i.period_end,
        i.child_id,
        count(*) filter (
            where coalesce(p.end_date, date '9999-12-31') >= cast(i.period_end - interval 12 month + interval 1 day as date)
        ) as placements_12m,
        count(*) filter (
            where coalesce(p.end_date, date '9999-12-31') >= cast(i.period_end - interval 24 month + interval 1 day as date)
        ) as placements_24m
    from in_care as i
    join placements as p
        on i.la_code = p.la_code and i.child_id = p.child_id and p.start_date <= i.period_end
        and coalesce(p.end_date, date '9999-12-31') >= cast(i.period_end - interval 24 month + interval 1 day as date)
    group by i.la_code, i.period_end, i.child_id
),

social_workers as (
    select i.la_code, i.period_end, i.child_id, count(distinct s.social_worker_id) as social_workers_12m
    from in_care as i
    join stg_ssda903__sw_episodes as s
        on i.la_code = s.la_code and i.child_id = s.child_id and s.start_date <= i.period_end
        and coalesce(s.end_date, date '9999-12-31') >= cast(i.period_end - interval 12 month + interval 1 day as date)
    group by i.la_code, i.period_end, i.child_id
),

visits as (
    -- the latest seen CLA visit of E's month or the month before (the macro recent_seen_visits)
    select la_code, child_id, period_end, last_seen_date as last_cla_visit
    from recent_seen_visits(['CLA'])
),

final as (
    select
        i.la_code,
        i.period_end,
        i.child_id,
        i.start_date as episode_start,
        i.legal_status,
        i.placement_type,
        i.period_start,
        date_sub('year', h.birth_date, i.period_end) as age_years,
        to_age_band(date_sub('year', h.birth_date, i.period_end)) as age_band,
        to_sex_group(h.sex) as sex_group,
        to_ethnicity_group(h.ethnicity) as ethnicity_group,
        coalesce(u.child_id is not null and (u.uasc_ceased_date is null or u.uasc_ceased_date > i.period_end), false)
            as is_uasc,
        coalesce(a.disability_group, 'Not recorded') as disability_group,
        coalesce(a.locality, 'Not recorded') as locality,
        to_placement_group(i.placement_type) as placement_group,
        i.period_start <= cast(i.period_end - interval 30 month as date) as looked_after_2_5y,
        i.period_start <= cast(i.period_end - interval 24 month as date) as looked_after_2y,
        i.stability_start <= cast(i.period_end - interval 24 month as date) as same_carer_2y,
        coalesce(pc.placements_12m, 0) as placements_12m,
        coalesce(pc.placements_24m, 0) as placements_24m,
        i.distance_miles,
        i.outside_la,
        coalesce(sw.social_workers_12m, 0) as social_workers_12m,
        vi.last_cla_visit,
        i.placement_type in ('H5', 'P2', 'K3') or i.placement_type like 'Z%' as unregistered_setting
    from in_care as i
    left join header as h using (la_code, child_id)
    left join uasc as u using (la_code, child_id)
    left join attributes as a using (la_code, child_id)
    left join placement_counts as pc using (la_code, period_end, child_id)
    left join social_workers as sw using (la_code, period_end, child_id)
    left join visits as vi using (la_code, period_end, child_id)
)

select * from final
