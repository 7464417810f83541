-- cla_rhi_offered_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the year to 31 March).
-- Reads: int_cla__rhi_rolling
-- Rules:
--   [L] Missing episodes ended in the period with a return home interview offered (an offered or a
--   completed date) / missing episodes ended in the period.
--   Missing episodes (MISSING = 'M', each episode counts) that ended in the period (MIS_END in the 12
--   months), of children looked after and not on a short break when the episode began (R6); an episode
--   still open is not counted. RHIs come from the local rhi.csv, matched on child and MIS_START: an
--   episode with no RHI row was not offered one. Definitions in int_cla__rhi_episodes.
--   History: the 12-month window must lie inside the loaded SSDA903 history (R10), else null 'insufficient
--   history'; without an RHI file for the LA, null 'no return home interview file loaded'.
--   Outside what the loaded SSDA903 returns cover: null with the calendar's 'no SSDA903 return covers this month'.
--   A zero denominator gives a null value with value_note 'no cases' (R11); value is a percentage, unrounded.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate (its m_* columns); the look-back, where the rule has one, is the same.
--   Each episode counts once, in the month of its MIS_END: the twelve months of a window add up to it.
with source as (
    select * from int_cla__rhi_rolling
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        unnest(percent_of(n_rhi_offered, n_missing_ended, coalesce(history_gap(cla_flow_history, cla_gap_note), rhi_gap))),
        -- the calendar month alone (the single-month figure SPC judges)
        unnest(month_percent_of(m_rhi_offered, m_missing_ended, coalesce(history_gap(cla_month_history, cla_gap_note), rhi_gap)))
    from source
)

select * from final
