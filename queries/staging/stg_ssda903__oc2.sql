-- Grain: one row per child in the OC2 cohort of a collection year (la_code, child_id, collection_year):
-- children looked after continuously for 12+ months at 31 March, short breaks excluded [C].
-- Reads: ssda903_oc2 (raw). Rules: renamed only; 0/1 flags kept as integers.
with source as (
    select * from ssda903_oc2
),

final as (
    select
        la_code,
        child as child_id,
        collection_year,
        make_date(collection_year, 3, 31) as cohort_date,
        sdq_score,
        upper(trim(sdq_reason)) as sdq_reason,
        health_assessment,
        teeth_check,
        immunisations
    from source
)

select * from final
