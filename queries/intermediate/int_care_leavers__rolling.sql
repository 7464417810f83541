-- Grain: one row per LA, month end and breakdown value (la_code, period_end, breakdown, breakdown_value)
-- with the care leaver cohort counts over the 12 months to period_end (n_*) and for the calendar month of
-- period_end alone (m_*: the single-month figures SPC judges).
-- Reads: int_care_leavers__cohorts, int_cla__month_ends.
-- Materialise: table.
-- Rules: a care leaver counts for a month end when the cohort birthday falls in its 12-month window
-- (birthday on the month end itself counts; the March row is the DfE year). n_<cohort>_* columns for the
-- 17-18 and 19-21 cohorts: cohort size (in_cohort), in touch, EET, suitable accommodation and its LAIT
-- denominator; n_staying_put_eligible / n_staying_put for 19- and 20-year-olds. Breakdowns: sex, age at
-- the birthday. History: oc3_complete says whether every collection year the window touches has OC3 rows.
-- Single month: m_* counts the care leavers whose cohort birthday falls in the calendar month of period_end
-- (month_start .. period_end), so the twelve m_* of a window sum to its n_*; oc3_month_complete says
-- whether the collection year holding that month has OC3 rows.
-- Shared: the rows per breakdown value come from the macro breakdown_rows, the rows of every month end
-- (0 when empty, and an 'all' row) from every_month_end (queries/macros).
with cohorts as (
    select * from int_care_leavers__cohorts
),

calendar as (
    select * from int_cla__month_ends
),

loaded_years as (
    select distinct la_code, collection_year from cohorts
),

windowed as (
    select
        c.la_code,
        c.period_end,
        k.birthday >= c.month_start as in_month,
        k.*  exclude (la_code)
    from calendar as c
    join cohorts as k on c.la_code = k.la_code and k.birthday between c.period_start and c.period_end
),

cohort_facts as (
    select
        la_code,
        period_end,
        in_month,
        sex_group,
        birthday_age,
        cast(in_cohort and cohort = '17-18' as integer) as n_17_18,
        cast(in_cohort and cohort = '17-18' and is_in_touch as integer) as n_17_18_in_touch,
        cast(in_cohort and cohort = '17-18' and is_eet as integer) as n_17_18_eet,
        cast(in_cohort and cohort = '17-18' and accom_in_denominator as integer) as n_17_18_accom_base,
        cast(in_cohort and cohort = '17-18' and accom_in_denominator and is_suitable as integer)
            as n_17_18_suitable,
        cast(in_cohort and cohort = '19-21' as integer) as n_19_21,
        cast(in_cohort and cohort = '19-21' and is_in_touch as integer) as n_19_21_in_touch,
        cast(in_cohort and cohort = '19-21' and is_eet as integer) as n_19_21_eet,
        cast(in_cohort and cohort = '19-21' and accom_in_denominator as integer) as n_19_21_accom_base,
        cast(in_cohort and cohort = '19-21' and accom_in_denominator and is_suitable as integer)
            as n_19_21_suitable,
        cast(in_cohort and staying_put_eligible as integer) as n_staying_put_eligible,
        cast(in_cohort and staying_put_eligible and is_staying_put as integer) as n_staying_put
    from windowed
),

counted as (
    -- one pass with grouping sets: the 'all' total and one set per breakdown, each breakdown a by_ column
    -- that breakdown_rows turns into breakdown / breakdown_value rows
    select
        la_code,
        period_end,
        'all' as by_all, sex_group as by_sex, cast(birthday_age as varchar) as by_age,
        sum(columns('^n_')),
        -- the calendar month alone: birthdays in period_end's own month
        sum(case when in_month then columns('^n_(.*)') else 0 end) as 'm_\1'
    from cohort_facts
    group by la_code, period_end, grouping sets ((by_all), (by_sex), (by_age))
),

by_breakdown as (
    select * from breakdown_rows(counted)
),

coverage as (
    select
        c.la_code,
        c.period_end,
        count(distinct y.collection_year) = (
            year(c.period_end + interval 9 month) - year(c.period_start + interval 9 month) + 1
        ) as oc3_complete
    from calendar as c
    left join loaded_years as y
        on c.la_code = y.la_code
        and y.collection_year between year(c.period_start + interval 9 month) and year(c.period_end + interval 9 month)
    group by c.la_code, c.period_end, c.period_start
),

month_coverage as (
    -- the single month: the collection year (1 April - 31 March) holding period_end's month has OC3 rows
    select
        c.la_code,
        c.period_end,
        y.collection_year is not null as oc3_month_complete
    from calendar as c
    left join loaded_years as y
        on c.la_code = y.la_code and y.collection_year = year(c.month_start + interval 9 month)
),

month_ends as (
    select c.la_code, c.period_start, c.period_end, v.oc3_complete, mv.oc3_month_complete
    from calendar as c
    join coverage as v using (la_code, period_end)
    join month_coverage as mv using (la_code, period_end)
),

final as (
    -- every month end has a row for every group the LA ever had (0 when empty) and an 'all' row
    select * from every_month_end(by_breakdown, month_ends)
)

select * from final
