-- Grain: one row per missing or away episode (la_code, child_id, start_date).
-- Reads: ssda903_missing (raw). Rules: MISSING 'M' missing, 'A' away without authorisation [C];
-- end_date blank while still missing.
with source as (
    select * from ssda903_missing
),

final as (
    select
        la_code,
        child as child_id,
        upper(trim(missing)) as missing_type,
        mis_start as start_date,
        mis_end as end_date
    from source
)

select * from final
