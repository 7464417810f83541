-- Grain: one row per LA and month end of its loaded SSDA903 history (la_code, period_end).
-- Reads: stg_ssda903__episodes, stg_ssda903__episode_places, stg_ssda903__missing, stg_ssda903__reviews,
-- stg_ref__population, stg_ssda903__sw_episodes, stg_local__visits.
-- Materialise: table.
-- Rules:
--   The SSDA903 calendar (the CIN calendar int_calendar__month_ends only knows CIN and contact dates):
--   from the month of the history start to the month of the latest SSDA903 date (episodes, missing,
--   reviews, social-worker episodes).
--   cla_history_start (R10) = 1 April before the earliest collection_year loaded (a return covers 1 Apr -
--   31 Mar and repeats episodes open on 1 April with their true DECOM), else the earliest DECOM's month.
--   Flags: cla_stock_history (period_end inside the history), cla_flow_history (the 12-month window
--   inside it), cla_2y_history (24 months), cla_stability_history (period_end - 30 months inside it: a
--   child in care since before the history start has then been looked after 2.5+ years whatever the
--   real start, so long-term stability is not biased).
--   sw_history: the 12-month window lies inside the social-worker history (sw_episodes, from 2023-24:
--   1 April before its earliest collection_year). visits_history: CLA visits are loaded (local visits
--   file, type CLA) from at least 42 days before period_end [L].
--   Population (R4): the latest ONS mid-year (30 June) estimate at least 9 months before period_end (for
--   31 March YYYY: mid-(YYYY-1)), as int_calendar__month_ends.
with episodes as (
    select * from stg_ssda903__episodes
),

places as (
    select * from stg_ssda903__episode_places
),

population as (
    select * from stg_ref__population
),

starts as (
    select
        e.la_code,
        coalesce(make_date(min(p.collection_year) - 1, 4, 1), cast(date_trunc('month', min(e.start_date)) as date))
            as cla_history_start
    from episodes as e
    left join places as p using (la_code, child_id, start_date)
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
    select s.la_code, s.cla_history_start, max(d.event_date) as last_event_date
    from starts as s
    join event_dates as d using (la_code)
    group by all
),

months as (
    select bounds.*, last_day(cast(month_start as date)) as period_end
    from bounds,
        unnest(generate_series(
            cast(date_trunc('month', bounds.cla_history_start) as timestamp),
            cast(date_trunc('month', bounds.last_event_date) as timestamp),
            interval 1 month
        )) as t(month_start)
),

with_windows as (
    select
        *,
        cast(date_trunc('month', period_end - interval 11 month) as date) as period_start,
        year(period_end - interval 9 month)
            - case when month(period_end - interval 9 month) < 6
                or (month(period_end - interval 9 month) = 6 and day(period_end - interval 9 month) < 30)
                then 1 else 0 end as wanted_population_year
    from months
),

with_population as (
    select w.*, p.population_year, p.age_0_17 as population
    from with_windows as w
    asof left join population as p
        on w.la_code = p.la_code and w.wanted_population_year >= p.population_year
),

final as (
    select
        la_code,
        period_start,
        period_end,
        cla_history_start,
        period_end >= cla_history_start as cla_stock_history,
        period_start >= cla_history_start as cla_flow_history,
        cast(period_start - interval 12 month as date) >= cla_history_start as cla_2y_history,
        cast(period_end - interval 30 month as date) >= cla_history_start as cla_stability_history,
        coalesce(period_start >= sw_history_start, false) as sw_history,
        coalesce(period_end - 42 >= visits_history_start, false) as visits_history,
        population_year,
        population
    from with_population
    left join sw_starts using (la_code)
    left join visit_starts using (la_code)
)

select * from final
