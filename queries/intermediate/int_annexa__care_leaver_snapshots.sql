-- Grain: one row per LA, month end and care leaver receiving a service on the Annex A list 9 snapshot that
-- month end uses (la_code, period_end, child_id), with what the list 9 measures count about them.
-- Reads: int_annexa__snapshot_months, annexa_care_leavers (raw), int_children__attributes.
-- Rules:
--   Snapshot: the latest list 9 snapshot dated in the month (int_annexa__snapshot_months); a month
--   without one has no rows here.
--   The month end's snapshot rows (a child listed twice: the last row): snapshot_rows (queries/macros).
--   Receiving a service [L; Annex A list 9]: every row of the snapshot. Relevant, former relevant,
--   qualifying, eligible and other count, and so does a blank eligibility [U: our choice; the council
--   listed them as care leavers]. Eligible young people (still looked after, 16-17, 13 weeks looked after
--   since 14) count because leaving-care services start at 16: they have pathway plans, often a personal
--   adviser, and councils count them in their care-leaver caseload (calibration.md section 2: Dorset's
--   530 included 94 aged 16-18).
--   A young person listed twice in one snapshot counts once (the last row of the file).
--   Age (R9): completed years at the snapshot date S from the date of birth (an 18th birthday on S makes
--   them 18), else the list's own Age of Child (Years); aged_18_plus is false when the age is unknown.
--   pathway_plan_in_date [L]: the latest pathway plan review is 0-183 days before S (183 days = 6
--   months: a review exactly 183 days before counts, 184 does not; a blank or a future date does not).
--   has_pa: Allocated Personal Adviser not blank. is_unsuitable: suitability not_suitable (the list's
--   own judgement; B&B is not assumed unsuitable). in_bnb: accommodation W (SSDA903 ACCOM bed and
--   breakfast; the letter may carry a suitability digit, W1/W2).
--   Age bands: Under 18, 18, 19-21, 22 and over, Not known. Groups: sex, ethnicity (as
--   int_children__attributes), UASC (blank: Not UASC), eligibility (Relevant, Former relevant,
--   Qualifying, Eligible, Other, Not recorded), locality (local attributes file, else Not recorded).
with snapshot_months as (
    select la_code, period_end, list9_snapshot_date as snapshot_date
    from int_annexa__snapshot_months
    where list9_snapshot_date is not null
),

listed as (
    select * from annexa_care_leavers
),

attributes as (
    select * from int_children__attributes
),

on_snapshot as (
    -- the month end's snapshot rows, a child listed twice once: snapshot_rows (queries/macros)
    select * from snapshot_rows(snapshot_months, listed)
),

receiving as (
    select
        *,
        lower(trim(eligibility)) as eligibility_code,
        coalesce(date_sub('year', date_of_birth, snapshot_date), age_years) as age_at_snapshot
    from on_snapshot
),

final as (
    select
        r.la_code,
        r.period_end,
        r.snapshot_date,
        r.child_id,
        r.eligibility_code as eligibility,
        r.latest_pathway_plan_review,
        r.age_at_snapshot,
        coalesce(r.age_at_snapshot >= 18, false) as aged_18_plus,
        coalesce(r.latest_pathway_plan_review between r.snapshot_date - 183 and r.snapshot_date, false)
            as pathway_plan_in_date,
        coalesce(trim(r.allocated_pa), '') <> '' as has_pa,
        coalesce(lower(trim(r.suitability)) = 'not_suitable', false) as is_unsuitable,
        coalesce(upper(left(trim(r.accommodation), 1)) = 'W', false) as in_bnb,
        case
            when r.age_at_snapshot is null then 'Not known'
            when r.age_at_snapshot < 18 then 'Under 18'
            when r.age_at_snapshot = 18 then '18'
            when r.age_at_snapshot <= 21 then '19-21'
            else '22 and over'
        end as age_band,
        to_sex_group(r.sex) as sex_group,
        to_ethnicity_group(r.ethnicity) as ethnicity_group,
        coalesce(r.uasc, false) as is_uasc,
        case r.eligibility_code
            when 'relevant' then 'Relevant'
            when 'former_relevant' then 'Former relevant'
            when 'qualifying' then 'Qualifying'
            when 'eligible' then 'Eligible'
            when 'other' then 'Other'
            else 'Not recorded'
        end as eligibility_group,
        coalesce(a.locality, 'Not recorded') as locality
    from receiving as r
    left join attributes as a using (la_code, child_id)
)

select * from final
