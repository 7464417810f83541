-- Grain: one row per LA and month end of its loaded SSDA903 history (la_code, period_end).
-- Reads: stg_ssda903__episodes, stg_ssda903__episode_places, stg_ssda903__missing, stg_ssda903__reviews,
-- stg_ref__population (through month_end_windows), stg_ssda903__sw_episodes, stg_local__visits,
-- stg_load__coverage (through first_covered_days), int_coverage__months.
-- Materialise: table.
-- Rules:
--   The SSDA903 calendar (the CIN calendar int_calendar__month_ends only knows CIN and contact dates):
--   from the month of the history start to the last month end the loaded SSDA903 returns cover
--   (int_coverage__months: 31 March for a full return, the month end on or before an in-year extract's
--   as-at date), even when nothing happened in the last months: a full 2023-24 return whose last event
--   was in August still gives the 31 March 2024 figures. A database whose rows were not written by the
--   loader (no SSDA903 coverage rows) runs to the month of the latest SSDA903 date (episodes, missing,
--   reviews, social-worker episodes), every month covered.
--   A month no return covers has every flag false and cla_gap_note 'no SSDA903 return covers this
--   month' (visits_gap_note 'no visits file covers this month' for the visit measure); the flows need
--   their whole window covered without a gap (cla_covered_run: 12 months, 24 for two years, 31 for
--   long-term stability).
--   cla_history_start (R10) = the first day the loaded SSDA903 returns cover (1 April of the earliest year:
--   a return covers 1 Apr - 31 Mar and repeats episodes open on 1 April with their true DECOM); for rows
--   not written by the loader, 1 April before the earliest collection_year left, else the earliest
--   DECOM's month.
--   Flags: cla_stock_history (period_end inside the history), cla_flow_history (the 12-month window
--   inside it), cla_2y_history (24 months), cla_stability_history (period_end - 30 months inside it: a
--   child in care since before the history start has then been looked after 2.5+ years whatever the
--   real start, so long-term stability is not biased).
--   cla_month_history: the calendar month of period_end (month_start) lies inside the history and is
--   covered, for the single-month figures.
--   sw_history: the 12-month window lies inside the social-worker history (sw_episodes, from 2023-24:
--   1 April before its earliest collection_year). visits_history: CLA visits are loaded (local visits
--   file, type CLA) from at least 42 days before period_end [L].
--   Population (R4): the latest ONS mid-year (30 June) estimate at least 9 months before period_end (for
--   31 March YYYY: mid-(YYYY-1)), as int_calendar__month_ends.
--   Month ends, windows and population: month_end_list and month_end_windows; the visits file's
--   coverage: visits_covered_runs (queries/macros).
with episodes as (
    select * from stg_ssda903__episodes
),

places as (
    select * from stg_ssda903__episode_places
),

coverage as (
    select * from int_coverage__months
    where family in ('cla', 'visits')
),

cla_covered_to as (
    select la_code, max(covered_to) as covered_to
    from coverage
    where family = 'cla'
    group by la_code
),

first_covered as (
    -- the first day the loaded SSDA903 returns cover: an episode open on 1 April is repeated in every
    -- later return and the latest wins, so the first year can keep no rows of its own
    -- (first_covered_days, queries/macros)
    select la_code, covered_from as cla_covered_from from first_covered_days('cla')
),

starts as (
    select
        e.la_code,
        coalesce(
            any_value(f.cla_covered_from),
            make_date(min(p.collection_year) - 1, 4, 1),
            cast(date_trunc('month', min(e.start_date)) as date)
        ) as cla_history_start
    from episodes as e
    left join places as p using (la_code, child_id, start_date)
    left join first_covered as f on e.la_code = f.la_code
    group by e.la_code
),

event_dates as (
    select la_code, greatest(start_date, coalesce(end_date, start_date)) as event_date from episodes
    union all
    select la_code, greatest(start_date, coalesce(end_date, start_date)) from stg_ssda903__missing
    union all
    select la_code, review_date from stg_ssda903__reviews
    union all
    select la_code, greatest(start_date, coalesce(end_date, start_date)) from stg_ssda903__sw_episodes
),

sw_starts as (
    select la_code, make_date(min(collection_year) - 1, 4, 1) as sw_history_start
    from stg_ssda903__sw_episodes
    group by la_code
),

visit_starts as (
    select la_code, min(visit_date) as visits_history_start
    from stg_local__visits
    where visit_type = 'CLA'
    group by la_code
),

bounds as (
    select
        s.la_code,
        s.cla_history_start,
        coalesce(c.covered_to, max(d.event_date)) as last_event_date,
        c.covered_to is null as uncovered_fallback
    from starts as s
    join event_dates as d using (la_code)
    left join cla_covered_to as c using (la_code)
    group by s.la_code, s.cla_history_start, c.covered_to
),

months as (
    select bounds.*, t.period_end
    from bounds,
        unnest(month_end_list(date_trunc('month', bounds.cla_history_start), bounds.last_event_date))
            as t(period_end)
),

with_population as (
    -- month_start, period_start and the population (R4): month_end_windows (queries/macros)
    select * from month_end_windows(months)
),

with_coverage as (
    -- covered_run: unbroken covered months ending at period_end (0 = not covered); every month is
    -- covered when the LA has no coverage rows (rows not written by the loader)
    select
        w.*,
        case when w.uncovered_fallback then 9999 else coalesce(cla.covered_run, 0) end as cla_covered_run
    -- visits_covered_run: visits_covered_runs (queries/macros)
    from visits_covered_runs(with_population) as w
    left join coverage as cla on cla.la_code = w.la_code and cla.family = 'cla' and cla.period_end = w.period_end
),

final as (
    select
        la_code,
        period_start,
        period_end,
        month_start,
        cla_history_start,
        period_end >= cla_history_start and cla_covered_run >= 1 as cla_stock_history,
        period_start >= cla_history_start and cla_covered_run >= 12 as cla_flow_history,
        cast(period_start - interval 12 month as date) >= cla_history_start and cla_covered_run >= 24
            as cla_2y_history,
        cast(period_end - interval 30 month as date) >= cla_history_start and cla_covered_run >= 31
            as cla_stability_history,
        coalesce(period_start >= sw_history_start, false) and cla_covered_run >= 12 as sw_history,
        -- the calendar month alone (the single-month figures SPC judges): inside the history and covered
        month_start >= cla_history_start and cla_covered_run >= 1 as cla_month_history,
        coalesce(period_end - 42 >= visits_history_start, false) and cla_covered_run >= 1
            and visits_covered_run >= 1 as visits_history,
        case when cla_covered_run = 0 then 'no SSDA903 return covers this month' end as cla_gap_note,
        case
            when cla_covered_run = 0 then 'no SSDA903 return covers this month'
            when visits_covered_run = 0 then 'no visits file covers this month'
        end as visits_gap_note,
        population_year,
        population
    from with_coverage
    left join sw_starts using (la_code)
    left join visit_starts using (la_code)
)

select * from final
