-- Grain: one row per placement of a child (la_code, child_id, placement_no), as counted by rule R8 (see
-- int_cla__episodes: temporary moves and the return from them, and placing for adoption with the current
-- foster carer, do not start a placement; a change of legal status only never does).
-- Reads: int_cla__episodes.
-- Materialise: table.
-- Rules: start_date = DECOM of the episode that started it; end_date = DEC of its last episode (null while
-- open). The first episode gives the placement type, provider, distance and whether it is outside the LA
-- (DfE measures a new placement where it starts).
with episodes as (
    select * from int_cla__episodes
),

final as (
    select
        la_code,
        child_id,
        placement_no,
        min(start_date) as start_date,
        case when bool_and(end_date is not null) then max(end_date) end as end_date,
        arg_min(placement_type, start_date) as placement_type,
        arg_min(distance_miles, start_date) as distance_miles,
        arg_min(outside_la, start_date) as outside_la
    from episodes
    group by la_code, child_id, placement_no
)

select * from final
