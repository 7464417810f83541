-- Grain: one row per child protection plan (la_code, child_id, start_date).
-- Reads: cin_cpp (raw). Rules: de-duplicated on child and CPPstartDate (CPPID is a per-return surrogate);
-- a later return's row (now ended) wins. Category codes upper-case.
with source as (
    select * from cin_cpp
),

final as (
    select
        la_code,
        lachildid as child_id,
        cinreferraldate as referral_date,
        cppstartdate as start_date,
        cppenddate as end_date,
        upper(trim(initialcategoryofabuse)) as initial_category,
        upper(trim(latestcategoryofabuse)) as latest_category,
        numberofpreviouscpp as number_of_previous_plans
    from source
    qualify row_number() over (
        partition by la_code, lachildid, cppstartdate
        order by collection_year desc nulls last, cppenddate desc nulls last
    ) = 1
)

select * from final
