-- Grain: one row per period of care started (la_code, child_id, period_start), with the date its initial
-- health assessment (IHA) was due, whether the child was still in care then and the IHA found.
-- Reads: int_cla__episodes, int_dates__working_days (through working_days_after_start),
-- local_health_assessments (raw), stg_ssda903__header, stg_ssda903__uasc, int_children__attributes.
-- Materialise: table (read at every month end by the IHA view).
-- Rules [L: the IHA is due within 20 working days of entering care; its date is a local field]:
--   Starting care = a new period of care (R7, int_cla__episodes) whose first episode has RNE 'S'. A
--   placement or legal-status change inside a period is not a start; short breaks (V3/V4) never make a
--   period (R6); a period whose first loaded episode is not an 'S' began before the loaded data and is
--   not a start. Each period of care counts (a child starting care twice is counted twice).
--   iha_due_date: the 20th working day after DECOM (R3: DECOM is day 0, the next working day day 1;
--   weekends and England and Wales bank holidays skipped; int_dates__working_days).
--   in_care_at_due_date: the period had not ended by the due date (DEC blank or after it). A child who
--   left care on or before the due date is not in the measure.
--   iha_date: the earliest assessment of type IHA dated on or after DECOM and within the period of care;
--   iha_in_time: iha_date on or before the due date (working day 20 is in time, 21 is late). An IHA
--   dated before DECOM (another period, or a data error) does not count; RHAs never count.
--   Groups at DECOM (R9): age band (Under 1, 1-4, 5-9, 10-15, 16 and over), sex, ethnicity, UASC
--   (uasc.csv, DUC blank or after DECOM), disability and locality (int_children__attributes).
--   The child's breakdown groups (stg_ssda903__header, stg_ssda903__uasc and int_children__attributes are
--   read through it): cla_child_groups (queries/macros).
with episodes as (
    select * from int_cla__episodes
),

assessments as (
    select la_code, child_id, assessment_date
    from local_health_assessments
    where upper(trim(assessment_type)) = 'IHA'
),

periods as (
    select la_code, child_id, period_no, period_start, period_end
    from episodes
    where starts_period and reason_new_episode = 'S'
),

due as (
    -- the working day numbered 20 after DECOM (R3): working_days_after_start (queries/macros)
    select * rename (due_date as iha_due_date) from working_days_after_start(periods, 20)
),

with_iha as (
    select
        p.la_code,
        p.child_id,
        p.period_no,
        p.period_start,
        p.period_end,
        p.iha_due_date,
        min(a.assessment_date) as iha_date
    from due as p
    left join assessments as a
        on p.la_code = a.la_code and p.child_id = a.child_id and a.assessment_date >= p.period_start
        and a.assessment_date <= coalesce(p.period_end, date '9999-12-31')
    group by all
),

judged as (
    select
        w.la_code,
        w.child_id,
        w.period_no,
        w.period_start,
        w.period_end,
        w.iha_due_date,
        w.period_end is null or w.period_end > w.iha_due_date as in_care_at_due_date,
        w.iha_date,
        coalesce(w.iha_date <= w.iha_due_date, false) as iha_in_time,
        w.period_start as group_date
    from with_iha as w
),

final as (
    -- the child's groups at the period start: cla_child_groups (queries/macros)
    select * from cla_child_groups(judged)
)

select * from final
