-- Grain: one row per care leaver in the OC3 return of a collection year (la_code, child_id, collection_year).
-- Reads: ssda903_oc3 (raw). Rules: renamed and upper-cased only; cohorts are built in
-- int_care_leavers__cohorts.
with source as (
    select * from ssda903_oc3
),

final as (
    select
        la_code,
        child as child_id,
        collection_year,
        upper(trim(in_touch)) as in_touch,
        upper(trim(activ)) as activity,
        upper(trim(accom)) as accommodation
    from source
)

select * from final
