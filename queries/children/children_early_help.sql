-- children_early_help(list_month_end): the early help episodes behind eh_open_rate_per_10k,
-- eh_closed_outcomes_achieved_pct and eh_step_up_12m_pct.
-- Grain: one row per LA and early help episode counted by any of the three at period_end
-- (la_code, child_id, episode_start): open at the month end, ended in the 12 months to it, or ended in the
-- step-up cohort's 12 months (a year earlier). The three sets never overlap at one month end.
-- Reads: local_early_help (raw, as the views), int_local__month_ends (source 'early_help'),
-- int_children__attributes.
-- Rules: the views' joins, one episode at a time, at the month ends the loaded early help files cover:
--   n_open = 1 (eh_open_rate_per_10k): started on or before period_end, not ended by it (end blank or
--   after). Never withheld for history; a missing population estimate withholds only the rate.
--   n_closed = 1 (eh_closed_outcomes_achieved_pct): ended from period_start to period_end, whatever the
--   outcome; n_achieved = 1 when the outcome is ACHIEVED. Not listed when the 12 months are not inside
--   what the loaded files cover (flow_history; the view's figure is then withheld).
--   n_ended = 1 (eh_step_up_12m_pct): ended in the 12 months to period_end - 12 months (cohort_start to
--   cohort_end as the view); n_stepped_up = 1 when the Step Up Date lies from the episode's start to 12
--   months after its end, both days included (step_up_by). Not listed when cohort_start is before the
--   files' history_start.
--   lead_service and outcome: the file's codes in words; a blank outcome is 'No outcome recorded'.
--   No breakdowns (the views give 'all' only). team, worker, locality: int_children__attributes, else
--   'Not recorded'.
--   The month end parameter is named list_month_end, not period_end: DuckDB puts a table macro's
--   parameter in place of same-named columns inside the views it reads (period_end in many).
create or replace macro children_early_help(list_month_end) as table
with asked as (
    select cast(list_month_end as date) as asked_end
),

episodes as (
    select * from local_early_help
),

attributes as (
    select * from int_children__attributes
),

month_end as (
    select
        m.la_code,
        m.period_start,
        m.period_end as window_end,
        m.flow_history,
        cast(m.period_start - interval 12 month as date) as cohort_start,
        last_day(cast(m.period_end - interval 12 month as date)) as cohort_end,
        m.history_start
    from int_local__month_ends as m
    join asked as q on m.period_end = q.asked_end
    where m.source = 'early_help'
),

judged as (
    select
        e.la_code,
        e.child_id,
        e.episode_start,
        e.episode_end,
        e.lead_service,
        e.outcome,
        e.step_up_date,
        coalesce(e.episode_start <= m.window_end and (e.episode_end is null or e.episode_end > m.window_end), false)
            as is_open,
        coalesce(m.flow_history and e.episode_end between m.period_start and m.window_end, false) as is_closed,
        coalesce(m.cohort_start >= m.history_start and e.episode_end between m.cohort_start and m.cohort_end, false)
            as is_in_step_up_cohort,
        coalesce(e.step_up_date between e.episode_start and e.episode_end + interval 12 month, false)
            as is_stepped_up
    from month_end as m
    join episodes as e on e.la_code = m.la_code
),

final as (
    select
        j.la_code,
        j.child_id,
        'Early help episode' as record,
        coalesce(a.team, 'Not recorded') as team,
        coalesce(a.worker, 'Not recorded') as worker,
        coalesce(a.locality, 'Not recorded') as locality,
        j.episode_start,
        j.episode_end,
        case j.lead_service
            when 'SCHOOL' then 'School'
            when 'HEALTH' then 'Health'
            when 'EARLY_YEARS' then 'Early years'
            when 'FAMILY_HELP' then 'Family help'
            when 'YOUTH' then 'Youth service'
            when 'VOLUNTARY' then 'Voluntary sector'
            when 'OTHER' then 'Other'
            else j.lead_service
        end as lead_service,
        case
            when j.outcome is null then 'No outcome recorded'
            when j.outcome = 'ACHIEVED' then 'Outcomes achieved'
            when j.outcome = 'PARTLY' then 'Outcomes partly achieved'
            when j.outcome = 'NOT_ACHIEVED' then 'Outcomes not achieved'
            when j.outcome = 'STEP_UP' then 'Stepped up to social care'
            when j.outcome = 'DISENGAGED' then 'Family disengaged'
            when j.outcome = 'MOVED' then 'Moved away'
            when j.outcome = 'OTHER' then 'Other'
            else j.outcome
        end as outcome,
        j.step_up_date,
        case when j.is_in_step_up_cohort then cast(j.episode_end + interval 12 month as date) end as step_up_by,
        cast(j.is_open as integer) as n_open,
        cast(j.is_closed as integer) as n_closed,
        cast(coalesce(j.is_closed and j.outcome = 'ACHIEVED', false) as integer) as n_achieved,
        cast(j.is_in_step_up_cohort as integer) as n_ended,
        cast(j.is_in_step_up_cohort and j.is_stepped_up as integer) as n_stepped_up
    from judged as j
    left join attributes as a using (la_code, child_id)
    where j.is_open or j.is_closed or j.is_in_step_up_cohort
)

select * from final
