-- Grain: one row per CP review conference (la_code, child_id, plan_start_date, review_date).
-- Reads: cin_cpp_review (raw). Rules: duplicates across returns collapse to one row.
with source as (
    select * from cin_cpp_review
),

final as (
    select distinct
        la_code,
        lachildid as child_id,
        cppstartdate as plan_start_date,
        cppreviewdate as review_date
    from source
)

select * from final
