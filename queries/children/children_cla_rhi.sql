-- Grain: one row per ended missing episode of a child in care whose return (MIS_END) falls in the 12
-- months to period_end, for every LA (la_code, child_id, missing_from): a row of int_cla__rhi_episodes
-- with mis_end in the month end's window (int_cla__month_ends period_start .. period_end).
-- record = 'Missing episode'.
-- Reads: int_cla__month_ends, int_cla__rhi_episodes, int_children__attributes, to_uasc_group.
-- Rules: the facts and rules of int_cla__rhi_rolling, over the one window of period_end, so that for each
-- LA the sum of each n_* over the rows is the aggregate's n_* at (period_end, 'all') and over the rows
-- with by_<b> = v its (b, v) row:
--   n_missing_ended = 1 (each episode counts, R5); n_rhi_offered: an offered or a completed date on the
--   episode's RHI row; n_rhi_accepted: offered and RHI Accepted = Y; n_rhi_72h: completed on the day
--   of return or up to 3 calendar days after it (72 hours read on dates; a completion dated before the
--   return does not count). Episode rules (MISSING = 'M' only, ended, child looked after and not on a
--   short break when it began, one row per child and MIS_START) are int_cla__rhi_episodes'.
--   Breakdowns (R9): the groups int_cla__rhi_episodes gives at MIS_END.
--   Detail: missing_from (MIS_START), returned_on (MIS_END), rhi_offered_date, rhi_completed_date,
--   days_to_interview (returned_on to rhi_completed_date), and in words: offer (offered or not),
--   completion (when the interview was completed, if at all). No RHI row = no interview offered.
--   team, worker, locality: int_children__attributes, 'Not recorded' when the child is not in it.
--   The parameter is list_month_end, not period_end: DuckDB would put a macro parameter named like a
--   column in place of that column in the views the macro reads when they are not materialised.
create or replace macro children_cla_rhi(list_month_end) as table
with episodes as (
    select * from int_cla__rhi_episodes
),

attributes as (
    select * from int_children__attributes
),

windows as (
    -- the 12 months to the month end asked for, per LA (queries/macros/cla_month_window.sql)
    select * from cla_month_window(list_month_end)
),

in_window as (
    select e.*
    from windows as w
    join episodes as e on w.la_code = e.la_code and e.mis_end between w.window_start and w.window_end
),

judged as (
    select
        i.*,
        date_diff('day', i.mis_end, i.rhi_completed_date) as days_to_interview,
        case
            when i.rhi_offered_date is not null
                then 'an interview was offered on ' || strftime(i.rhi_offered_date, '%Y-%m-%d')
            when i.rhi_completed_date is not null
                then 'an interview was held on ' || strftime(i.rhi_completed_date, '%Y-%m-%d')
                    || ' (no offer date recorded)'
            else 'no interview offer was recorded'
        end as offer,
        case
            when i.rhi_completed_date is null then 'no interview was recorded as completed'
            when i.rhi_completed_date < i.mis_end
                then 'the interview completion date ' || strftime(i.rhi_completed_date, '%Y-%m-%d')
                    || ' is before the return (a recording error)'
            when i.rhi_completed_date = i.mis_end
                then 'the interview was completed on ' || strftime(i.rhi_completed_date, '%Y-%m-%d')
                    || ', the day of the return'
            else 'the interview was completed on ' || strftime(i.rhi_completed_date, '%Y-%m-%d') || ', '
                || date_diff('day', i.mis_end, i.rhi_completed_date)
                || case when date_diff('day', i.mis_end, i.rhi_completed_date) = 1 then ' day' else ' days' end
                || ' after the return'
        end as completion
    from in_window as i
),

final as (
    select
        j.la_code,
        j.child_id,
        'Missing episode' as record,
        coalesce(a.team, 'Not recorded') as team,
        coalesce(a.worker, 'Not recorded') as worker,
        coalesce(a.locality, 'Not recorded') as locality,
        j.age_band as by_age_band,
        j.sex_group as by_sex,
        j.ethnicity_group as by_ethnicity,
        to_uasc_group(j.is_uasc) as by_uasc,
        j.disability_group as by_disability,
        j.locality as by_locality,
        1 as n_missing_ended,
        cast(j.rhi_offered as integer) as n_rhi_offered,
        cast(j.rhi_accepted as integer) as n_rhi_accepted,
        cast(j.rhi_completed_72h as integer) as n_rhi_72h,
        j.mis_start as missing_from,
        j.mis_end as returned_on,
        j.rhi_offered_date,
        j.rhi_completed_date,
        cast(j.days_to_interview as integer) as days_to_interview,
        j.offer,
        j.completion
    from judged as j
    left join attributes as a on j.la_code = a.la_code and j.child_id = a.child_id
)

select * from final
