-- Grain: one row per child who was an unaccompanied asylum-seeking child at any time (la_code, child_id).
-- Reads: ssda903_uasc (raw, one row per child).
-- Rules: a child is UASC on date d when listed and DUC (date UASC status ceased) is blank or after d [C].
with source as (
    select * from ssda903_uasc
),

final as (
    select
        la_code,
        child as child_id,
        duc as uasc_ceased_date
    from source
)

select * from final
