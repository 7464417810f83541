-- Grain: one row per child known to the CIN census or the local attributes file (la_code, child_id).
-- Reads: stg_cin__child, stg_cin__disability, stg_local__child_attributes. Materialise: table (read by
-- the flow, stock and visit intermediates).
-- Rules: the breakdown groups used by every indicator view.
--   sex_group: Male / Female / Unknown (CIN Sex M/F/U).
--   ethnicity_group: DfE major groups of data_layouts 5.1 by the code's first letter (W White, M Mixed,
--   A and CHNE Asian, B Black, O Other); REFU, NOBT and blanks are "Not known". A bare major-group letter
--   (some Annex A templates) maps the same way.
--   disability_group: "Disabled" if any code other than NONE, "Not disabled" if only NONE,
--   "Not recorded" if the child has no disability rows.
--   locality: the local attributes file's locality, else "Not recorded"; team and worker (the child lists
--   and "My teams" group by them) likewise.
--   Age is not here: it depends on the date of each event (R9), so the views compute it.
with children as (
    select * from stg_cin__child
),

disability as (
    select * from stg_cin__disability
),

local_attributes as (
    select * from stg_local__child_attributes
),

disability_by_child as (
    select
        la_code,
        child_id,
        case when bool_or(disability <> 'NONE') then 'Disabled' else 'Not disabled' end as disability_group
    from disability
    group by la_code, child_id
),

final as (
    -- a child in either file: one full join (a union of the ids and two left joins took twice as long)
    select
        la_code,
        child_id,
        children.birth_date,
        children.expected_birth_date,
        to_sex_group(children.sex) as sex_group,
        to_ethnicity_group(children.ethnicity) as ethnicity_group,
        coalesce(disability_by_child.disability_group, 'Not recorded') as disability_group,
        coalesce(local_attributes.locality, 'Not recorded') as locality,
        coalesce(local_attributes.team, 'Not recorded') as team,
        coalesce(local_attributes.worker, 'Not recorded') as worker
    from children
    full join local_attributes using (la_code, child_id)
    left join disability_by_child using (la_code, child_id)
)

select * from final
