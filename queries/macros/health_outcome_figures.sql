-- Macro health_outcome_figures(figures): the rows of an annual OC2 health outcome indicator, one per LA
-- and 31 March cohort date, with the figure columns `figures` gives. A table macro:
-- `select * from health_outcome_figures(percent_of(n_teeth_check, n_oc2, null))` in a view; `figures` is
-- a figures struct (percent_of, mean_of ...) over the columns of int_cla__health_outcomes. Shared by
-- cla_dental_check_pct, cla_health_assessment_pct, cla_immunisations_pct, cla_sdq_average,
-- cla_sdq_concern_pct and cla_sdq_returned_pct.
-- Reads: int_cla__health_outcomes
-- Rules: one row per row of int_cla__health_outcomes (its period_start and period_end), breakdown 'all'
-- only; no history gap (the OC2 cohort is the return's own). Output, in this order: la_code,
-- period_start, period_end, breakdown, breakdown_value, then the fields of `figures` as columns.
create or replace macro health_outcome_figures(figures) as table
    select
        la_code,
        period_start,
        period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        unnest(figures)
    from int_cla__health_outcomes
