-- What the loaded returns cover, for the load command's closing summary.
-- Grain: one row per LA and source. Reads load_coverage.
with coverage as (
    select * from load_coverage
),

final as (
    select
        la_code,
        source,
        count(*) as n_periods,
        min(period_start) as covers_from,
        max(period_end) as covers_to,
        arg_max(kind, period_end) as latest_kind,
        arg_max(as_at_from, period_end) as latest_as_at_from
    from coverage
    group by la_code, source
    order by la_code, source
)

select * from final
