-- Grain: one row per referral (CIN episode): (la_code, child_id, referral_date).
-- Reads: cin_details (raw). Rules: the DfE de-duplicates referrals on (LAchildID, CINreferralDate)
-- (data_layouts 0, "Multi-year"), so same-day duplicate referrals of one child count once here: the row
-- from the latest return wins, then a closed row over an open one. ReferralNFA null is read as false.
with source as (
    select * from cin_details
),

final as (
    select
        la_code,
        lachildid as child_id,
        cinreferraldate as referral_date,
        upper(trim(referralsource)) as referral_source,
        upper(trim(primaryneedcode)) as primary_need,
        cinclosuredate as closure_date,
        upper(trim(reasonforclosure)) as closure_reason,
        dateofinitialcpc as episode_icpc_date,
        coalesce(referralnfa, false) as is_nfa,
        collection_year
    from source
    qualify row_number() over (
        partition by la_code, lachildid, cinreferraldate
        order by collection_year desc nulls last, cinclosuredate desc nulls last, source_row desc
    ) = 1
)

select * from final
