-- Grain: one row per LA, local source and month end that a loaded local file covers
-- (la_code, source, period_end): the calendar of a source declared in cscdash/extracts/specs/local/.
-- Reads: stg_load__coverage, stg_ref__population (through month_end_windows).
-- Rules:
--   The months a local file covers run from the month of its first period date to the last month end on or
--   before its last (or its --as-at date), as load_coverage records (cscdash.extracts.coverage); the source
--   name is the spec's `source` (early_help, visits ...).
--   history_start: the first day the source's files cover. flow_history: the 12-month window to period_end
--   lies inside it; month_history: the calendar month does (single-month figures).
--   period_start: the first day of the 12 months to period_end; month_start: the first day of its month.
--   Population (R4): the latest ONS mid-year estimate at least 9 months before period_end, as
--   int_calendar__month_ends, for rates per 10,000 children.
--   Month ends, windows and population: month_end_list and month_end_windows (queries/macros).
--   A building block for an analyst's own page: an indicator over a local file reads its month ends here.
with coverage as (
    select * from stg_load__coverage
    where kind = 'local file' and covers_from is not null
),

bounds as (
    select la_code, source, min(covers_from) as history_start, max(last_month_end) as last_month_end
    from coverage
    group by la_code, source
),

months as (
    select bounds.la_code, bounds.source, bounds.history_start, t.period_end
    from bounds,
        unnest(month_end_list(date_trunc('month', bounds.history_start), bounds.last_month_end))
            as t(period_end)
    where bounds.last_month_end >= bounds.history_start
),

with_population as (
    -- period_start, month_start and the population (R4): month_end_windows (queries/macros)
    select * from month_end_windows(months)
),

final as (
    select
        la_code,
        source,
        period_start,
        month_start,
        period_end,
        history_start,
        period_start >= history_start as flow_history,
        month_start >= history_start as month_history,
        population_year,
        population
    from with_population
)

select * from final
