-- assessment_median_wd
-- Grain: one row per LA and month end (breakdown 'all' only); flow over the 12 months to period_end.
-- Reads: int_cin__assessments, int_calendar__month_ends
-- Rules:
--   [C] Median of wd(AssessmentActualStartDate, AssessmentAuthorisationDate) (R3, start day = 0) over
--   assessments completed in the period; lower_quartile and upper_quartile give the 25th and 75th
--   percentiles. Medians cannot be summed month by month, but counts can: assessments are counted by month
--   and working days, the counts are added over each 12-month window (a histogram per month end), and the
--   quantiles are read off the cumulative counts, interpolated as quantile_cont does: position
--   q x (n - 1) in the sorted values, between the values at its floor and ceiling (so the median is the
--   mean of the two middle values when their number is even). Much cheaper than sorting every window's
--   assessments at every month end.
--   numerator is null; denominator = assessments completed in the period (what the median is over).
--   History: the window must lie inside the loaded CIN history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month);
--   no completed assessments gives null 'no cases' (R11).
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same monthly histograms: the month's median is read off that month's histogram alone, by the same quantile steps (span 'month' beside the window's span '12m'); month_numerator is null and month_denominator = assessments completed in the month. History for the month: the month inside the loaded CIN history and covered (cin_month_history), else null 'insufficient history' (or the 'no ... return covers this month' note). The twelve month_denominators of a window sum to its denominator; medians do not add (a median of a year is not a combination of its months' medians), so month_values are not summed.
--   Figures: the history reason from history_gap (queries/macros).
with assessments as (
    select * from int_cin__assessments
    where authorised_date is not null and working_days is not null
),

calendar as (
    select * from int_calendar__month_ends
),

monthly as (
    select la_code, last_day(authorised_date) as month_end, working_days as wd, count(*) as n
    from assessments
    group by all
),

windows as (
    -- each window's histogram of working days (span '12m'), and the calendar month's own (span 'month')
    select c.la_code, c.period_end, '12m' as span, m.wd, sum(m.n) as n
    from calendar as c
    join monthly as m
        on c.la_code = m.la_code and m.month_end between last_day(c.period_start) and c.period_end
    group by all
    union all
    select c.la_code, c.period_end, 'month' as span, m.wd, m.n
    from calendar as c
    join monthly as m on c.la_code = m.la_code and m.month_end = c.period_end
),

ranked as (
    -- the 0-based positions [rank_from, rank_to) that the value wd takes in the window's sorted list
    select
        la_code,
        period_end,
        span,
        wd,
        sum(n) over w - n as rank_from,
        sum(n) over w as rank_to,
        cast(sum(n) over (partition by la_code, period_end, span) as bigint) as n_completed
    from windows
    window w as (partition by la_code, period_end, span order by wd rows between unbounded preceding and current row)
),

positions as (
    select
        *,
        0.25 * (n_completed - 1) as pos_25,
        0.5 * (n_completed - 1) as pos_50,
        0.75 * (n_completed - 1) as pos_75
    from ranked
),

per_period as (
    select
        la_code,
        period_end,
        span,
        any_value(n_completed) as n_completed,
        any_value(pos_25) as pos_25,
        any_value(pos_50) as pos_50,
        any_value(pos_75) as pos_75,
        max(wd) filter (where rank_from <= floor(pos_25) and floor(pos_25) < rank_to) as lo_25,
        max(wd) filter (where rank_from <= ceil(pos_25) and ceil(pos_25) < rank_to) as hi_25,
        max(wd) filter (where rank_from <= floor(pos_50) and floor(pos_50) < rank_to) as lo_50,
        max(wd) filter (where rank_from <= ceil(pos_50) and ceil(pos_50) < rank_to) as hi_50,
        max(wd) filter (where rank_from <= floor(pos_75) and floor(pos_75) < rank_to) as lo_75,
        max(wd) filter (where rank_from <= ceil(pos_75) and ceil(pos_75) < rank_to) as hi_75
    from positions
    group by la_code, period_end, span
),

quantiles as (
    select
        la_code,
        period_end,
        span,
        n_completed,
        lo_50 + (pos_50 - floor(pos_50)) * (hi_50 - lo_50) as median_wd,
        lo_25 + (pos_25 - floor(pos_25)) * (hi_25 - lo_25) as lower_quartile,
        lo_75 + (pos_75 - floor(pos_75)) * (hi_75 - lo_75) as upper_quartile
    from per_period
),

final as (
    select
        c.la_code,
        c.period_start,
        c.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        cast(null as bigint) as numerator,
        case when c.cin_flow_history then coalesce(p.n_completed, 0) end as denominator,
        case when c.cin_flow_history then cast(p.median_wd as double) end as value,
        case when c.cin_flow_history then cast(p.lower_quartile as double) end as lower_quartile,
        case when c.cin_flow_history then cast(p.upper_quartile as double) end as upper_quartile,
        coalesce(history_gap(c.cin_flow_history, c.cin_gap_note), case when coalesce(p.n_completed, 0) = 0 then 'no cases' end)
            as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        cast(null as bigint) as month_numerator,
        case when c.cin_month_history then coalesce(mp.n_completed, 0) end as month_denominator,
        case when c.cin_month_history then cast(mp.median_wd as double) end as month_value,
        coalesce(history_gap(c.cin_month_history, c.cin_gap_note), case when coalesce(mp.n_completed, 0) = 0 then 'no cases' end)
            as month_value_note
    from calendar as c
    left join quantiles as p on c.la_code = p.la_code and c.period_end = p.period_end and p.span = '12m'
    left join quantiles as mp on c.la_code = mp.la_code and c.period_end = mp.period_end and mp.span = 'month'
)

select * from final
