-- cla_health_assessment_pct
-- Grain: one row per LA and 31 March (annual OC2 cohort: children looked after continuously 12+ months at 31 March); no other month ends.
-- Reads: int_cla__health_outcomes
-- Rules:
--   [C] OC2 cohort with HEALTH_ASSESSMENT = 1 / OC2 cohort.
--   A zero denominator gives a null value with value_note 'no cases' (R11).
--   Figures: the table macro health_outcome_figures, with percent_of (queries/macros).
with final as (
    select * from health_outcome_figures(percent_of(n_health_assessment, n_oc2, null))
)

select * from final
