-- Grain: one row per assessment (la_code, child_id, start_date).
-- Reads: cin_assessment (raw). Rules: de-duplicated on the child and actual start date (AssessmentID is a
-- per-return surrogate); a later return's row (for example now authorised) wins.
with source as (
    select * from cin_assessment
),

final as (
    select
        la_code,
        lachildid as child_id,
        cinreferraldate as referral_date,
        assessmentactualstartdate as start_date,
        assessmentauthorisationdate as authorised_date
    from source
    qualify row_number() over (
        partition by la_code, lachildid, assessmentactualstartdate
        order by collection_year desc nulls last, assessmentauthorisationdate desc nulls last
    ) = 1
)

select * from final
