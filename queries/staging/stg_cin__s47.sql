-- Grain: one row per section 47 enquiry (la_code, child_id, start_date).
-- Reads: cin_s47 (raw). Rules: de-duplicated on child and S47ActualStartDate; a later return wins.
-- ICPCnotRequired null is read as false.
with source as (
    select * from cin_s47
),

final as (
    select
        la_code,
        lachildid as child_id,
        cinreferraldate as referral_date,
        s47actualstartdate as start_date,
        initialcpctarget as icpc_target_date,
        dateofinitialcpc as icpc_date,
        coalesce(icpcnotrequired, false) as icpc_not_required
    from source
    qualify row_number() over (
        partition by la_code, lachildid, s47actualstartdate
        order by collection_year desc nulls last, dateofinitialcpc desc nulls last
    ) = 1
)

select * from final
