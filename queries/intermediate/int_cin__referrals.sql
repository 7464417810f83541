-- Grain: one row per referral (la_code, child_id, referral_date), with what happened in its episode.
-- Reads: stg_cin__details, stg_cin__assessment, stg_cin__plan, stg_cin__s47, stg_cin__cpp,
-- stg_ssda903__episodes. Materialise: table.
-- Rules:
--   Same-day duplicates are already one referral (stg_cin__details, as DfE de-duplicates).
--   is_rereferral [C]: the child's previous referral (any, including NFA referrals and referrals from
--   earlier returns) is dated within the 12 months before this one. "Within 12 months" includes a
--   previous referral exactly 12 months earlier (same day of the month a year before) [U: DfE does not
--   say; we read "within" as inclusive]. Same-day duplicates never re-refer themselves.
--   source_group: CIN ReferralSource codes of data_layouts 2.9 grouped (police 6, schools 2A,
--   health 3A-3F, ...).
--   Episode contents link on (child, CINreferralDate). "Care" = an SSDA903 episode (not a short break,
--   R6) starting between the referral and the closure (ids shared across returns in the demo).
--   assessed_not_in_need [C LAIT]: assessed, closed with RC8 or RC9, and no CIN plan, S47, CP plan or care.
with referrals as (
    select * from stg_cin__details
),

assessments as (
    select la_code, child_id, referral_date, count(*) as n from stg_cin__assessment group by all
),

cin_plans as (
    select la_code, child_id, referral_date, count(*) as n from stg_cin__plan group by all
),

s47s as (
    select la_code, child_id, referral_date, count(*) as n from stg_cin__s47 group by all
),

cp_plans as (
    select la_code, child_id, referral_date, count(*) as n from stg_cin__cpp group by all
),

care as (
    select la_code, child_id, start_date
    from stg_ssda903__episodes
    where coalesce(legal_status, '') not in ('V3', 'V4')
),

sequenced as (
    select
        *,
        lag(referral_date) over (partition by la_code, child_id order by referral_date) as previous_referral_date
    from referrals
),

with_care as (
    select
        sequenced.la_code,
        sequenced.child_id,
        sequenced.referral_date,
        count(care.start_date) > 0 as has_care
    from sequenced
    left join care
        on sequenced.la_code = care.la_code
        and sequenced.child_id = care.child_id
        and care.start_date >= sequenced.referral_date
        and care.start_date <= coalesce(sequenced.closure_date, date '9999-12-31')
    group by all
),

final as (
    select
        s.la_code,
        s.child_id,
        s.referral_date,
        s.referral_source,
        to_source_group(s.referral_source) as source_group,
        s.is_nfa,
        s.closure_date,
        s.closure_reason,
        s.episode_icpc_date,
        s.previous_referral_date,
        coalesce(s.previous_referral_date >= cast(s.referral_date - interval 12 month as date), false)
            as is_rereferral,
        a.n is not null as has_assessment,
        p.n is not null as has_cin_plan,
        q.n is not null as has_s47,
        c.n is not null as has_cp_plan,
        coalesce(w.has_care, false) as has_care,
        a.n is not null
            and s.closure_reason in ('RC8', 'RC9')
            and p.n is null and q.n is null and c.n is null
            and not coalesce(w.has_care, false) as assessed_not_in_need
    from sequenced as s
    left join assessments as a using (la_code, child_id, referral_date)
    left join cin_plans as p using (la_code, child_id, referral_date)
    left join s47s as q using (la_code, child_id, referral_date)
    left join cp_plans as c using (la_code, child_id, referral_date)
    left join with_care as w using (la_code, child_id, referral_date)
)

select * from final
