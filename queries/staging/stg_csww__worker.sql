-- Grain: one row per social worker in a CSWW census (la_code, collection_year, worker_id); collection_year
-- Y is the census year 1 Oct (Y-1) - 30 Sep Y.
-- Reads: csww_worker (raw). Rules: renamed and typed only; AgencyWorker 1 = agency, 0 = employed [C].
with source as (
    select * from csww_worker
),

final as (
    select
        la_code,
        collection_year,
        make_date(collection_year, 9, 30) as census_date,
        sweno as worker_id,
        coalesce(agencyworker, 0) = 1 as is_agency,
        fte,
        fte30,
        cases30,
        workingdayslost as working_days_lost,
        rolestartdate as role_start_date,
        roleenddate as role_end_date,
        personbirthdate as birth_date,
        upper(trim(gendercurrent)) as gender,
        upper(trim(ethnicity)) as ethnicity,
        upper(trim(orgrole)) as org_role,
        upper(trim(cfkssstatus)) as kss_status
    from source
)

select * from final
