-- cla_dental_check_pct
-- Grain: one row per LA and 31 March (annual OC2 cohort: children looked after continuously 12+ months at 31 March); no other month ends.
-- Reads: int_cla__health_outcomes
-- Rules:
--   [C] OC2 cohort with TEETH_CHECK = 1 / OC2 cohort.
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
        n_teeth_check as numerator,
        n_oc2 as denominator,
        case when n_oc2 > 0 then 100.0 * n_teeth_check / n_oc2 end as value,
        case when n_oc2 = 0 then 'no cases' end as value_note
    from source
)

select * from final
