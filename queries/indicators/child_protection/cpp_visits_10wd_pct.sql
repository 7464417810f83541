-- cpp_visits_10wd_pct
-- Grain: one row per LA, month end and breakdown value ('all', locality); stock as at period_end.
-- Reads: int_visits__timeliness through the macro visits_in_time_pct (measure 'cpp_10wd', the cohort and in-time rule below)
-- Rules:
--   [L] Children on a CP plan at period_end for at least 10 working days (wd(plan start, date) >= 10)
--   whose latest CP visit with the child seen is within 10 working days (wd(visit, date) <= 10) / those
--   children. R3 working days (start day = 0).
--   Computed only where the optional visits file is loaded and from its first month: other month ends
--   are null with value_note 'insufficient history'. No child in the cohort: null, 'no cases' (R11).
--   Figures: visits_in_time_pct (percent_of, history_gap) (queries/macros), shared by the three visits views.
with final as (
    select * from visits_in_time_pct('cpp_10wd')
)

select * from final
