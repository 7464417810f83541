-- Grain: one row per SSDA903 episode (la_code, child_id, start_date).
-- Reads: ssda903_episodes (raw; the loader has stitched episodes across returns). Rules: renamed and
-- typed only; short breaks (LS V3/V4, rule R6) are kept here and dropped by whoever counts care.
with source as (
    select * from ssda903_episodes
),

final as (
    select
        la_code,
        child as child_id,
        decom as start_date,
        dec as end_date,
        upper(trim(rne)) as reason_new_episode,
        upper(trim(ls)) as legal_status,
        upper(trim(place)) as placement_type,
        upper(trim(rec)) as reason_ceased
    from source
)

select * from final
