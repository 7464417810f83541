-- Grain: one row per event counted in the 12 months to period_end (the window of int_flows__rolling: the
-- events dated in the calendar months first_month_end .. period_end), per LA: contacts, contact decisions,
-- referrals, completed assessments, S47 enquiries, ICPCs, CP plan starts and CP plan ends. A child is on
-- it once per event (two referrals in the year are two rows).
-- Reads: int_flows__events, int_calendar__month_ends, int_cin__referrals, int_children__attributes.
-- Rules:
--   The rows are int_flows__events' own rows (the same facts int_flows__rolling sums), kept when
--   int_calendar__month_ends has period_end for the LA and the event's month lies in its window. Every n_*
--   column is the event's own 0/1 measure (null = 0), so the rows' sums are int_flows__rolling's n_* at
--   (la_code, period_end), for 'all' and for each by_<breakdown> value (the event's age band at the event
--   date, sex, ethnicity, disability, referral source group, locality: int_flows__events' groups).
--   n_s47s_outcome_known (s47_to_icpc_pct's denominator): an enquiry started in an earlier month of the
--   window counts (more than 15 working days have passed); one started in period_end's own month counts
--   only if its outcome was known by the month end (n_s47s_outcome_known_own).
--   n_contact_referrals (contact_to_referral_pct's numerator, as the view chooses it for the LA's 'all'
--   row): when the window has contacts with an outcome, the contacts whose outcome is a referral; else
--   (no outcomes recorded) the referrals, whose ratio to contacts the view shows instead. Its sum over
--   every row is the 'all' numerator either way, but a list of contacts (n_contacts > 0) holds no
--   referral rows, so it adds up only when outcomes are recorded. The view also chooses per breakdown
--   value: a group without contacts with an outcome (unborn children, a referral source no contact came
--   from) shows its referrals over its contacts (often 0), which no list of contacts can follow.
--   n_assessments_in_median (assessment_median_wd's denominator): completed assessments with a length in
--   working days (start and authorisation both in the working-day calendar), as that view reads
--   int_cin__assessments over the same months.
--   Detail: contact times as text (YYYY-MM-DD HH:MM); decision_timing says how the decision fell against
--   the 1-working-day rule (int_flows__events' n_contacts_decided_1wd); episode_summary and
--   referral_source from int_cin__referrals for the CIN events (their episode); s47_outcome and plan_days
--   (end minus start: ended_2y_plus is 729 or more) as int_cin__s47s and int_cin__cp_plans read them.
--   team, worker, locality: int_children__attributes, 'Not recorded' when the child is not in it.
--   The parameter is list_month_end, not period_end: DuckDB would put a macro parameter named like a
--   column in place of that column in the views the macro reads when they are not materialised.
create or replace macro children_cin_flows(list_month_end) as table
with events as (
    select * from int_flows__events
),

calendar as (
    select * from int_calendar__month_ends
),

referrals as (
    select * from int_cin__referrals
),

children as (
    select * from int_children__attributes
),

chosen_month_end as (
    select cast(list_month_end as date) as list_end
),

windowed as (
    select
        e.*,
        c.period_end as window_end,
        last_day(e.event_date) = c.period_end as in_last_month
    from calendar as c
    join chosen_month_end as p on c.period_end = p.list_end
    join events as e
        on e.la_code = c.la_code
        and last_day(e.event_date) between c.first_month_end and c.period_end
),

measured as (
    select
        * exclude (n_s47s_outcome_known_own),
        coalesce(n_s47s_outcome_known_own, 0) as n_s47s_outcome_known_own,
        case when in_last_month then coalesce(n_s47s_outcome_known_own, 0) else coalesce(n_s47s, 0) end
            as n_s47s_outcome_known,
        sum(coalesce(n_contacts_with_outcome, 0)) over (partition by la_code) > 0 as window_has_outcomes
    from windowed
),

final as (
    select
        e.la_code,
        e.child_id,
        case
            when e.event in ('Contact', 'Contact decision') then 'Contact'
            when e.event = 'Referral' then 'Referral'
            when e.event = 'Assessment completed' then 'Assessment'
            when e.event = 'S47 enquiry started' then 'S47 enquiry'
            when e.event = 'ICPC held' then 'ICPC'
            else 'CP plan'
        end as record,
        coalesce(ch.team, 'Not recorded') as team,
        coalesce(ch.worker, 'Not recorded') as worker,
        coalesce(ch.locality, 'Not recorded') as locality,
        e.age_band as by_age_band,
        e.sex_group as by_sex,
        e.ethnicity_group as by_ethnicity,
        e.disability_group as by_disability,
        e.source_group as by_referral_source,
        e.locality as by_locality,
        cast(coalesce(e.n_contacts, 0) as integer) as n_contacts,
        cast(coalesce(e.n_contacts_with_outcome, 0) as integer) as n_contacts_with_outcome,
        cast(coalesce(e.n_contacts_to_referral, 0) as integer) as n_contacts_to_referral,
        cast(case
            when e.window_has_outcomes then coalesce(e.n_contacts_to_referral, 0)
            else coalesce(e.n_referrals, 0)
        end as integer) as n_contact_referrals,
        cast(coalesce(e.n_contacts_decided, 0) as integer) as n_contacts_decided,
        cast(coalesce(e.n_contacts_decided_1wd, 0) as integer) as n_contacts_decided_1wd,
        cast(coalesce(e.n_referrals, 0) as integer) as n_referrals,
        cast(coalesce(e.n_referrals_nfa, 0) as integer) as n_referrals_nfa,
        cast(coalesce(e.n_rereferrals, 0) as integer) as n_rereferrals,
        cast(coalesce(e.n_referrals_police, 0) as integer) as n_referrals_police,
        cast(coalesce(e.n_referrals_schools, 0) as integer) as n_referrals_schools,
        cast(coalesce(e.n_referrals_health, 0) as integer) as n_referrals_health,
        cast(coalesce(e.n_referrals_assessed_not_in_need, 0) as integer) as n_referrals_assessed_not_in_need,
        cast(coalesce(e.n_assessments_completed, 0) as integer) as n_assessments_completed,
        cast(coalesce(e.n_assessments_45wd, 0) as integer) as n_assessments_45wd,
        cast(coalesce(e.n_assessments_45wd_from_referral, 0) as integer) as n_assessments_45wd_from_referral,
        cast(coalesce(e.n_assessments_nfa, 0) as integer) as n_assessments_nfa,
        cast(coalesce(e.n_assessments_completed, 0) = 1 and e.assessment_working_days is not null as integer)
            as n_assessments_in_median,
        cast(coalesce(e.n_s47s, 0) as integer) as n_s47s,
        cast(coalesce(e.n_s47s_with_icpc, 0) as integer) as n_s47s_with_icpc,
        cast(e.n_s47s_outcome_known_own as integer) as n_s47s_outcome_known_own,
        cast(e.n_s47s_outcome_known as integer) as n_s47s_outcome_known,
        cast(coalesce(e.n_icpcs, 0) as integer) as n_icpcs,
        cast(coalesce(e.n_icpcs_with_s47, 0) as integer) as n_icpcs_with_s47,
        cast(coalesce(e.n_icpcs_15wd, 0) as integer) as n_icpcs_15wd,
        cast(coalesce(e.n_icpcs_to_cpp, 0) as integer) as n_icpcs_to_cpp,
        cast(coalesce(e.n_cpp_starts, 0) as integer) as n_cpp_starts,
        cast(coalesce(e.n_cpp_second_subsequent, 0) as integer) as n_cpp_second_subsequent,
        cast(coalesce(e.n_cpp_ends, 0) as integer) as n_cpp_ends,
        cast(coalesce(e.n_cpp_ended_under_3m, 0) as integer) as n_cpp_ended_under_3m,
        cast(coalesce(e.n_cpp_ended_2y_plus, 0) as integer) as n_cpp_ended_2y_plus,
        e.event,
        e.event_date,
        e.contact_id,
        coalesce(
            strftime(e.contact_received_at, '%Y-%m-%d %H:%M'),
            strftime(e.contact_date, '%Y-%m-%d') || ' (no time)'
        ) as contact_received,
        case when e.contact_id is not null then coalesce(e.contact_outcome, 'not recorded') end
            as contact_outcome,
        strftime(e.contact_decided_at, '%Y-%m-%d %H:%M') as contact_decided,
        e.decision_working_days,
        case
            when e.decision_working_days = 0 then 'the same working day'
            when e.decision_working_days = 1 and e.n_contacts_decided_1wd = 1
                then 'the next working day, no later in the day than it was received'
            when e.decision_working_days = 1
                then 'the next working day, later in the day than it was received'
            when e.decision_working_days > 1 then e.decision_working_days || ' working days later'
        end as decision_timing,
        e.referral_date,
        case when r.referral_source is not null
            then to_source_group(r.referral_source) || ' (' || r.referral_source || ')'
        end as referral_source,
        case when e.event = 'Referral'
            then coalesce(strftime(e.previous_referral_date, '%Y-%m-%d'), 'none recorded')
        end as previous_referral,
        case when r.referral_date is not null then concat_ws(
            '; ',
            case when r.has_assessment then 'assessed' else 'not assessed' end,
            case when r.has_cin_plan then 'CIN plan' end,
            case when r.has_s47 then 'S47 enquiry' end,
            case when r.has_cp_plan then 'CP plan' end,
            case when r.has_care then 'came into care' end,
            case when r.is_nfa then 'referral marked no further action' end,
            case when r.closure_date is not null
                then 'closed ' || strftime(r.closure_date, '%Y-%m-%d')
                    || coalesce(' (' || r.closure_reason || ')', '')
                else 'open' end
        ) end as episode_summary,
        e.assessment_start_date,
        e.authorised_date,
        e.assessment_working_days,
        e.working_days_from_referral,
        e.s47_start_date,
        e.icpc_date,
        case
            when e.event <> 'S47 enquiry started' then null
            when e.icpc_date is not null then 'ICPC held ' || strftime(e.icpc_date, '%Y-%m-%d')
            when e.icpc_not_required then 'ICPC not required'
            when e.n_s47s_outcome_known = 1 then 'no ICPC after 15 working days'
            else 'not known by the month end (no ICPC yet, 15 working days not passed)'
        end as s47_outcome,
        e.icpc_working_days,
        e.plan_start_date,
        e.plan_end_date,
        date_diff('day', e.plan_start_date, e.plan_end_date) as plan_days
    from measured as e
    left join referrals as r
        on e.la_code = r.la_code and e.child_id = r.child_id and e.referral_date = r.referral_date
    left join children as ch
        on e.la_code = ch.la_code and e.child_id = ch.child_id
)

select * from final
