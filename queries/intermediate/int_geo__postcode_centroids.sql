-- Grain: one row per postcode sector or district (area_kind, area) with its centroid in British National
-- Grid metres and the local authority district (ONS code) most of its postcodes lie in.
-- Reads: data/reference/postcode_sectors.parquet and postcode_districts.parquet (built offline by
-- data/reference/build_postcode_sectors.py from the ONS Postcode Directory, OGL v3), by path relative to
-- the project root (the app, CLI and tests run there). INTERIM: once reference.load_reference loads
-- cscdash.reference_geo's tables, this reads ref_postcode_sectors / ref_postcode_districts instead.
-- Rules: nothing is fetched at run time.
with sectors as (
    select * from read_parquet('data/reference/postcode_sectors.parquet')
),

districts as (
    select * from read_parquet('data/reference/postcode_districts.parquet')
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
