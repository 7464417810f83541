-- cl_pa_allocated_pct
-- Grain: one row per LA, month end and breakdown value; stock as at the Annex A list 9 snapshot dated in
-- the month (the latest, if there are several).
-- Reads: int_annexa__care_leavers_monthly
-- Rules:
--   [L; Annex A list 9 Allocated Personal Advisor] Care leavers receiving a service (every row; the
--   eligible are under 18, so never in it) aged 18 or over at the snapshot date with a personal adviser
--   recorded (not blank) / care leavers receiving a service aged 18 or over. Age (R9): completed years at the snapshot date from
--   the date of birth (an 18th birthday on the snapshot date counts as 18), else the list's age; an
--   unknown age is left out of both.
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
        unnest(percent_of(n_18_plus_with_pa, n_18_plus, annexa_snapshot_gap(list9_snapshot_date, 9)))
    from source
)

select * from final
