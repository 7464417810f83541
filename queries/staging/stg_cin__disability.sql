-- Grain: one row per child and disability code (la_code, child_id, disability).
-- Reads: cin_disability (raw). Rules: NONE is a recorded "no disability", kept as a row so that
-- "not recorded" (no rows) and "not disabled" (NONE) can be told apart (data_layouts 2.2).
with source as (
    select * from cin_disability
),

final as (
    select distinct
        la_code,
        lachildid as child_id,
        upper(trim(disability)) as disability
    from source
)

select * from final
