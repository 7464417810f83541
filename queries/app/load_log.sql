-- The load log for the Data quality page. Grain: one row per load (newest first).
-- Reads loads. files_json / rows_json are summarised by the app, not parsed here.
with loads_ordered as (
    select
        load_id,
        started_at,
        finished_at,
        outcome,
        n_errors,
        n_warnings,
        files_json,
        rows_json,
        note
    from loads
),

final as (
    select * from loads_ordered order by load_id desc
)

select * from final
