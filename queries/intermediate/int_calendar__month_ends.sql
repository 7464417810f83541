-- Grain: one row per LA and month end of its loaded history (la_code, period_end).
-- Reads: stg_cin__details, stg_cin__assessment, stg_cin__s47, stg_cin__cpp, stg_annexa__contacts,
-- stg_local__visits, stg_ref__population. Materialise: table.
-- Rules:
--   period_start = first day of the 12-month window ending at period_end (flows are rolling 12 months,
--   so the March row is the DfE year; R2).
--   History (R10): cin_history_start = 1 April before the earliest collection_year loaded (a return covers
--   1 Apr - 31 Mar and repeats cases open on 1 April), or, without collection years, the first day of the
--   month of the earliest referral. Contacts and visits start at the month of their earliest date.
--   cin_flow_history: the 12-month window lies inside the CIN history; cin_prior_year_history: the year
--   before the window too (re-referrals and repeat plans look back 12 months, R10).
--   Population (R4): the latest ONS mid-year (30 June) estimate at least 9 months before period_end, so
--   a period ending 31 March YYYY uses mid-(YYYY-1) as DfE does; if that year is not loaded the latest
--   earlier one is used and population_year says which.
--   The calendar runs from the first month of any source to the month of the latest event date.
with details as (
    select * from stg_cin__details
),

assessments as (
    select * from stg_cin__assessment
),

s47s as (
    select * from stg_cin__s47
),

plans as (
    select * from stg_cin__cpp
),

contacts as (
    select * from stg_annexa__contacts
),

visits as (
    select * from stg_local__visits
),

population as (
    select * from stg_ref__population
),

cin_bounds as (
    select
        la_code,
        coalesce(make_date(min(collection_year) - 1, 4, 1), date_trunc('month', min(referral_date)))
            as cin_history_start
    from details
    group by la_code
),

contact_bounds as (
    select la_code, date_trunc('month', min(contact_date)) as contacts_history_start
    from contacts
    group by la_code
),

visit_bounds as (
    select la_code, date_trunc('month', min(visit_date)) as visits_history_start
    from visits
    group by la_code
),

event_dates as (
    select la_code, referral_date as event_date from details
    union all
    select la_code, coalesce(authorised_date, start_date) from assessments
    union all
    select la_code, start_date from s47s
    union all
    select la_code, coalesce(end_date, start_date) from plans
    union all
    select la_code, greatest(contact_date, cast(decision_datetime as date)) from contacts
),

last_dates as (
    select la_code, max(event_date) as last_event_date
    from event_dates
    group by la_code
),

bounds as (
    select
        last_dates.la_code,
        cast(cin_bounds.cin_history_start as date) as cin_history_start,
        cast(contact_bounds.contacts_history_start as date) as contacts_history_start,
        cast(visit_bounds.visits_history_start as date) as visits_history_start,
        cast(least(cin_bounds.cin_history_start, contact_bounds.contacts_history_start) as date)
            as first_month,
        last_dates.last_event_date
    from last_dates
    left join cin_bounds using (la_code)
    left join contact_bounds using (la_code)
    left join visit_bounds using (la_code)
),

months as (
    select
        bounds.*,
        last_day(cast(month_start as date)) as period_end
    from bounds,
        unnest(generate_series(
            cast(bounds.first_month as timestamp),
            cast(date_trunc('month', bounds.last_event_date) as timestamp),
            interval 1 month
        )) as t(month_start)
),

with_windows as (
    select
        *,
        cast(date_trunc('month', period_end - interval 11 month) as date) as period_start,
        last_day(cast(period_end - interval 11 month as date)) as first_month_end,
        year(period_end - interval 9 month)
            - case when month(period_end - interval 9 month) < 6
                or (month(period_end - interval 9 month) = 6 and day(period_end - interval 9 month) < 30)
                then 1 else 0 end as wanted_population_year
    from months
),

with_population as (
    select
        w.*,
        p.population_year,
        p.age_0_17 as population
    from with_windows as w
    asof left join population as p
        on w.la_code = p.la_code and w.wanted_population_year >= p.population_year
),

final as (
    select
        la_code,
        period_start,
        period_end,
        first_month_end,
        cin_history_start,
        contacts_history_start,
        visits_history_start,
        coalesce(period_start >= cin_history_start, false) as cin_flow_history,
        coalesce(cast(period_start - interval 12 month as date) >= cin_history_start, false)
            as cin_prior_year_history,
        coalesce(period_end >= cin_history_start, false) as cin_stock_history,
        coalesce(period_start >= contacts_history_start, false) as contacts_flow_history,
        coalesce(period_end >= visits_history_start, false) as visits_stock_history,
        wanted_population_year,
        population_year,
        population
    from with_population
)

select * from final
