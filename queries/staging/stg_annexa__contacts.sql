-- Grain: one row per contact (la_code, contact_id).
-- Reads: annexa_contacts (raw: Annex A list 1 plus the optional local columns of data_layouts 3.1).
-- Rules: the loader already de-duplicates on Contact ID, or (child, date, source) without one; the
-- qualify below only guards against a repeated key. Outcome codes upper-case.
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
    qualify row_number() over (
        partition by la_code, contact_id order by collection_year desc nulls last, source_row desc
    ) = 1
)

select * from final
