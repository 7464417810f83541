-- Grain: one row per SSDA903 episode (la_code, child_id, start_date): where and with whom the child was
-- placed, the columns stg_ssda903__episodes does not carry.
-- Reads: ssda903_episodes (raw; stitched across returns by the loader).
-- Rules: renamed and typed only; postcodes upper-cased with runs of spaces squeezed (distances are worked
-- out in int_geo__placement_distances). PL_DISTANCE 999.9 means "not computable" [C] and is kept as given.
with source as (
    select * from ssda903_episodes
),

final as (
    select
        la_code,
        child as child_id,
        decom as start_date,
        collection_year,
        upper(trim(cin)) as category_of_need,
        upper(trim(place_provider)) as placement_provider,
        upper(trim(reason_place_change)) as reason_place_change,
        nullif(regexp_replace(upper(trim(home_post)), '\s+', ' ', 'g'), '') as home_postcode,
        nullif(regexp_replace(upper(trim(pl_post)), '\s+', ' ', 'g'), '') as placement_postcode,
        pl_distance as given_distance_miles,
        upper(trim(pl_location)) as given_location,
        upper(trim(pl_la)) as placement_la
    from source
)

select * from final
