-- Grain: one row per contact (la_code, contact_id).
-- Reads: annexa_contacts (raw: Annex A list 1 plus the optional local columns of data_layouts 3.1).
-- Rules: the loader keeps one row per Contact ID (or child|date|source|n without one: raw_tables.sql),
-- so no de-duplication here (a window over every contact cost more than the rest of this view).
-- Outcome codes upper-case.
with source as (
    select * from annexa_contacts
),

final as (
    select
        la_code,
        contact_id,
        child_id,
        upper(trim(sex)) as sex,
        upper(trim(ethnicity)) as ethnicity,
        date_of_birth as birth_date,
        age_years,
        contact_date,
        upper(trim(contact_source)) as contact_source,
        contact_datetime,
        upper(trim(contact_outcome)) as contact_outcome,
        decision_datetime
    from source
)

select * from final
