-- Grain: one row per LA, source family and month end that a loaded return covers whole
-- (la_code, family, period_end), with the length of the unbroken run of covered months ending there.
-- Reads: stg_load__coverage.
-- Rules:
--   A month end is covered when it lies inside a return's period: on or after the period's first day and
--   on or before the last month end of its as-at date (an extract as at 15 November covers October, not
--   November). Families: cla (SSDA903), cin (CIN census), contacts (Annex A list 1), visits (local file).
--   covered_run counts the covered month ends up to and including this one with no gap: a 12-month flow
--   needs 12, the year before it 12 more; a missing year of returns breaks the run.
--   covered_to is the family's last covered month end (the calendars run to the latest of them).
--   Month ends: month_end_list (queries/macros).
with coverage as (
    select * from stg_load__coverage
    where family in ('cla', 'cin', 'contacts', 'visits')
),

months as (
    -- month_end_list (queries/macros): every month end of the months a return's period touches
    select distinct coverage.la_code, coverage.family, t.period_end
    from coverage,
        unnest(month_end_list(date_trunc('month', coverage.covers_from), coverage.last_month_end))
            as t(period_end)
    where coverage.last_month_end >= coverage.covers_from
        and t.period_end >= coverage.covers_from
),

islands as (
    select
        *,
        -- months since year 0 minus the row number: constant along an unbroken run of month ends
        year(period_end) * 12 + month(period_end)
            - row_number() over (partition by la_code, family order by period_end) as island
    from months
),

final as (
    select
        la_code,
        family,
        period_end,
        row_number() over (partition by la_code, family, island order by period_end) as covered_run,
        max(period_end) over (partition by la_code, family) as covered_to
    from islands
)

select * from final
