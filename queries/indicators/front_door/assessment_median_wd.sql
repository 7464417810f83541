-- assessment_median_wd
-- Grain: one row per LA and month end (breakdown 'all' only); flow over the 12 months to period_end.
-- Reads: int_cin__assessments, int_calendar__month_ends
-- Rules:
--   [C] Median of wd(AssessmentActualStartDate, AssessmentAuthorisationDate) (R3, start day = 0) over
--   assessments completed in the period; lower_quartile and upper_quartile give the 25th and 75th
--   percentiles. Medians cannot be summed month by month, so each month end is matched with the
--   assessments authorised in its window (a range join). Interpolated median (the mean of the two middle
--   values when their number is even).
--   numerator is null; denominator = assessments completed in the period (what the median is over).
--   History: the window must lie inside the loaded CIN history (R10), else null 'insufficient history';
--   no completed assessments gives null 'no cases' (R11).
with assessments as (
    select * from int_cin__assessments
    where authorised_date is not null and working_days is not null
),

calendar as (
    select * from int_calendar__month_ends
),

per_period as (
    select
        c.la_code,
        c.period_end,
        count(a.working_days) as n_completed,
        median(a.working_days) as median_wd,
        quantile_cont(a.working_days, 0.25) as lower_quartile,
        quantile_cont(a.working_days, 0.75) as upper_quartile
    from calendar as c
    left join assessments as a
        on c.la_code = a.la_code and a.authorised_date between c.period_start and c.period_end
    group by c.la_code, c.period_end
),

final as (
    select
        c.la_code,
        c.period_start,
        c.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        cast(null as bigint) as numerator,
        case when c.cin_flow_history then p.n_completed end as denominator,
        case when c.cin_flow_history then cast(p.median_wd as double) end as value,
        case when c.cin_flow_history then cast(p.lower_quartile as double) end as lower_quartile,
        case when c.cin_flow_history then cast(p.upper_quartile as double) end as upper_quartile,
        case
            when not c.cin_flow_history then 'insufficient history'
            when p.n_completed = 0 then 'no cases'
        end as value_note
    from calendar as c
    join per_period as p using (la_code, period_end)
)

select * from final
