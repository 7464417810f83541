-- children_cla_health(list_month_end): the children behind the annual OC2 health and wellbeing figures
-- (cla_health_assessment_pct, cla_dental_check_pct, cla_immunisations_pct, cla_sdq_returned_pct,
-- cla_sdq_concern_pct, cla_sdq_average).
-- Grain: one row per LA and child in the OC2 cohort of the year ending at period_end (children looked after
-- continuously for 12+ months at 31 March): (la_code, child_id). The figures exist only for 31 March (the
-- cohort date, as health_outcome_figures places each int_cla__health_outcomes row), so any other month end
-- gives no rows.
-- Reads: stg_ssda903__oc2, stg_ssda903__header (as int_cla__health_outcomes does), int_children__attributes.
-- Rules: the counts of int_cla__health_outcomes, one child at a time, with the same filters:
--   n_oc2 = 1 for every OC2 row of the year (the return lists exactly the cohort [C]).
--   n_health_assessment, n_teeth_check, n_immunisations: the OC2 flag is 1.
--   n_sdq_cohort: aged 5-16 at 31 March (completed years from the SSDA903 birth date, R9);
--   n_sdq_scored: of those, a score 0-40; n_sdq_concern: a score of 17-40; sdq_total: the score when
--   scored (so sum(sdq_total) / sum(n_sdq_scored) is the mean of cla_sdq_average).
--   sdq_no_score_reason: the OC2 SDQ_REASON in words for a child of the SDQ cohort without a score.
--   No breakdowns (the views give 'all' only). team, worker, locality: int_children__attributes, else
--   'Not recorded'.
--   The month end parameter is named list_month_end, not period_end: DuckDB puts a table macro's
--   parameter in place of same-named columns inside the views it reads (period_end in many).
create or replace macro children_cla_health(list_month_end) as table
with asked as (
    select cast(list_month_end as date) as asked_end
),

oc2 as (
    select * from stg_ssda903__oc2
),

header as (
    select * from stg_ssda903__header
),

attributes as (
    select * from int_children__attributes
),

cohort as (
    select
        o.la_code,
        o.child_id,
        o.cohort_date,
        h.birth_date,
        date_sub('year', h.birth_date, o.cohort_date) as age,
        o.health_assessment,
        o.teeth_check,
        o.immunisations,
        o.sdq_score,
        o.sdq_reason
    from oc2 as o
    join asked as q on o.cohort_date = q.asked_end
    left join header as h using (la_code, child_id)
),

judged as (
    select
        *,
        coalesce(age between 5 and 16, false) as in_sdq_cohort,
        coalesce(age between 5 and 16 and sdq_score between 0 and 40, false) as is_scored
    from cohort
),

final as (
    select
        j.la_code,
        j.child_id,
        'Child looked after 12 months or more' as record,
        coalesce(a.team, 'Not recorded') as team,
        coalesce(a.worker, 'Not recorded') as worker,
        coalesce(a.locality, 'Not recorded') as locality,
        j.cohort_date as year_ending,
        j.birth_date as date_of_birth,
        cast(j.age as integer) as age_at_year_end,
        j.sdq_score as sdq_score,
        case
            when not j.in_sdq_cohort or j.is_scored then null
            when j.sdq_score is not null then 'score outside 0-40'
            when j.sdq_reason = 'SDQ1' then 'aged under 4 or over 16 at the last assessment'
            when j.sdq_reason = 'SDQ2' then 'carer refused'
            when j.sdq_reason = 'SDQ3' then 'not possible because of the severity of disability'
            when j.sdq_reason = 'SDQ4' then 'other reason'
            when j.sdq_reason = 'SDQ5' then 'child refused'
            else 'no reason given'
        end as sdq_no_score_reason,
        1 as n_oc2,
        cast(coalesce(j.health_assessment = 1, false) as integer) as n_health_assessment,
        cast(coalesce(j.teeth_check = 1, false) as integer) as n_teeth_check,
        cast(coalesce(j.immunisations = 1, false) as integer) as n_immunisations,
        cast(j.in_sdq_cohort as integer) as n_sdq_cohort,
        cast(j.is_scored as integer) as n_sdq_scored,
        cast(j.is_scored and j.sdq_score >= 17 as integer) as n_sdq_concern,
        cast(case when j.is_scored then j.sdq_score else 0 end as integer) as sdq_total
    from judged as j
    left join attributes as a using (la_code, child_id)
)

select * from final
