-- Grain: one row per social-worker allocation of a child in care (la_code, child_id, start_date).
-- Reads: ssda903_sw_episodes (raw, from 2023-24). Rules: renamed only; end_date blank while open.
with source as (
    select * from ssda903_sw_episodes
),

final as (
    select
        la_code,
        child as child_id,
        upper(trim(sw_id)) as social_worker_id,
        sw_decom as start_date,
        sw_dec as end_date,
        collection_year
    from source
)

select * from final
