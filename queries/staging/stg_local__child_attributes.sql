-- Grain: one row per child (la_code, child_id) with the local locality, team and allocated worker.
-- Reads: local_child_attributes (raw, optional child_attributes.csv [L]; same id space as LAchildID in
-- the demo). Rules: blank locality stays null (reported as "Not recorded" downstream).
-- One row per child already: the loader keeps one row per (la_code, child_id), the latest file's
-- (store.plan_changes; tests/extracts test_raw_keys_unique). No window dedup here: at 150 authorities it
-- was 6 of the 17 seconds of int_children__attributes, and removed nothing.
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
)

select * from final
