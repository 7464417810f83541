-- Grain: one row per visit (la_code, child_id, visit_date, visit_type).
-- Reads: local_visits (raw, the optional visits.csv of data_layouts 3.1 [L]). Rules: visit types
-- upper-case (CP, CLA, CIN, PA); child_seen null is read as false (a visit is "seen" only when recorded).
-- No de-duplication here: the loader keeps one row per key, and the views only ever take the latest seen
-- visit, which a repeated row cannot change (a `distinct` cost a full hash of every visit at every build).
with source as (
    select * from local_visits
),

final as (
    select
        la_code,
        child_id,
        visit_date,
        upper(trim(visit_type)) as visit_type,
        coalesce(child_seen, false) as child_seen,
        seen_alone
    from source
)

select * from final
