-- cl_in_bnb_count
-- Grain: one row per LA, month end and breakdown value; stock as at the Annex A list 9 snapshot dated in
-- the month (the latest, if there are several).
-- Reads: int_annexa__care_leavers_monthly
-- Rules:
--   [L; Annex A list 9] Care leavers receiving a service (every row, eligible included) living in
--   bed and breakfast: Type of Accommodation W (the SSDA903 ACCOM letter; W1/W2 count too), whatever
--   suitability the list records.
--   A month end with no list 9 snapshot dated in that month: null with value_note 'no Annex A list 9
--   snapshot in this month' (never carried forward). snapshot_date says which snapshot was used.
--   Counts put the count in numerator and value; denominator is null (R12).
--   Figures: count_of (queries/macros) applies these rules; annexa_snapshot_gap gives the missing snapshot's reason.
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
        unnest(count_of(n_in_bnb, annexa_snapshot_gap(list9_snapshot_date, 9)))
    from source
)

select * from final
