-- cin_visits_in_timescale_pct
-- Grain: one row per LA, month end and breakdown value ('all', locality); stock as at period_end.
-- Reads: int_visits__timeliness through the macro visits_in_time_pct (measure 'cin_20wd', the cohort and in-time rule below)
-- Rules:
--   [L] Children on a CIN plan at period_end for at least 20 working days (wd(plan start, date) >= 20)
--   whose latest CIN visit with the child seen is within 20 working days (wd(visit, date) <= 20) / those
--   children. R3 working days. Plans' own visit frequencies are not in the returns, so 20 working days
--   applies to all.
--   Computed only where the optional visits file is loaded and from its first month: other month ends
--   are null with value_note 'insufficient history'. No child in the cohort: null, 'no cases' (R11).
--   Figures: visits_in_time_pct (percent_of, history_gap) (queries/macros), shared by the three visits views.
with final as (
    select * from visits_in_time_pct('cin_20wd')
)

select * from final
