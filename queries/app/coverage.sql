-- What the loaded returns cover, for the Data quality page: one row per source of one LA.
-- Grain: one row per source. Reads load_coverage. Parameters: $la_code.
--   returns        how many returns (years, snapshots, censuses or files) are loaded
--   covers_from    the first day they cover; covers_to the latest as-at date (the source's last month end
--                  is the last month end on or before it); latest_kind full return / in-year extract / ...
with coverage as (
    select * from load_coverage where la_code = $la_code
),

final as (
    select
        source,
        count(*) as returns,
        min(period_start) as covers_from,
        max(period_end) as covers_to,
        arg_max(kind, period_end) as latest_kind,
        arg_max(as_at_from, period_end) as as_at_from,
        arg_max(source_file, period_end) as latest_file
    from coverage
    group by source
    order by source
)

select * from final
