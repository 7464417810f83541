-- Grain: one row per postcode sector or district (area_kind, area) with its centroid in British National
-- Grid metres and the local authority district (ONS code) most of its postcodes lie in.
-- Reads: ref_postcode_sectors and ref_postcode_districts (loaded by cscdash.reference_geo from
-- data/reference/postcode_*.parquet, built offline by data/reference/build_postcode_sectors.py from the
-- ONS Postcode Directory, OGL v3).
-- Rules: nothing is fetched at run time.
with sectors as (
    select * from ref_postcode_sectors
),

districts as (
    select * from ref_postcode_districts
),

final as (
    select 'sector' as area_kind, cast(sector as varchar) as area, cast(easting as bigint) as easting,
        cast(northing as bigint) as northing, cast(laua as varchar) as laua
    from sectors
    union all
    select 'district', cast(district as varchar), cast(easting as bigint), cast(northing as bigint),
        cast(laua as varchar)
    from districts
)

select * from final
