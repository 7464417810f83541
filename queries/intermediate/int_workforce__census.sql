-- Grain: one row per LA and CSWW census (la_code, census_date): the DfE workforce components at 30 September
-- of each collection year, from the census alone (whether or not a monthly extract covers the same date).
-- Reads: stg_csww__worker, stg_csww__la.
-- Rules [C: CSWW methodology]:
--   census_date = 30 September of collection_year; the census year runs 1 Oct (year - 1) - 30 Sep.
--   Employed = AgencyWorker 0. In post at 30 Sep: started on or before it and RoleEndDate blank or after it
--   (a worker leaving on 30 Sep is a leaver, not in post), FTE30 (else FTE). Starters / leavers: employed
--   workers with RoleStartDate / RoleEndDate in 1 Oct - 30 Sep, FTE. Agency FTE: NoAgencyFTE, else the FTE30
--   of agency workers in post. Vacancies: NumberOfVacancies. Cases: Cases30 of workers in post (employed and
--   agency) with FTE > 0 and at least one case; case_holders_fte: their FTE. working_days_lost:
--   WorkingDaysLost of employed workers. asye_headcount: employed workers in post with CFKSSstatus 1 (ASYE);
--   headcount: employed workers in post.
--   int_workforce__components uses these rows where no monthly row exists for the date;
--   int_workforce__census_months carries the latest one to every later month end (census-only measures).
with workers as (
    select * from stg_csww__worker
),

la_rows as (
    select * from stg_csww__la
),

census as (
    select
        *,
        make_date(collection_year - 1, 10, 1) as year_start,
        not is_agency and coalesce(role_start_date, census_date) <= census_date
            and (role_end_date is null or role_end_date > census_date) as employed_in_post,
        is_agency and coalesce(role_start_date, census_date) <= census_date
            and (role_end_date is null or role_end_date > census_date) as agency_in_post,
        -- exact: a sum of doubles depends on the order the threads add rows in (see int_workforce__components)
        cast(coalesce(fte30, fte) as decimal(18, 6)) as fte_at_census,
        cast(fte as decimal(18, 6)) as fte_exact,
        cast(working_days_lost as decimal(18, 6)) as days_lost_exact
    from workers
),

sums as (
    select
        c.la_code,
        any_value(c.collection_year) as collection_year,
        c.census_date,
        any_value(c.year_start) as year_start,
        sum(c.fte_at_census) filter (where c.employed_in_post) as inpost_fte,
        coalesce(sum(c.fte_exact) filter (where not c.is_agency and c.role_start_date between c.year_start and c.census_date), 0)
            as starters_fte,
        coalesce(sum(c.fte_exact) filter (where not c.is_agency and c.role_end_date between c.year_start and c.census_date), 0)
            as leavers_fte,
        coalesce(any_value(l.agency_fte), sum(c.fte_at_census) filter (where c.agency_in_post), 0) as agency_fte,
        any_value(l.vacancy_fte) as vacancy_fte,
        sum(c.cases30) filter (
            where (c.employed_in_post or c.agency_in_post) and c.fte_at_census > 0 and c.cases30 >= 1
        ) as cases,
        sum(c.fte_at_census) filter (
            where (c.employed_in_post or c.agency_in_post) and c.fte_at_census > 0 and c.cases30 >= 1
        ) as case_holders_fte,
        coalesce(sum(c.days_lost_exact) filter (where not c.is_agency), 0) as working_days_lost,
        count(*) filter (where c.employed_in_post and c.kss_status = '1') as asye_headcount,
        count(*) filter (where c.employed_in_post) as headcount
    from census as c
    left join la_rows as l on c.la_code = l.la_code and c.collection_year = l.collection_year
    group by c.la_code, c.census_date
),

final as (
    -- the exact sums given back as double, the type of the monthly extract's components
    select * replace (
        cast(inpost_fte as double) as inpost_fte,
        cast(starters_fte as double) as starters_fte,
        cast(leavers_fte as double) as leavers_fte,
        cast(agency_fte as double) as agency_fte,
        cast(case_holders_fte as double) as case_holders_fte,
        cast(working_days_lost as double) as working_days_lost
    )
    from sums
)

select * from final
