-- Grain: one row per visit (la_code, child_id, visit_date, visit_type).
-- Reads: local_visits (raw, the optional visits.csv of data_layouts 3.1 [L]). Rules: visit types
-- upper-case (CP, CLA, CIN, PA); child_seen null is read as false (a visit is "seen" only when recorded).
with source as (
    select * from local_visits
),

final as (
    select distinct
        la_code,
        child_id,
        visit_date,
        upper(trim(visit_type)) as visit_type,
        coalesce(child_seen, false) as child_seen,
        seen_alone
    from source
)

select * from final
