-- Grain: one row per LA and OC2 collection year (la_code, period_end = 31 March of the year): the health
-- and wellbeing counts of the children looked after continuously for 12+ months at 31 March.
-- Reads: stg_ssda903__oc2, stg_ssda903__header.
-- Rules [C]: the OC2 cohort is every OC2 row of the year (the return lists exactly the children looked
-- after continuously 12 months at 31 March, short breaks excluded). Health assessment, dental check and
-- immunisations count value 1. SDQ cohort: children aged 5-16 at 31 March (completed years, R9;
-- the DfE label "ages 5 to 16"); sdq_scored: of those, with a score 0-40; sdq_concern: score 17 or more;
-- sdq_total: the sum of the scores (for the mean). Annual: only the 31 March month end has a row.
with oc2 as (
    select * from stg_ssda903__oc2
),

header as (
    select * from stg_ssda903__header
),

final as (
    select
        o.la_code,
        make_date(o.collection_year - 1, 4, 1) as period_start,
        o.cohort_date as period_end,
        count(*) as n_oc2,
        count(*) filter (where o.health_assessment = 1) as n_health_assessment,
        count(*) filter (where o.teeth_check = 1) as n_teeth_check,
        count(*) filter (where o.immunisations = 1) as n_immunisations,
        count(*) filter (where date_sub('year', h.birth_date, o.cohort_date) between 5 and 16) as n_sdq_cohort,
        count(*) filter (
            where date_sub('year', h.birth_date, o.cohort_date) between 5 and 16 and o.sdq_score between 0 and 40
        ) as n_sdq_scored,
        count(*) filter (
            where date_sub('year', h.birth_date, o.cohort_date) between 5 and 16 and o.sdq_score between 17 and 40
        ) as n_sdq_concern,
        coalesce(sum(o.sdq_score) filter (
            where date_sub('year', h.birth_date, o.cohort_date) between 5 and 16 and o.sdq_score between 0 and 40
        ), 0) as sdq_total
    from oc2 as o
    left join header as h using (la_code, child_id)
    group by o.la_code, o.collection_year, o.cohort_date
)

select * from final
