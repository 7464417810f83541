-- Grain: one row per LA, period end and breakdown value (la_code, period_end, breakdown, breakdown_value):
-- the DfE workforce components, before any formula (int_workforce__rates applies the formulas).
-- Reads: stg_local__workforce_monthly, int_workforce__census, int_dates__working_days.
-- Materialise: table.
-- Rules:
--   Two sources, never mixed in one row; `source` says which:
--   * 'workforce_monthly' [L] (docs/workforce_monthly_layout.md): every month end of the local extract;
--     team 'ALL' rows give breakdown 'all', other teams breakdown 'team'. Stocks (in-post, agency and
--     vacancy FTE, cases, case-holders' FTE, ASYE headcount) are at the month end; starters, leavers and
--     sickness days are summed over the 12 months to it (flows_complete false until 12 months exist).
--   * 'csww' [C]: the census at 30 September of each collection year (int_workforce__census holds its
--     rules), used only where the monthly extract has no 'ALL' row for that LA and 30 September (so a
--     monthly series is never interrupted by a change of scope). Census-only measures (the ASYE share)
--     read int_workforce__census_months instead, which never gives way to the monthly extract.
--   Exact sums: FTE and days are summed as decimal(18, 6), then given back as double. A sum of doubles
--   depends on the order DuckDB's threads add the rows in (the last bits differ from run to run), and a
--   figure must not depend on that (nor on the load path: cscdash/refresh.py's test compares them exactly).
--   working_days_in_year: 253, or 254 when the 12 months to period_end contain 29 February [C].
--   Single month (the figures SPC judges): m_starters_fte, m_leavers_fte, m_working_days_lost are the
--   flows of period_end's own monthly row, the calendar month alone (the twelve of a window sum to its
--   12-month flows); month_flows_complete is true on monthly rows. A census row has no month:
--   month_flows_complete false, m_* null. month_working_days [L]: the working days of the calendar month
--   of period_end (int_dates__working_days: Monday-Friday less England and Wales bank holidays), the
--   month's counterpart of working_days_in_year (which stays the DfE's fixed 253/254).
with monthly as (
    select * from stg_local__workforce_monthly
),

census as (
    select * from int_workforce__census
),

working_days as (
    select * from int_dates__working_days
),

month_working_days as (
    select
        last_day(day) as month_end,
        cast(count(*) filter (where is_working_day) as integer) as month_working_days
    from working_days
    group by last_day(day)
),

monthly_windows as (
    select
        m.la_code,
        m.month_end,
        m.team,
        any_value(m.employed_fte) as inpost_fte,
        any_value(m.agency_fte) as agency_fte,
        any_value(m.vacancy_fte) as vacancy_fte,
        any_value(m.cases) as cases,
        any_value(m.case_holders_fte) as case_holders_fte,
        any_value(m.asye_headcount) as asye_headcount,
        cast(sum(cast(w.starters_fte as decimal(18, 6))) as double) as starters_fte,
        cast(sum(cast(w.leavers_fte as decimal(18, 6))) as double) as leavers_fte,
        cast(sum(cast(w.sickness_days as decimal(18, 6))) as double) as working_days_lost,
        count(distinct w.month_end) = 12 as flows_complete,
        -- the calendar month alone: this month's own row
        any_value(m.starters_fte) as m_starters_fte,
        any_value(m.leavers_fte) as m_leavers_fte,
        any_value(m.sickness_days) as m_working_days_lost
    from monthly as m
    join monthly as w
        on m.la_code = w.la_code and m.team = w.team
        and w.month_end between last_day(cast(m.month_end - interval 11 month as date)) and m.month_end
    group by m.la_code, m.month_end, m.team
),

monthly_components as (
    select
        la_code,
        cast(date_trunc('month', month_end - interval 11 month) as date) as period_start,
        month_end as period_end,
        case when upper(team) = 'ALL' then 'all' else 'team' end as breakdown,
        case when upper(team) = 'ALL' then 'all' else team end as breakdown_value,
        'workforce_monthly' as source,
        inpost_fte, starters_fte, leavers_fte, agency_fte, vacancy_fte, cases, case_holders_fte,
        working_days_lost, asye_headcount, cast(null as bigint) as headcount, flows_complete,
        m_starters_fte, m_leavers_fte, m_working_days_lost, true as month_flows_complete
    from monthly_windows
),

census_components as (
    select
        la_code,
        year_start as period_start,
        census_date as period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        'csww' as source,
        inpost_fte, starters_fte, leavers_fte, agency_fte, vacancy_fte, cases, case_holders_fte,
        working_days_lost, asye_headcount, headcount,
        true as flows_complete,
        false as month_flows_complete
    from census
),

combined as (
    select * from monthly_components
    union all by name
    select cc.*
    from census_components as cc
    anti join monthly_components as mc
        on cc.la_code = mc.la_code and cc.period_end = mc.period_end and mc.breakdown = 'all'
),

final as (
    select
        combined.*,
        d.month_working_days,
        case
            when (day(last_day(make_date(year(period_end), 2, 1))) = 29
                    and make_date(year(period_end), 2, 1) + 28 between period_start and period_end)
                or (day(last_day(make_date(year(period_start), 2, 1))) = 29
                    and make_date(year(period_start), 2, 1) + 28 between period_start and period_end)
                then 254
            else 253
        end as working_days_in_year
    from combined
    left join month_working_days as d on combined.period_end = d.month_end
)

select * from final
