-- cpp_visits_10wd_pct
-- Grain: one row per LA, month end and breakdown value ('all', locality); stock as at period_end.
-- Reads: int_visits__timeliness (measure 'cpp_10wd', the cohort and in-time rule below)
-- Rules:
--   [L] Children on a CP plan at period_end for at least 10 working days (wd(plan start, date) >= 10)
--   whose latest CP visit with the child seen is within 10 working days (wd(visit, date) <= 10) / those
--   children. R3 working days (start day = 0).
--   Computed only where the optional visits file is loaded and from its first month: other month ends
--   are null with value_note 'insufficient history'. No child in the cohort: null, 'no cases' (R11).
with timeliness as (
    select * from int_visits__timeliness
    where measure = 'cpp_10wd'
),

final as (
    select
        la_code,
        period_end as period_start,
        period_end,
        breakdown,
        breakdown_value,
        case when has_history then n_in_time end as numerator,
        case when has_history then n_children end as denominator,
        case when has_history and n_children > 0 then 100.0 * n_in_time / n_children end as value,
        case
            when not has_history then coalesce(gap_note, 'insufficient history')
            when n_children = 0 then 'no cases'
        end as value_note
    from timeliness
)

select * from final
