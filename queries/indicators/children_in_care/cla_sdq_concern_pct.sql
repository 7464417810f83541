-- cla_sdq_concern_pct
-- Grain: one row per LA and 31 March (annual OC2 cohort: children looked after continuously 12+ months at 31 March); no other month ends.
-- Reads: int_cla__health_outcomes
-- Rules:
--   [C] OC2 children aged 5-16 with a score of 17 or more / those with a score.
--   A zero denominator gives a null value with value_note 'no cases' (R11).
--   Figures: the table macro health_outcome_figures, with percent_of (queries/macros).
with final as (
    select * from health_outcome_figures(percent_of(n_sdq_concern, n_sdq_scored, null))
)

select * from final
