-- Grain: one row per CLA review (la_code, child_id, review_date).
-- Reads: ssda903_reviews (raw). Rules: REVIEW_CODE PN0 (under 4) to PN7 [C]; renamed only.
with source as (
    select * from ssda903_reviews
),

final as (
    select
        la_code,
        child as child_id,
        review as review_date,
        upper(trim(review_code)) as review_code
    from source
)

select * from final
