-- cpp_visits_4wk_pct
-- Grain: one row per LA, month end and breakdown value ('all', locality); stock as at period_end.
-- Reads: int_visits__timeliness through the macro visits_in_time_pct (measure 'cpp_4wk', the cohort and in-time rule below)
-- Rules:
--   [L] Children on a CP plan at period_end for at least 28 calendar days (date - start >= 28)
--   whose latest CP visit with the child seen is within 28 days (date - visit <= 28) / those children.
--   Computed only where the optional visits file is loaded and from its first month: other month ends
--   are null with value_note 'insufficient history'. No child in the cohort: null, 'no cases' (R11).
--   Figures: visits_in_time_pct (percent_of, history_gap) (queries/macros), shared by the three visits views.
with final as (
    select * from visits_in_time_pct('cpp_4wk')
)

select * from final
