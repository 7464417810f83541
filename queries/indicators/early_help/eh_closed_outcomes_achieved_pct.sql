-- eh_closed_outcomes_achieved_pct
-- Grain: one row per LA and month end ('all' only); flow over the 12 months to period_end.
-- Reads: local_early_help (the early help episodes file, declared in cscdash/extracts/specs/local/early_help.yml),
-- int_local__month_ends
-- Rules:
--   [L] Early help episodes that ended in the 12 months with the outcome ACHIEVED ("outcomes achieved") /
--   early help episodes that ended in the 12 months, whatever the outcome (an episode stepped up to
--   children's social care, or one the family left, counts in the denominator: it did not achieve its
--   outcomes in early help).
--   History: the 12-month window must lie inside what the loaded early help files cover, else null
--   'insufficient history'. A zero denominator gives a null value with value_note 'no cases'.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the
--   episodes that ended in the calendar month of period_end; the twelve months add up to the 12-month figure.
--   Figures: percent_of and month_percent_of (queries/macros) apply these rules; history_gap gives the history reason.
with episodes as (
    select * from local_early_help
),

months as (
    select * from int_local__month_ends where source = 'early_help'
),

closed as (
    select
        m.la_code,
        m.period_end,
        count(e.child_id) as n_closed,
        count(e.child_id) filter (where e.outcome = 'ACHIEVED') as n_achieved,
        count(e.child_id) filter (where e.episode_end >= m.month_start) as m_closed,
        count(e.child_id) filter (where e.episode_end >= m.month_start and e.outcome = 'ACHIEVED') as m_achieved
    from months as m
    left join episodes as e
        on e.la_code = m.la_code and e.episode_end between m.period_start and m.period_end
    group by m.la_code, m.period_end
),

final as (
    select
        m.la_code,
        m.period_start,
        m.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        unnest(percent_of(c.n_achieved, c.n_closed, history_gap(m.flow_history, null))),
        unnest(month_percent_of(c.m_achieved, c.m_closed, history_gap(m.month_history, null)))
    from months as m
    join closed as c using (la_code, period_end)
)

select * from final
