-- eh_step_up_12m_pct
-- Grain: one row per LA and month end ('all' only); flow: episodes that ended in the 12 months to 12 months
-- before period_end, followed for a full year.
-- Reads: local_early_help (the early help episodes file, declared in cscdash/extracts/specs/local/early_help.yml),
-- int_local__month_ends
-- Rules:
--   [L] Of the early help episodes that ended in the 12 months to period_end - 12 months, those stepped up to
--   children's social care (a Step Up Date on or after the episode started and no later than 12 months
--   after it ended, both days included) / those episodes. The cohort ends a year before the month end so
--   that every episode has had its whole year to step up: the figure for March 2026 is the episodes that
--   ended in April 2024 - March 2025.
--   History: the cohort's 12 months must lie inside what the loaded early help files cover, else null
--   'insufficient history'. A zero denominator gives a null value with value_note 'no cases'.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the
--   episodes that ended in the calendar month 12 months before period_end; the twelve months add up.
--   Figures: percent_of and month_percent_of (queries/macros) apply these rules; history_gap gives the history reason.
with episodes as (
    select * from local_early_help
),

months as (
    select
        *,
        cast(period_start - interval 12 month as date) as cohort_start,
        last_day(cast(period_end - interval 12 month as date)) as cohort_end,
        cast(month_start - interval 12 month as date) as cohort_month_start
    from int_local__month_ends
    where source = 'early_help'
),

cohort as (
    select
        m.la_code,
        m.period_end,
        count(e.child_id) as n_ended,
        count(e.child_id) filter (
            where e.step_up_date between e.episode_start and e.episode_end + interval 12 month
        ) as n_stepped_up,
        count(e.child_id) filter (where e.episode_end >= m.cohort_month_start) as m_ended,
        count(e.child_id) filter (
            where e.episode_end >= m.cohort_month_start
                and e.step_up_date between e.episode_start and e.episode_end + interval 12 month
        ) as m_stepped_up
    from months as m
    left join episodes as e
        on e.la_code = m.la_code and e.episode_end between m.cohort_start and m.cohort_end
    group by m.la_code, m.period_end
),

final as (
    select
        m.la_code,
        m.period_start,
        m.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        unnest(percent_of(c.n_stepped_up, c.n_ended, history_gap(m.cohort_start >= m.history_start, null))),
        unnest(month_percent_of(
            c.m_stepped_up, c.m_ended, history_gap(m.cohort_month_start >= m.history_start, null)
        ))
    from months as m
    join cohort as c using (la_code, period_end)
)

select * from final
