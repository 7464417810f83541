-- Grain: one row per LA, period end and breakdown value (la_code, period_end, breakdown, breakdown_value):
-- the DfE workforce components, before any formula (int_workforce__rates applies the formulas).
-- Reads: stg_local__workforce_monthly, stg_csww__worker, stg_csww__la.
-- Materialise: table.
-- Rules:
--   Two sources, never mixed in one row; `source` says which:
--   * 'workforce_monthly' [L] (docs/workforce_monthly_layout.md): every month end of the local extract;
--     team 'ALL' rows give breakdown 'all', other teams breakdown 'team'. Stocks (in-post, agency and
--     vacancy FTE, cases, case-holders' FTE, ASYE headcount) are at the month end; starters, leavers and
--     sickness days are summed over the 12 months to it (flows_complete false until 12 months exist).
--   * 'csww' [C]: the census at 30 September of each collection year, used only where the monthly
--     extract has no 'ALL' row for that LA and 30 September (so a monthly series is never interrupted by
--     a change of scope). Employed = AgencyWorker 0. In post at 30 Sep: started on or before it and
--     RoleEndDate blank or after it (a worker leaving on 30 Sep is a leaver, not in post), FTE30 (else
--     FTE). Starters / leavers: employed workers with RoleStartDate / RoleEndDate in 1 Oct - 30 Sep, FTE.
--     Agency FTE: NoAgencyFTE, else the FTE30 of agency workers in post. Vacancies: NumberOfVacancies.
--     Cases: Cases30 of workers in post (employed and agency) with FTE > 0 and at least one case;
--     case_holders_fte: their FTE. working_days_lost: WorkingDaysLost of employed workers.
--   working_days_in_year: 253, or 254 when the 12 months to period_end contain 29 February [C].
with monthly as (
    select * from stg_local__workforce_monthly
),

workers as (
    select * from stg_csww__worker
),

la_rows as (
    select * from stg_csww__la
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
        sum(w.starters_fte) as starters_fte,
        sum(w.leavers_fte) as leavers_fte,
        sum(w.sickness_days) as working_days_lost,
        count(distinct w.month_end) = 12 as flows_complete
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
        working_days_lost, asye_headcount, cast(null as bigint) as headcount, flows_complete
    from monthly_windows
),

census as (
    select
        *,
        make_date(collection_year - 1, 10, 1) as year_start,
        not is_agency and coalesce(role_start_date, census_date) <= census_date
            and (role_end_date is null or role_end_date > census_date) as employed_in_post,
        is_agency and coalesce(role_start_date, census_date) <= census_date
            and (role_end_date is null or role_end_date > census_date) as agency_in_post,
        coalesce(fte30, fte) as fte_at_census
    from workers
),

census_components as (
    select
        c.la_code,
        any_value(c.year_start) as period_start,
        c.census_date as period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        'csww' as source,
        sum(c.fte_at_census) filter (where c.employed_in_post) as inpost_fte,
        coalesce(sum(c.fte) filter (where not c.is_agency and c.role_start_date between c.year_start and c.census_date), 0)
            as starters_fte,
        coalesce(sum(c.fte) filter (where not c.is_agency and c.role_end_date between c.year_start and c.census_date), 0)
            as leavers_fte,
        coalesce(any_value(l.agency_fte), sum(c.fte_at_census) filter (where c.agency_in_post), 0) as agency_fte,
        any_value(l.vacancy_fte) as vacancy_fte,
        sum(c.cases30) filter (
            where (c.employed_in_post or c.agency_in_post) and c.fte_at_census > 0 and c.cases30 >= 1
        ) as cases,
        sum(c.fte_at_census) filter (
            where (c.employed_in_post or c.agency_in_post) and c.fte_at_census > 0 and c.cases30 >= 1
        ) as case_holders_fte,
        coalesce(sum(c.working_days_lost) filter (where not c.is_agency), 0) as working_days_lost,
        count(*) filter (where c.employed_in_post and c.kss_status = '1') as asye_headcount,
        count(*) filter (where c.employed_in_post) as headcount,
        true as flows_complete
    from census as c
    left join la_rows as l on c.la_code = l.la_code and c.collection_year = l.collection_year
    group by c.la_code, c.census_date
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
        *,
        case
            when (day(last_day(make_date(year(period_end), 2, 1))) = 29
                    and make_date(year(period_end), 2, 1) + 28 between period_start and period_end)
                or (day(last_day(make_date(year(period_start), 2, 1))) = 29
                    and make_date(year(period_start), 2, 1) + 28 between period_start and period_end)
                then 254
            else 253
        end as working_days_in_year
    from combined
)

select * from final
