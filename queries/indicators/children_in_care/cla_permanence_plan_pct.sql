-- cla_permanence_plan_pct
-- Grain: one row per LA, month end and breakdown value; stock as at the Annex A list 8 snapshot dated in
-- the month (the latest, if there are several).
-- Reads: int_annexa__snapshot_months, int_annexa__cla_snapshots
-- Rules:
--   [L; Annex A list 8 Permanence Plan] Children looked after at the snapshot date S (not ceased on or
--   before S; short breaks V3/V4 excluded, R6) who have been in care 4 months or more (Date Started to
--   be Looked After on or before S minus 4 calendar months: exactly 4 months counts, one day less does
--   not) with a permanence plan recorded (any option, 'other' included) / those children.
--   indicators.md also allows "or by the 2nd review": list 8 has no review count, so only the 4-month
--   rule is used [U: our choice].
--   A month end with no list 8 snapshot dated in that month: null with value_note 'no Annex A list 8
--   snapshot in this month' (never carried forward). snapshot_date says which snapshot was used.
--   Breakdowns: age band at S (R9), sex, ethnicity, UASC, disability, locality.
--   A zero denominator gives a null value with value_note 'no cases' (R11); value is a percentage, unrounded.
--   Shared: the rows per breakdown value come from the macro breakdown_rows, the rows of every month end
--   (0 when empty, and an 'all' row) from every_month_end (queries/macros).
--   Figures: percent_of (queries/macros).
with calendar as (
    select * from int_annexa__snapshot_months
),

children as (
    select * from int_annexa__cla_snapshots
    where in_care_4_months
),

counted as (
    -- one pass with grouping sets: the 'all' total and one set per breakdown, each breakdown a by_ column
    -- that breakdown_rows turns into breakdown / breakdown_value rows
    select
        la_code,
        period_end,
        'all' as by_all, age_band as by_age_band, sex_group as by_sex, ethnicity_group as by_ethnicity,
        to_uasc_group(is_uasc) as by_uasc, disability_group as by_disability, locality as by_locality,
        count(*) as n_cohort,
        count(*) filter (where has_permanence_plan) as n_with_plan
    from children
    group by la_code, period_end, grouping sets (
        (by_all), (by_age_band), (by_sex), (by_ethnicity), (by_uasc), (by_disability), (by_locality)
    )
),

by_breakdown as (
    select * from breakdown_rows(counted)
),

month_ends as (
    select
        la_code,
        period_start,
        period_end,
        list8_snapshot_date as snapshot_date,
        case when list8_snapshot_date is null then 'no Annex A list 8 snapshot in this month' end as snapshot_gap
    from calendar
),

grid as (
    -- every month end has a row for every group the LA ever had (0 when empty) and an 'all' row
    select * from every_month_end(by_breakdown, month_ends)
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        snapshot_date,
        unnest(percent_of(n_with_plan, n_cohort, snapshot_gap))
    from grid
)

select * from final
