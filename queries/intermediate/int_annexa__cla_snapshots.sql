-- Grain: one row per LA, month end and child looked after on the Annex A list 8 snapshot that month end
-- uses (la_code, period_end, child_id), with what the list 8 measures count about the child.
-- Reads: int_annexa__snapshot_months, annexa_cla (raw), int_children__attributes.
-- Rules:
--   Snapshot: the latest list 8 snapshot dated in the month (int_annexa__snapshot_months); a month
--   without one has no rows here.
--   The month end's snapshot rows (a child listed twice: the last row): snapshot_rows (queries/macros).
--   Looked after at the snapshot date S: on the list, not ceased on or before S (Date Ceased blank or
--   after S), and not on short breaks (legal status V3/V4 dropped, R6). A child listed twice in one
--   snapshot counts once (the last row of the file).
--   in_care_4_months: Date Started to be Looked After on or before S minus 4 calendar months (a child in
--   care exactly 4 months counts; one day less does not). DuckDB clamps to the month's last day, so for
--   S = 31 March the cut-off is 30 November. A blank start date is not judged (false).
--   has_permanence_plan: the Permanence Plan field holds any option (return home, adoption, SGO/CAO,
--   supported living, long-term residential, long-term fostering or other); blank = none recorded.
--   Age (R9): completed years at S from the date of birth, else the list's own Age of Child (Years).
--   Age bands as the SSDA903 stock measures: Under 1, 1-4, 5-9, 10-15, 16 and over, Not known.
--   Groups: sex Male/Female/Unknown; ethnicity by the code's major group (as int_children__attributes);
--   UASC and disability from the list's Y/N fields (blank: Not UASC / Not recorded); locality from the
--   local attributes file (int_children__attributes), else Not recorded.
with snapshot_months as (
    select la_code, period_end, list8_snapshot_date as snapshot_date
    from int_annexa__snapshot_months
    where list8_snapshot_date is not null
),

listed as (
    select * from annexa_cla
),

attributes as (
    select * from int_children__attributes
),

on_snapshot as (
    -- the month end's snapshot rows, a child listed twice once: snapshot_rows (queries/macros)
    select * from snapshot_rows(snapshot_months, listed)
),

looked_after as (
    select
        *,
        coalesce(date_sub('year', date_of_birth, snapshot_date), age_years) as age_at_snapshot
    from on_snapshot
    where (date_ceased is null or date_ceased > snapshot_date)
        and (date_started_looked_after is null or date_started_looked_after <= snapshot_date)
        and coalesce(upper(trim(legal_status)), '') not in ('V3', 'V4')
),

final as (
    select
        c.la_code,
        c.period_end,
        c.snapshot_date,
        c.child_id,
        c.date_started_looked_after,
        c.permanence_plan,
        coalesce(
            c.date_started_looked_after <= cast(c.snapshot_date - interval 4 month as date), false
        ) as in_care_4_months,
        coalesce(trim(c.permanence_plan), '') <> '' as has_permanence_plan,
        c.age_at_snapshot,
        to_age_band(c.age_at_snapshot) as age_band,
        to_sex_group(c.sex) as sex_group,
        to_ethnicity_group(c.ethnicity) as ethnicity_group,
        coalesce(c.uasc, false) as is_uasc,
        case when c.disability then 'Disabled' when not c.disability then 'Not disabled' else 'Not recorded' end
            as disability_group,
        coalesce(a.locality, 'Not recorded') as locality
    from looked_after as c
    left join attributes as a using (la_code, child_id)
)

select * from final
