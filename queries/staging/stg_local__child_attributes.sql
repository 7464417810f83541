-- Grain: one row per child (la_code, child_id) with the local locality, team and allocated worker.
-- Reads: local_child_attributes (raw, optional child_attributes.csv [L]; same id space as LAchildID in
-- the demo). Rules: blank locality stays null (reported as "Not recorded" downstream).
with source as (
    select * from local_child_attributes
),

final as (
    select
        la_code,
        child_id,
        nullif(trim(locality), '') as locality,
        nullif(trim(team), '') as team,
        nullif(trim(worker), '') as worker
    from source
    qualify row_number() over (
        partition by la_code, child_id order by collection_year desc nulls last, source_row desc
    ) = 1
)

select * from final
