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

long as (
    select
        la_code,
        period_end,
        pair.breakdown,
        pair.breakdown_value,
        1 as n_cohort,
        cast(iha_in_time as integer) as n_in_time,
        -- the calendar month alone: due dates in the window's last month
        cast(in_month as integer) as m_cohort,
        cast(in_month and iha_in_time as integer) as m_in_time
    from (
        select
            *,
            unnest([
                {'breakdown': 'all', 'breakdown_value': 'all'},
                {'breakdown': 'age_band', 'breakdown_value': age_band},
                {'breakdown': 'sex', 'breakdown_value': sex_group},
                {'breakdown': 'ethnicity', 'breakdown_value': ethnicity_group},
                {'breakdown': 'uasc', 'breakdown_value': case when is_uasc then 'UASC' else 'Not UASC' end},
                {'breakdown': 'disability', 'breakdown_value': disability_group},
                {'breakdown': 'locality', 'breakdown_value': locality}
            ]) as pair
        from windowed
    )
),

counted as (
    select
        la_code, period_end, breakdown, breakdown_value,
        sum(n_cohort) as n_cohort, sum(n_in_time) as n_in_time,
        sum(m_cohort) as m_cohort, sum(m_in_time) as m_in_time
    from long
    group by all
),

groups as (
    select distinct la_code, breakdown, breakdown_value from counted
    union
    select distinct la_code, 'all', 'all' from calendar
),

grid as (
    select
        c.la_code,
        c.period_start,
        c.period_end,
        g.breakdown,
        g.breakdown_value,
        c.cla_flow_history,
        c.cla_month_history,
        c.cla_gap_note,
        l.la_code is not null as assessments_loaded,
        cast(coalesce(k.n_cohort, 0) as bigint) as n_cohort,
        cast(coalesce(k.n_in_time, 0) as bigint) as n_in_time,
        cast(coalesce(k.m_cohort, 0) as bigint) as m_cohort,
        cast(coalesce(k.m_in_time, 0) as bigint) as m_in_time
    from groups as g
    join calendar as c using (la_code)
    left join loaded as l on c.la_code = l.la_code
    left join counted as k
        on g.la_code = k.la_code and c.period_end = k.period_end
        and g.breakdown = k.breakdown and g.breakdown_value = k.breakdown_value
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        case when cla_flow_history and assessments_loaded then n_in_time end as numerator,
        case when cla_flow_history and assessments_loaded then n_cohort end as denominator,
        case when cla_flow_history and assessments_loaded and n_cohort > 0 then 100.0 * n_in_time / n_cohort end
            as value,
        case
            when not cla_flow_history then coalesce(cla_gap_note, 'insufficient history')
            when not assessments_loaded then 'no health assessment file loaded'
            when n_cohort = 0 then 'no cases'
        end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when cla_month_history and assessments_loaded then m_in_time end as month_numerator,
        case when cla_month_history and assessments_loaded then m_cohort end as month_denominator,
        case when cla_month_history and assessments_loaded and m_cohort > 0 then 100.0 * m_in_time / m_cohort end
            as month_value,
        case
            when not cla_month_history then coalesce(cla_gap_note, 'insufficient history')
            when not assessments_loaded then 'no health assessment file loaded'
            when m_cohort = 0 then 'no cases'
        end as month_value_note
    from grid
)

select * from final
