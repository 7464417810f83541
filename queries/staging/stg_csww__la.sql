-- Grain: one row per LA and CSWW census year (la_code, collection_year): vacancies and agency cover at 30 Sep.
-- Reads: csww_la (raw). Rules: renamed only. A post covered by an agency worker is still a vacancy [C].
with source as (
    select * from csww_la
),

final as (
    select
        la_code,
        collection_year,
        make_date(collection_year, 9, 30) as census_date,
        numberofvacancies as vacancy_fte,
        noagencyfte as agency_fte
    from source
)

select * from final
