-- Grain: one row per SSDA903 episode of care that counts as care (la_code, child_id, start_date), short
-- breaks excluded, with its period of care, placement and carer-run numbers.
-- Reads: stg_ssda903__episodes, stg_ssda903__episode_places, int_geo__placement_distances.
-- Materialise: table.
-- Rules:
--   R6 [C]: episodes with legal status V3/V4 (agreed series of short breaks) are dropped first.
--   R7 [C]: episodes of a child in DECOM order; a period of care starts at RNE 'S' (or, to survive bad
--   data, after an episode that ended with REC other than X1 or a gap between episodes) and ends at the
--   first episode whose REC is not X1. period_start / period_end (null while in care) describe it.
--   R8 [C LAIT / U]: starts_placement (for counting placements): RNE in S, P, B, T, U, except
--     - a T/U move into A3/A5 (placed for adoption with the current foster carer) [C: not a change],
--     - a temporary episode (T0-T4) and the return from it to the same PLACE and PL_POST [U: our rule;
--       903 rule 383 requires the child to return to the previous placement]. An 'L' episode (legal
--       status only) never starts a placement.
--   starts_carer_run (for long-term stability "living with the same carer" [C]): only S, P and B break
--   the run; L, T and U do not; temporary episodes and the return from them do not either [U].
--   stability_start: the start of the current carer run; when the run is an adoptive placement (A3-A6)
--   that began with a change of carer, the start of the run before it in the same period (DfE counts the
--   adoptive placement plus the previous placement) [C].
with episodes as (
    select * from stg_ssda903__episodes
    where legal_status not in ('V3', 'V4') or legal_status is null
),

places as (
    select * from stg_ssda903__episode_places
),

distances as (
    select * from int_geo__placement_distances
),

joined as (
    select
        e.*,
        p.placement_provider,
        p.placement_postcode,
        p.home_postcode,
        p.reason_place_change,
        p.category_of_need,
        d.distance_miles,
        d.outside_la,
        e.placement_type in ('T0', 'T1', 'T2', 'T3', 'T4') as is_temporary
    from episodes as e
    left join places as p using (la_code, child_id, start_date)
    left join distances as d using (la_code, child_id, start_date)
),

with_previous as (
    select
        *,
        lag(end_date) over w as previous_end,
        lag(reason_ceased) over w as previous_reason_ceased,
        lag(is_temporary) over w as previous_is_temporary,
        lag(placement_type, 2) over w as placement_before_temporary,
        lag(placement_postcode, 2) over w as postcode_before_temporary
    from joined
    window w as (partition by la_code, child_id order by start_date)
),

flagged as (
    select
        *,
        reason_new_episode = 'S' or previous_end is null or previous_end <> start_date
            or coalesce(previous_reason_ceased, 'X1') <> 'X1' as starts_period,
        coalesce(previous_is_temporary, false)
            and placement_type is not distinct from placement_before_temporary
            and placement_postcode is not distinct from postcode_before_temporary as is_return_from_temporary
    from with_previous
),

numbered as (
    select
        *,
        starts_period
            or (reason_new_episode in ('P', 'B', 'T', 'U') and not is_temporary and not is_return_from_temporary
                and not (reason_new_episode in ('T', 'U') and placement_type in ('A3', 'A5')))
            as starts_placement,
        starts_period
            or (reason_new_episode in ('P', 'B') and not is_temporary and not is_return_from_temporary)
            as starts_carer_run
    from flagged
),

counters as (
    select
        *,
        sum(cast(starts_period as integer)) over w as period_no,
        sum(cast(starts_placement as integer)) over w as placement_no,
        sum(cast(starts_carer_run as integer)) over w as carer_run_no
    from numbered
    window w as (partition by la_code, child_id order by start_date rows unbounded preceding)
),

periods as (
    select
        la_code, child_id, period_no,
        min(start_date) as period_start,
        arg_max(case when coalesce(reason_ceased, 'X1') <> 'X1' then end_date end, start_date) as period_end,
        arg_max(reason_ceased, start_date) as period_reason_ceased
    from counters
    group by la_code, child_id, period_no
),

run_bounds as (
    select
        la_code, child_id, period_no, carer_run_no,
        min(start_date) as run_start,
        arg_min(placement_type, start_date) as run_first_placement
    from counters
    group by la_code, child_id, period_no, carer_run_no
),

carer_runs as (
    select
        *,
        lag(run_start) over (partition by la_code, child_id, period_no order by carer_run_no)
            as previous_run_start
    from run_bounds
),

final as (
    select
        c.la_code,
        c.child_id,
        c.start_date,
        c.end_date,
        c.reason_new_episode,
        c.legal_status,
        c.placement_type,
        c.reason_ceased,
        c.placement_provider,
        c.placement_postcode,
        c.category_of_need,
        c.distance_miles,
        c.outside_la,
        c.is_temporary,
        c.starts_period,
        c.starts_placement,
        c.starts_carer_run,
        c.period_no,
        p.period_start,
        p.period_end,
        p.period_reason_ceased,
        c.placement_no,
        c.carer_run_no,
        r.run_start as carer_run_start,
        case
            when r.run_first_placement in ('A3', 'A4', 'A5', 'A6') and r.previous_run_start is not null
                then r.previous_run_start
            else r.run_start
        end as stability_start
    from counters as c
    join periods as p using (la_code, child_id, period_no)
    join carer_runs as r using (la_code, child_id, period_no, carer_run_no)
)

select * from final
