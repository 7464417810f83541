-- children_cla_permanence(list_month_end): the children behind cla_permanence_plan_pct (children in care 4
-- months or more with a permanence plan, Annex A list 8).
-- Grain: one row per LA and child looked after on the list 8 snapshot the month end uses and in care 4
-- months or more at it (la_code, child_id).
-- Reads: int_annexa__cla_snapshots (through it int_annexa__snapshot_months: the latest snapshot dated in the
-- month), int_children__attributes.
-- Rules: the view's counts, one child at a time:
--   Listed: int_annexa__cla_snapshots rows of period_end with in_care_4_months (Date Started to be Looked
--   After on or before the snapshot date minus 4 calendar months; looked after at the snapshot, short
--   breaks excluded, a child listed twice once). n_cohort = 1 for each; n_with_plan = 1 when
--   has_permanence_plan (any option recorded, 'other' included).
--   A month with no list 8 snapshot has no rows (the view's figure is null then).
--   in_care_since_on_or_before: the snapshot date minus 4 calendar months (the cut-off the start date met).
--   by_age_band (age at the snapshot, R9), by_sex, by_ethnicity, by_uasc (to_uasc_group), by_disability,
--   by_locality: the groups of the view's breakdown rows. team, worker, locality: int_children__attributes,
--   else 'Not recorded'.
--   The month end parameter is named list_month_end, not period_end: DuckDB puts a table macro's
--   parameter in place of same-named columns inside the views it reads (period_end in many).
create or replace macro children_cla_permanence(list_month_end) as table
with asked as (
    select cast(list_month_end as date) as asked_end
),

snapshots as (
    select * from int_annexa__cla_snapshots
    where in_care_4_months
),

attributes as (
    select * from int_children__attributes
),

on_snapshot as (
    select s.*
    from snapshots as s
    join asked as q on s.period_end = q.asked_end
),

final as (
    select
        s.la_code,
        s.child_id,
        'Child in care' as record,
        coalesce(a.team, 'Not recorded') as team,
        coalesce(a.worker, 'Not recorded') as worker,
        coalesce(a.locality, 'Not recorded') as locality,
        s.age_band as by_age_band,
        s.sex_group as by_sex,
        s.ethnicity_group as by_ethnicity,
        to_uasc_group(s.is_uasc) as by_uasc,
        s.disability_group as by_disability,
        s.locality as by_locality,
        s.snapshot_date,
        s.date_started_looked_after,
        cast(s.snapshot_date - interval 4 month as date) as in_care_since_on_or_before,
        -- the plan in the words of the Ofsted list 8 options (the loader's codes otherwise)
        case
            when not s.has_permanence_plan then null
            when s.permanence_plan = 'return_home' then 'Return to family'
            when s.permanence_plan = 'adoption' then 'Adoption'
            when s.permanence_plan = 'sgo_cao' then 'SGO/CAO'
            when s.permanence_plan = 'supported_living' then 'Supported living in the community'
            when s.permanence_plan = 'long_term_residential' then 'Long-term residential placement'
            when s.permanence_plan = 'long_term_fostering' then 'Long-term fostering'
            when s.permanence_plan = 'other' then 'Other'
            else trim(s.permanence_plan)
        end as permanence_plan,
        1 as n_cohort,
        cast(s.has_permanence_plan as integer) as n_with_plan
    from on_snapshot as s
    left join attributes as a using (la_code, child_id)
)

select * from final
