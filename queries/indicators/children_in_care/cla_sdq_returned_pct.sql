-- cla_sdq_returned_pct
-- Grain: one row per LA and 31 March (annual OC2 cohort: children looked after continuously 12+ months at 31 March); no other month ends.
-- Reads: int_cla__health_outcomes
-- Rules:
--   [C] OC2 children aged 5-16 at 31 March with a score (0-40) / OC2 children aged 5-16.
--   A zero denominator gives a null value with value_note 'no cases' (R11).
with source as (
    select * from int_cla__health_outcomes
),

final as (
    select
        la_code,
        period_start,
        period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        n_sdq_scored as numerator,
        n_sdq_cohort as denominator,
        case when n_sdq_cohort > 0 then 100.0 * n_sdq_scored / n_sdq_cohort end as value,
        case when n_sdq_cohort = 0 then 'no cases' end as value_note
    from source
)

select * from final
