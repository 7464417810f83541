-- cla_visits_6wk_pct
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_cla__stocks_monthly
-- Rules:
--   [L] Children looked after at period_end who have been in care 6 weeks or more (period start on or
--   before period_end - 42 days) with a CLA visit at which they were seen in the 42 days to period_end
--   (visit date after period_end - 42 days) / those children. Needs the local visits file (type CLA)
--   from at least 42 days before period_end, else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   A zero denominator gives a null value with value_note 'no cases' (R11); value is a percentage, unrounded.
--   Figures: percent_of and history_gap (queries/macros).
with source as (
    select * from int_cla__stocks_monthly
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        unnest(percent_of(n_visited_6wk, n_visit_cohort, history_gap(visits_history, visits_gap_note)))
    from source
)

select * from final
