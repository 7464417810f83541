-- Grain: one row per counted event (contact, contact decision, referral, completed assessment, S47,
-- ICPC, CP plan start, CP plan end) with its date, the child's breakdown groups, 0/1 measure columns and
-- the detail columns the child list shows.
-- Reads: stg_annexa__contacts, int_cin__referrals, int_cin__assessments, int_cin__s47s, int_cin__icpcs,
-- int_cin__cp_plans, int_children__attributes, int_dates__working_days.
-- Rules:
--   Each event type fills only its own n_* columns (union by name; the others are null = 0). The measures
--   of contacts and contact decisions, and only theirs, are named n_contacts*: int_flows__rolling counts
--   the contact and the CIN families apart by that name (tests/extracts/test_flow_event_families.py). Events are
--   counted as events, not children (R5): each referral, S47, ICPC and plan start counts.
--   Dates: contacts by Date of Contact; decisions by the date of Decision Date Time; assessments by
--   AssessmentAuthorisationDate (completed only); S47s by S47ActualStartDate; ICPCs by their date;
--   plans by CPPstartDate (starts) and CPPendDate (ends).
--   Breakdowns: age band at the event date (R9: completed years; "Unborn" before birth or with only an
--   expected birth date), sex, ethnicity group, disability, referral source group of the episode (for
--   contacts: the contact source, same code list), locality. Contacts carry their own sex, ethnicity,
--   birth date and age; disability and locality come from the child's CIN/local record when the id matches.
--   Contact decided within 1 working day [L]: wd(receipt date, decision date) = 0, or = 1 and the decision
--   time of day is no later than the receipt time (receipt + 1 working day), R3 working days.
--   Detail columns (read by the child list children_cin_flows, not by int_flows__rolling): event (what
--   happened, in words), the record's keys (contact_id, referral_date, assessment_start_date, s47_start_date,
--   icpc_date, plan_start_date) and the dates and working days that decided its measures; null where the
--   event type has none.
with referrals as (
    select * from int_cin__referrals
),

children as (
    select * from int_children__attributes
),

contacts as (
    select * from stg_annexa__contacts
),

days as (
    select * from int_dates__working_days
),

contacts_with_child as (
    -- a contact joins the child's CIN/local record once, for both its events (the contact and its
    -- decision): 10.8 million probes fewer at 150 authorities than one join after the union
    select
        c.*,
        coalesce(ch.disability_group, 'Not recorded') as disability_group,
        coalesce(ch.locality, 'Not recorded') as locality
    from contacts as c
    left join children as ch using (la_code, child_id)
),

contact_events as (
    select
        c.la_code, c.child_id, c.contact_date as event_date,
        c.birth_date, cast(null as date) as expected_birth_date, c.age_years,
        to_sex_group(c.sex) as sex_group,
        to_ethnicity_group(c.ethnicity) as ethnicity_group,
        c.contact_source as referral_source, c.disability_group, c.locality,
        'Contact' as event, c.contact_id, c.contact_date, c.contact_datetime as contact_received_at,
        c.contact_outcome,
        1 as n_contacts,
        cast(c.contact_outcome is not null as integer) as n_contacts_with_outcome,
        cast(c.contact_outcome = 'REFERRAL' as integer) as n_contacts_to_referral
    from contacts_with_child as c
),

decision_events as (
    select
        c.la_code, c.child_id, cast(c.decision_datetime as date) as event_date,
        c.birth_date, cast(null as date) as expected_birth_date, c.age_years,
        to_sex_group(c.sex) as sex_group,
        to_ethnicity_group(c.ethnicity) as ethnicity_group,
        c.contact_source as referral_source, c.disability_group, c.locality,
        'Contact decision' as event, c.contact_id, c.contact_date, c.contact_datetime as contact_received_at,
        c.contact_outcome,
        c.decision_datetime as contact_decided_at,
        decided.working_day_number - received.working_day_number as decision_working_days,
        1 as n_contacts_decided,
        cast(
            decided.working_day_number - received.working_day_number = 0
            or (
                decided.working_day_number - received.working_day_number = 1
                and cast(c.decision_datetime as time) <= coalesce(cast(c.contact_datetime as time), time '23:59:59')
            ) as integer
        ) as n_contacts_decided_1wd
    from contacts_with_child as c
    join days as decided on cast(c.decision_datetime as date) = decided.day
    join days as received on coalesce(cast(c.contact_datetime as date), c.contact_date) = received.day
    where c.decision_datetime is not null
),

referral_events as (
    select
        la_code, child_id, referral_date, referral_date as event_date, referral_source,
        'Referral' as event, previous_referral_date,
        1 as n_referrals,
        cast(is_nfa as integer) as n_referrals_nfa,
        cast(is_rereferral as integer) as n_rereferrals,
        cast(referral_source = '6' as integer) as n_referrals_police,
        cast(referral_source = '2A' as integer) as n_referrals_schools,
        cast(referral_source in ('3A', '3B', '3C', '3D', '3E', '3F') as integer) as n_referrals_health,
        cast(assessed_not_in_need as integer) as n_referrals_assessed_not_in_need
    from referrals
),

assessment_events as (
    select
        la_code, child_id, referral_date, authorised_date as event_date,
        'Assessment completed' as event, start_date as assessment_start_date, authorised_date,
        working_days as assessment_working_days, working_days_from_referral,
        1 as n_assessments_completed,
        cast(working_days <= 45 as integer) as n_assessments_45wd,
        cast(working_days_from_referral <= 45 as integer) as n_assessments_45wd_from_referral,
        cast(is_nfa_outcome as integer) as n_assessments_nfa
    from int_cin__assessments
    where authorised_date is not null
),

s47_events as (
    select
        la_code, child_id, referral_date, start_date as event_date,
        'S47 enquiry started' as event, start_date as s47_start_date, icpc_date, icpc_not_required,
        1 as n_s47s,
        cast(has_icpc as integer) as n_s47s_with_icpc,
        cast(outcome_known_in_own_month as integer) as n_s47s_outcome_known_own
    from int_cin__s47s
),

icpc_events as (
    select
        la_code, child_id, referral_date, icpc_date as event_date,
        'ICPC held' as event, icpc_date, s47_start_date, working_days as icpc_working_days,
        1 as n_icpcs,
        cast(has_both_dates as integer) as n_icpcs_with_s47,
        cast(coalesce(working_days <= 15, false) as integer) as n_icpcs_15wd,
        cast(led_to_plan as integer) as n_icpcs_to_cpp
    from int_cin__icpcs
),

plan_start_events as (
    select
        la_code, child_id, referral_date, start_date as event_date,
        'CP plan started' as event, start_date as plan_start_date, end_date as plan_end_date,
        1 as n_cpp_starts,
        cast(is_second_or_subsequent as integer) as n_cpp_second_subsequent
    from int_cin__cp_plans
),

plan_end_events as (
    select
        la_code, child_id, referral_date, end_date as event_date,
        'CP plan ended' as event, start_date as plan_start_date, end_date as plan_end_date,
        1 as n_cpp_ends,
        cast(ended_under_3m as integer) as n_cpp_ended_under_3m,
        cast(ended_2y_plus as integer) as n_cpp_ended_2y_plus
    from int_cin__cp_plans
    where end_date is not null
),

cin_events as (
    select * from referral_events
    union all by name
    select * from assessment_events
    union all by name
    select * from s47_events
    union all by name
    select * from icpc_events
    union all by name
    select * from plan_start_events
    union all by name
    select * from plan_end_events
),

cin_with_source as (
    select
        e.* exclude (referral_source),
        coalesce(e.referral_source, r.referral_source) as referral_source
    from cin_events as e
    left join referrals as r
        on e.la_code = r.la_code and e.child_id = r.child_id and e.referral_date = r.referral_date
),

cin_with_child as (
    -- CIN events take the child's groups and birth dates; contacts carry their own sex, ethnicity and
    -- birth date (Annex A)
    select
        e.*,
        ch.birth_date, ch.expected_birth_date,
        coalesce(ch.sex_group, 'Unknown') as sex_group,
        coalesce(ch.ethnicity_group, 'Not known') as ethnicity_group,
        coalesce(ch.disability_group, 'Not recorded') as disability_group,
        coalesce(ch.locality, 'Not recorded') as locality
    from cin_with_source as e
    left join children as ch using (la_code, child_id)
),

with_child as (
    select * from cin_with_child
    union all by name
    select * from contact_events
    union all by name
    select * from decision_events
),

aged as (
    select *, coalesce(date_sub('year', birth_date, event_date), age_years) as event_age
    from with_child
),

final as (
    select
        e.* exclude (birth_date, expected_birth_date, age_years, event_age, referral_source),
        case
            when e.birth_date is null and e.expected_birth_date is not null then 'Unborn'
            when e.birth_date > e.event_date then 'Unborn'
            else to_age_band(e.event_age)
        end as age_band,
        to_source_group(e.referral_source) as source_group
    from aged as e
)

select * from final
