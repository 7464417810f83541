-- Grain: one row per child in the CIN census (la_code, child_id).
-- Reads: cin_child (raw, one row per LAchildID: the loader keeps the latest return; so no window
-- dedup here, which cost seconds at 150 authorities and removed nothing: tests/extracts
-- test_raw_keys_unique holds the loader to it).
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
)

select * from final
