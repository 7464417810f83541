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
with calendar as (
    select * from int_annexa__snapshot_months
),

children as (
    select * from int_annexa__cla_snapshots
    where in_care_4_months
),

long as (
    select
        la_code,
        period_end,
        pair.breakdown,
        pair.breakdown_value,
        1 as n_cohort,
        cast(has_permanence_plan as integer) as n_with_plan
    from (
        select
            *,
            unnest([
                {'breakdown': 'all', 'breakdown_value': 'all'},
                {'breakdown': 'age_band', 'breakdown_value': age_band},
                {'breakdown': 'sex', 'breakdown_value': sex_group},
                {'breakdown': 'ethnicity', 'breakdown_value': ethnicity_group},
                {'breakdown': 'uasc', 'breakdown_value': case when is_uasc then 'UASC' else 'Not UASC' end},
                {'breakdown': 'disability', 'breakdown_value': disability_group},
                {'breakdown': 'locality', 'breakdown_value': locality}
            ]) as pair
        from children
    )
),

counted as (
    select la_code, period_end, breakdown, breakdown_value, sum(n_cohort) as n_cohort,
        sum(n_with_plan) as n_with_plan
    from long
    group by all
),

groups as (
    select distinct la_code, breakdown, breakdown_value from counted
    union
    select distinct la_code, 'all', 'all' from calendar
),

grid as (
    select
        c.la_code,
        c.period_start,
        c.period_end,
        c.list8_snapshot_date as snapshot_date,
        g.breakdown,
        g.breakdown_value,
        cast(coalesce(k.n_cohort, 0) as bigint) as n_cohort,
        cast(coalesce(k.n_with_plan, 0) as bigint) as n_with_plan
    from groups as g
    join calendar as c using (la_code)
    left join counted as k
        on g.la_code = k.la_code and c.period_end = k.period_end
        and g.breakdown = k.breakdown and g.breakdown_value = k.breakdown_value
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        snapshot_date,
        case when snapshot_date is not null then n_with_plan end as numerator,
        case when snapshot_date is not null then n_cohort end as denominator,
        case when snapshot_date is not null and n_cohort > 0 then 100.0 * n_with_plan / n_cohort end as value,
        case
            when snapshot_date is null then 'no Annex A list 8 snapshot in this month'
            when n_cohort = 0 then 'no cases'
        end as value_note
    from grid
)

select * from final
