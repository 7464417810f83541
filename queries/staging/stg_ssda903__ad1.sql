-- Grain: one row per adopted child (la_code, child_id).
-- Reads: ssda903_ad1 (raw). Rules: renamed only. DATE_MATCH = matched with prospective adopters [C].
with source as (
    select * from ssda903_ad1
),

final as (
    select
        la_code,
        child as child_id,
        date_int as decision_date,
        date_match as match_date,
        foster_care as adopted_by_foster_carer
    from source
)

select * from final
