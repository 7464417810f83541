-- cl_pathway_plan_in_date_pct
-- Grain: one row per LA, month end and breakdown value; stock as at the Annex A list 9 snapshot dated in
-- the month (the latest, if there are several).
-- Reads: int_annexa__care_leavers_monthly
-- Rules:
--   [L; Annex A list 9 Latest Pathway Plan Review Date] Care leavers receiving a service (every row,
--   eligible included) whose latest pathway plan review is within 183 days (6 months) before the
--   snapshot date S: S - review <= 183 (exactly 183 days counts, 184 does not; a blank review date, or one
--   after S, does not) / care leavers receiving a service. Dorset tolerates 7 months; we use 6.
--   A month end with no list 9 snapshot dated in that month: null with value_note 'no Annex A list 9
--   snapshot in this month' (never carried forward). snapshot_date says which snapshot was used.
--   A zero denominator gives a null value with value_note 'no cases' (R11); value is a percentage, unrounded.
--   Figures: percent_of (queries/macros) applies these rules; annexa_snapshot_gap gives the missing snapshot's reason.
with source as (
    select * from int_annexa__care_leavers_monthly
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        list9_snapshot_date as snapshot_date,
        unnest(percent_of(n_pathway_in_date, n_care_leavers, annexa_snapshot_gap(list9_snapshot_date, 9)))
    from source
)

select * from final
