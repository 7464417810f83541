-- Grain: one row per LA and month end of its loaded history (la_code, period_end).
-- Reads: stg_cin__details, stg_cin__assessment, stg_cin__s47, stg_cin__cpp, stg_annexa__contacts,
-- stg_local__visits, stg_ref__population (through month_end_windows), stg_load__coverage (through
-- first_covered_days), int_coverage__months. Materialise: table.
-- Rules:
--   period_start = first day of the 12-month window ending at period_end (flows are rolling 12 months,
--   so the March row is the DfE year; R2).
--   History (R10): cin_history_start = the first day the loaded CIN census returns cover (1 April of the
--   earliest year: a return covers 1 Apr - 31 Mar and repeats cases open on 1 April); for rows not written
--   by the loader, 1 April before the earliest collection_year, or without collection years the first day
--   of the month of the earliest referral. Contacts and visits start at the month of their earliest date.
--   cin_flow_history: the 12-month window lies inside the CIN history; cin_prior_year_history: the year
--   before the window too (re-referrals and repeat plans look back 12 months, R10).
--   Single-month figures (month_start: the first day of period_end's month): cin_month_history,
--   contacts_month_history (the month inside the history and covered), cin_month_prior_year_history (the
--   12 months before the month too: the same look-back as the 12-month figure).
--   Population (R4): the latest ONS mid-year (30 June) estimate at least 9 months before period_end, so
--   a period ending 31 March YYYY uses mid-(YYYY-1) as DfE does; if that year is not loaded the latest
--   earlier one is used and population_year says which.
--   Month ends, windows and population: month_end_list and month_end_windows; the visits file's
--   coverage: visits_covered_runs (queries/macros).
--   Coverage: the calendar runs from the first month of any source to the last month end that a loaded CIN
--   census or Annex A list 1 covers (int_coverage__months: 31 March for a full return, the month end on or
--   before an in-year extract's as-at date), even when nothing happened in its last months. A month a
--   source does not cover is not a zero: its flags are false and cin_gap_note / contacts_gap_note /
--   visits_gap_note say so ('no CIN census return covers this month'). The flows need the 12 months of
--   their window covered without a gap (24 for re-referrals and repeat plans). A database whose rows were
--   not written by the loader (no load_coverage rows for an LA and family) falls back to the month of the
--   latest event date of any source, every month covered (as before coverage was recorded).
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

coverage as (
    select * from int_coverage__months
),

covered_to as (
    select la_code, family, max(covered_to) as covered_to
    from coverage
    group by la_code, family
),

first_covered as (
    -- the first day the loaded CIN returns cover (a full return: 1 April of its year), which survives
    -- the latest-return-wins merge that leaves few rows of the first year when its cases were repeated
    -- (first_covered_days, queries/macros)
    select la_code, covered_from as cin_covered_from from first_covered_days('cin')
),

cin_bounds as (
    select
        d.la_code,
        coalesce(
            any_value(f.cin_covered_from),
            make_date(min(d.collection_year) - 1, 4, 1),
            date_trunc('month', min(d.referral_date))
        ) as cin_history_start
    from details as d
    left join first_covered as f using (la_code)
    group by d.la_code
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
    select la_code, 'cin' as family, referral_date as event_date from details
    union all
    select la_code, 'cin', coalesce(authorised_date, start_date) from assessments
    union all
    select la_code, 'cin', start_date from s47s
    union all
    select la_code, 'cin', coalesce(end_date, start_date) from plans
    union all
    select la_code, 'contacts', greatest(contact_date, cast(decision_datetime as date)) from contacts
),

event_ends as (
    select la_code, family, last_day(max(event_date)) as event_end
    from event_dates
    group by la_code, family
),

family_ends as (
    -- each family's last month: what its returns cover, else (rows not written by the loader) the month
    -- of its latest event
    select
        la_code,
        family,
        coalesce(c.covered_to, e.event_end) as last_month_end,
        c.covered_to is null as uncovered_fallback
    from event_ends as e
    full outer join (select * from covered_to where family in ('cin', 'contacts')) as c using (la_code, family)
),

last_dates as (
    select la_code, max(last_month_end) as last_event_date
    from family_ends
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
    select bounds.*, t.period_end
    from bounds, unnest(month_end_list(bounds.first_month, bounds.last_event_date)) as t(period_end)
),

with_population as (
    -- month_start, period_start and the population (R4): month_end_windows (queries/macros)
    select *, last_day(cast(period_end - interval 11 month as date)) as first_month_end
    from month_end_windows(months)
),

with_coverage as (
    -- covered_run: unbroken covered months ending at period_end (0 = not covered). Without coverage rows
    -- for a family (rows not written by the loader), every month up to its fallback end is covered.
    select
        w.*,
        case when cin_end.uncovered_fallback then 9999 else coalesce(cin.covered_run, 0) end as cin_covered_run,
        case
            when contact_end.uncovered_fallback then 9999 else coalesce(contact.covered_run, 0)
        end as contacts_covered_run
    -- visits_covered_run: visits_covered_runs (queries/macros)
    from visits_covered_runs(with_population) as w
    left join family_ends as cin_end on cin_end.la_code = w.la_code and cin_end.family = 'cin'
    left join family_ends as contact_end on contact_end.la_code = w.la_code and contact_end.family = 'contacts'
    left join coverage as cin
        on cin.la_code = w.la_code and cin.family = 'cin' and cin.period_end = w.period_end
    left join coverage as contact
        on contact.la_code = w.la_code and contact.family = 'contacts' and contact.period_end = w.period_end
),

final as (
    select
        la_code,
        period_start,
        period_end,
        month_start,
        first_month_end,
        cin_history_start,
        contacts_history_start,
        visits_history_start,
        coalesce(period_start >= cin_history_start, false) and cin_covered_run >= 12 as cin_flow_history,
        coalesce(cast(period_start - interval 12 month as date) >= cin_history_start, false)
            and cin_covered_run >= 24 as cin_prior_year_history,
        coalesce(period_end >= cin_history_start, false) and cin_covered_run >= 1 as cin_stock_history,
        coalesce(period_start >= contacts_history_start, false) and contacts_covered_run >= 12
            as contacts_flow_history,
        -- the calendar month alone (the single-month figures SPC judges): the month inside the history and
        -- covered; with the same 12-month look-back as the 12-month figure where its rule has one
        coalesce(month_start >= cin_history_start, false) and cin_covered_run >= 1 as cin_month_history,
        coalesce(cast(month_start - interval 12 month as date) >= cin_history_start, false)
            and cin_covered_run >= 13 as cin_month_prior_year_history,
        coalesce(month_start >= contacts_history_start, false) and contacts_covered_run >= 1
            as contacts_month_history,
        coalesce(period_end >= visits_history_start, false) and visits_covered_run >= 1
            and cin_covered_run >= 1 as visits_stock_history,
        case when cin_covered_run = 0 then 'no CIN census return covers this month' end as cin_gap_note,
        case when contacts_covered_run = 0 then 'no Annex A list 1 covers this month' end as contacts_gap_note,
        case
            when cin_covered_run = 0 then 'no CIN census return covers this month'
            when visits_covered_run = 0 then 'no visits file covers this month'
        end as visits_gap_note,
        wanted_population_year,
        population_year,
        population
    from with_coverage
)

select * from final
