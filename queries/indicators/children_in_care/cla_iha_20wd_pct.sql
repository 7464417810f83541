-- cla_iha_20wd_pct
-- Grain: one row per LA, month end and breakdown value; flow over the 12 months to period_end (the March row is the year to 31 March).
-- Reads: int_cla__month_ends, int_cla__iha_starts, local_health_assessments (raw; only whether the LA loaded one)
-- Rules:
--   [L: statutory timescale, the IHA date is a local field] Children starting a period of care (R7: RNE
--   'S'; short breaks excluded, R6; each period counts) whose 20th working day after DECOM falls in the
--   period (the cohort is dated by its due date, so it is complete at the month end) and who were still in
--   care on that day, with an initial health assessment dated from DECOM to the 20th working day / those
--   children. Working days per R3: DECOM is day 0; weekends and England and Wales bank holidays are
--   skipped. An IHA on working day 20 is in time, on day 21 late; a child who left care on or before day
--   20 is not counted; an IHA dated before DECOM and review health assessments do not count.
--   Breakdowns at DECOM (R9): age_band, sex, ethnicity, uasc, disability, locality.
--   History: the 12-month window must lie inside the loaded SSDA903 history (R10), else null 'insufficient
--   history'; without a health assessments file for the LA, null 'no health assessment file loaded'.
--   Outside what the loaded SSDA903 returns cover: null with the calendar's 'no SSDA903 return covers this month'.
--   A zero denominator gives a null value with value_note 'no cases' (R11); value is a percentage, unrounded.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the
--   calendar month of period_end alone (the children whose 20th working day falls in the month), from the
--   same range join. Each period of care counts once, in the month of its due date: the twelve months of a
--   window add up to it.
--   Shared: the rows per breakdown value come from the macro breakdown_rows, the rows of every month end
--   (0 when empty, and an 'all' row) from every_month_end (queries/macros).
--   Figures: percent_of, month_percent_of and history_gap (queries/macros).
with calendar as (
    select * from int_cla__month_ends
),

starts as (
    select * from int_cla__iha_starts
    where in_care_at_due_date
),

loaded as (
    select distinct la_code from local_health_assessments
),

windowed as (
    select
        c.la_code,
        c.period_end,
        s.age_band,
        s.sex_group,
        s.ethnicity_group,
        s.is_uasc,
        s.disability_group,
        s.locality,
        s.iha_in_time,
        s.iha_due_date >= c.month_start as in_month
    from calendar as c
    join starts as s on c.la_code = s.la_code and s.iha_due_date between c.period_start and c.period_end
),

counted as (
    -- one pass with grouping sets: the 'all' total and one set per breakdown, each breakdown a by_ column
    -- that breakdown_rows turns into breakdown / breakdown_value rows
    select
        la_code,
        period_end,
        'all' as by_all, age_band as by_age_band, sex_group as by_sex, ethnicity_group as by_ethnicity,
        to_uasc_group(is_uasc) as by_uasc, disability_group as by_disability, locality as by_locality,
        count(*) as n_cohort,
        count(*) filter (where iha_in_time) as n_in_time,
        -- the calendar month alone: due dates in the window's last month
        count(*) filter (where in_month) as m_cohort,
        count(*) filter (where in_month and iha_in_time) as m_in_time
    from windowed
    group by la_code, period_end, grouping sets (
        (by_all), (by_age_band), (by_sex), (by_ethnicity), (by_uasc), (by_disability), (by_locality)
    )
),

by_breakdown as (
    select * from breakdown_rows(counted)
),

month_ends as (
    select c.la_code, c.period_start, c.period_end, c.cla_flow_history, c.cla_month_history, c.cla_gap_note,
        case when l.la_code is null then 'no health assessment file loaded' end as iha_gap
    from calendar as c
    left join loaded as l on c.la_code = l.la_code
),

grid as (
    -- every month end has a row for every group the LA ever had (0 when empty) and an 'all' row
    select * from every_month_end(by_breakdown, month_ends)
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        unnest(percent_of(n_in_time, n_cohort, coalesce(history_gap(cla_flow_history, cla_gap_note), iha_gap))),
        -- the calendar month alone (the single-month figure SPC judges)
        unnest(month_percent_of(m_in_time, m_cohort, coalesce(history_gap(cla_month_history, cla_gap_note), iha_gap)))
    from grid
)

select * from final
