-- Grain: one row per child in the CIN census (la_code, child_id).
-- Reads: cin_child (raw, one row per LAchildID: the loader keeps the latest return).
-- Rules: Sex is already M/F/U whichever of Sex / GenderCurrent the year used (data_layouts 2.1);
-- ethnicity codes are upper-case trimmed by the loader. Nothing else is changed here.
with source as (
    select * from cin_child
),

final as (
    select
        la_code,
        lachildid as child_id,
        personbirthdate as birth_date,
        expectedpersonbirthdate as expected_birth_date,
        upper(trim(sex)) as sex,
        upper(trim(ethnicity)) as ethnicity,
        persondeathdate as death_date
    from source
    qualify row_number() over (
        partition by la_code, lachildid order by collection_year desc nulls last, source_row desc
    ) = 1
)

select * from final
