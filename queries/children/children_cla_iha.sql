-- children_cla_iha(list_month_end): the periods of care behind cla_iha_20wd_pct (initial health assessment
-- within 20 working days of entering care).
-- Grain: one row per LA and period of care started whose IHA fell due in the 12 months to period_end
-- (la_code, child_id, start_date): a child who started care twice in the window has two rows.
-- Reads: int_cla__iha_starts, int_cla__month_ends, local_health_assessments (raw; only whether the LA
-- loaded one), int_children__attributes.
-- Rules: the view's own join, one period at a time:
--   Listed: int_cla__iha_starts rows still in care on the due date (in_care_at_due_date) whose
--   iha_due_date (the 20th working day after DECOM, R3) lies from the window's period_start to period_end.
--   n_cohort = 1 for each; n_in_time = 1 when iha_in_time (an IHA dated from DECOM to the due date: working
--   day 20 is in time, 21 late).
--   A month end whose figure is withheld (the 12-month window outside the loaded SSDA903 history, a month
--   no return covers, or no health assessments file loaded for the LA) has no rows: nothing was counted.
--   by_age_band, by_sex, by_ethnicity, by_uasc, by_disability, by_locality: the groups at DECOM that the
--   view's breakdown rows use (to_uasc_group for uasc). team, worker, locality: int_children__attributes,
--   else 'Not recorded'.
--   The month end parameter is named list_month_end, not period_end: DuckDB puts a table macro's
--   parameter in place of same-named columns inside the views it reads (period_end in many).
create or replace macro children_cla_iha(list_month_end) as table
with asked as (
    select cast(list_month_end as date) as asked_end
),

calendar as (
    select * from int_cla__month_ends
),

starts as (
    select * from int_cla__iha_starts
    where in_care_at_due_date
),

loaded as (
    select distinct la_code from local_health_assessments
),

attributes as (
    select * from int_children__attributes
),

month_end as (
    -- the month end asked for, where its figure is not withheld (as the view's percent_of gap)
    select c.la_code, c.period_start, c.period_end as window_end
    from calendar as c
    join asked as q on c.period_end = q.asked_end
    join loaded as l on c.la_code = l.la_code
    where history_gap(c.cla_flow_history, c.cla_gap_note) is null
),

windowed as (
    select s.*
    from month_end as m
    join starts as s on m.la_code = s.la_code and s.iha_due_date between m.period_start and m.window_end
),

final as (
    select
        w.la_code,
        w.child_id,
        'Period of care' as record,
        coalesce(a.team, 'Not recorded') as team,
        coalesce(a.worker, 'Not recorded') as worker,
        coalesce(a.locality, 'Not recorded') as locality,
        w.age_band as by_age_band,
        w.sex_group as by_sex,
        w.ethnicity_group as by_ethnicity,
        to_uasc_group(w.is_uasc) as by_uasc,
        w.disability_group as by_disability,
        w.locality as by_locality,
        w.period_start as start_date,
        w.iha_due_date,
        w.iha_date,
        w.period_end as left_care_date,
        1 as n_cohort,
        cast(w.iha_in_time as integer) as n_in_time
    from windowed as w
    left join attributes as a using (la_code, child_id)
)

select * from final
