-- Grain: one row per CIN plan (la_code, child_id, start_date).
-- Reads: cin_plan (raw). Rules: de-duplicated on child and start date; a later return (now ended) wins.
with source as (
    select * from cin_plan
),

final as (
    select
        la_code,
        lachildid as child_id,
        cinreferraldate as referral_date,
        cinplanstartdate as start_date,
        cinplanenddate as end_date
    from source
    qualify row_number() over (
        partition by la_code, lachildid, cinplanstartdate
        order by collection_year desc nulls last, cinplanenddate desc nulls last
    ) = 1
)

select * from final
