-- cla_longterm_stability_pct
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_cla__stocks_monthly
-- Rules:
--   [C] Children looked after at period_end aged under 16, looked after continuously for 2.5 years or more
--   (period start on or before period_end - 30 months: exactly 2.5 years counts), who have lived with the
--   same carer for 2 years or more / those children. Only P and B episodes (change of carer) break the run;
--   L, T and U do not; a temporary move and its return do not [U]. A child placed for adoption counts the
--   adoptive placement plus the placement before it (int_cla__episodes.stability_start).
--   History: period_end - 30 months inside the loaded history (R10).
--   Outside what the loaded SSDA903 returns cover: null with the calendar's 'no SSDA903 return covers this month'.
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
        unnest(percent_of(n_ltc_stable, n_ltc_cohort, history_gap(cla_stability_history, cla_gap_note)))
    from source
)

select * from final
