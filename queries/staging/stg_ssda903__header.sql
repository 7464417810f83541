-- Grain: one row per child in the SSDA903 header (la_code, child_id).
-- Reads: ssda903_header (raw; the loader keeps the latest return's row per child).
-- Rules: renamed and typed only. SEX is stored as M/F/U by the loader (1 -> M, 2 -> F before 2024-25).
with source as (
    select * from ssda903_header
),

final as (
    select
        la_code,
        child as child_id,
        upper(trim(sex)) as sex,
        dob as birth_date,
        upper(trim(ethnic)) as ethnicity
    from source
    qualify row_number() over (
        partition by la_code, child order by collection_year desc nulls last, source_row desc
    ) = 1
)

select * from final
