-- Grain: one row per SSDA903 episode (la_code, child_id, start_date) with the distance from the home
-- postcode to the placement postcode and whether the placement is outside the responsible LA.
-- Reads: stg_ssda903__episode_places, int_geo__postcode_centroids.
-- Rules:
--   HOME_POST and PL_POST may be full postcodes ("DT1 1AA"), sectors ("DT1 1") or districts ("DT1").
--   Each maps to its sector centroid when the sector is known, else to its district centroid. Full
--   postcodes are cut as ONS does: outward code = all but the last 3 characters (spaces removed),
--   sector = outward + ' ' + the first inward digit.
--   miles = round(sqrt(dE^2 + dN^2) / 1000 / 1.6093, 1) [C: DfE / 903 validator formula]. PL_DISTANCE,
--   when the extract gives it, wins over the computed value. 999.9 (or no postcode) = distance not known.
--   "Over 20 miles" is distance_miles > 20 on the rounded figure: 20.0 is not over, 20.1 is.
--   outside_la: PL_LOCATION 'OUT'/'IN' when given [C DfE-derived field]; else PL_LA differs from the LA
--   code; else the placement centroid's local authority differs from the LA code [U: our fallback].
--   Null when none of these is known.
with places as (
    select * from stg_ssda903__episode_places
),

centroids as (
    select * from int_geo__postcode_centroids
),

parsed as (
    select
        *,
        replace(home_postcode, ' ', '') as home_compact,
        replace(placement_postcode, ' ', '') as placement_compact
    from places
),

keyed as (
    select
        *,
        case
            when regexp_matches(home_compact, '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$')
                then home_compact[:-4] || ' ' || home_compact[-3:-3]
            when regexp_matches(home_postcode, '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]$') then home_postcode
        end as home_sector,
        case
            when regexp_matches(home_compact, '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$') then home_compact[:-4]
            when regexp_matches(home_postcode, '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]$')
                then split_part(home_postcode, ' ', 1)
            else home_compact
        end as home_district,
        case
            when regexp_matches(placement_compact, '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$')
                then placement_compact[:-4] || ' ' || placement_compact[-3:-3]
            when regexp_matches(placement_postcode, '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]$') then placement_postcode
        end as placement_sector,
        case
            when regexp_matches(placement_compact, '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$')
                then placement_compact[:-4]
            when regexp_matches(placement_postcode, '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]$')
                then split_part(placement_postcode, ' ', 1)
            else placement_compact
        end as placement_district
    from parsed
),

located as (
    select
        k.*,
        coalesce(hs.easting, hd.easting) as home_easting,
        coalesce(hs.northing, hd.northing) as home_northing,
        coalesce(ps.easting, pd.easting) as placement_easting,
        coalesce(ps.northing, pd.northing) as placement_northing,
        coalesce(ps.laua, pd.laua) as placement_laua
    from keyed as k
    left join centroids as hs on hs.area_kind = 'sector' and hs.area = k.home_sector
    left join centroids as hd on hd.area_kind = 'district' and hd.area = k.home_district
    left join centroids as ps on ps.area_kind = 'sector' and ps.area = k.placement_sector
    left join centroids as pd on pd.area_kind = 'district' and pd.area = k.placement_district
),

measured as (
    select
        *,
        round(sqrt(power(placement_easting - home_easting, 2) + power(placement_northing - home_northing, 2))
            / 1000 / 1.6093, 1) as computed_miles
    from located
),

final as (
    select
        la_code,
        child_id,
        start_date,
        computed_miles,
        nullif(coalesce(given_distance_miles, computed_miles), 999.9) as distance_miles,
        case
            when given_location in ('IN', 'OUT') then given_location = 'OUT'
            when coalesce(placement_la, '') <> '' then placement_la <> la_code
            when placement_laua is not null then placement_laua <> la_code
        end as outside_la
    from measured
)

select * from final
