-- cla_sdq_average
-- Grain: one row per LA and 31 March (annual OC2 cohort: children looked after continuously 12+ months at 31 March); no other month ends.
-- Reads: int_cla__health_outcomes
-- Rules:
--   [C] Mean SDQ_SCORE of OC2 children aged 5-16 at 31 March with a score;
--   numerator = the sum of the scores, denominator = the children scored.
--   A zero denominator gives a null value with value_note 'no cases' (R11).
--   Figures: the table macro health_outcome_figures, with mean_of (queries/macros).
with final as (
    select * from health_outcome_figures(mean_of(sdq_total, n_sdq_scored, null))
)

select * from final
