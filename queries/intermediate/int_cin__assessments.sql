-- Grain: one row per assessment (la_code, child_id, start_date) with its length in working days.
-- Reads: stg_cin__assessment, int_cin__referrals, int_dates__working_days. Materialise: table.
-- Rules:
--   working_days = wd(AssessmentActualStartDate, AssessmentAuthorisationDate) by rule R3 (start day = 0);
--   "within 45 working days" is working_days <= 45, so authorised on working day 45 is in time and on
--   day 46 late. working_days_from_referral uses CINreferralDate as the start (Working Together's 45 days
--   run from referral [L]).
--   day_46_date: the 46th working day after the start, the first date an unauthorised assessment counts
--   as open over 45 working days.
--   is_nfa_outcome [L; derived, as Annex A list 4 is not loaded]: the episode closed with RC8 or RC9
--   (closed after assessment, no further action / early help) with no CIN plan, S47, CP plan or care.
with assessments as (
    select * from stg_cin__assessment
),

referrals as (
    select * from int_cin__referrals
),

days as (
    select * from int_dates__working_days
),

final as (
    select
        a.la_code,
        a.child_id,
        a.referral_date,
        a.start_date,
        a.authorised_date,
        done.working_day_number - started.working_day_number as working_days,
        done.working_day_number - referred.working_day_number as working_days_from_referral,
        day_46.day as day_46_date,
        coalesce(
            r.closure_reason in ('RC8', 'RC9')
            and not (r.has_cin_plan or r.has_s47 or r.has_cp_plan or r.has_care),
            false
        ) as is_nfa_outcome
    from assessments as a
    left join referrals as r using (la_code, child_id, referral_date)
    left join days as started on a.start_date = started.day
    left join days as done on a.authorised_date = done.day
    left join days as referred on a.referral_date = referred.day
    left join days as day_46
        on day_46.is_working_day and day_46.working_day_number = started.working_day_number + 46
)

select * from final
