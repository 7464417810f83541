-- eh_open_rate_per_10k
-- Grain: one row per LA and month end ('all' only); stock as at period_end.
-- Reads: local_early_help (the early help episodes file, declared in cscdash/extracts/specs/local/early_help.yml),
-- int_local__month_ends
-- Rules:
--   [L] Early help episodes open at period_end (started on or before it; ended after it or not yet ended)
--   / children aged 0-17 (the ONS mid-year estimate of R4) x 10,000. Episodes, not children: a child with
--   two open episodes counts twice.
--   Months: those the loaded early help files cover (int_local__month_ends); no population estimate loaded
--   for the LA gives a null value with value_note 'no population estimate'.
--   Figures: rate_per_10k_of (queries/macros) applies these rules.
with episodes as (
    select * from local_early_help
),

months as (
    select * from int_local__month_ends where source = 'early_help'
),

open_at as (
    select m.la_code, m.period_end, count(e.child_id) as n_open
    from months as m
    left join episodes as e
        on e.la_code = m.la_code
        and e.episode_start <= m.period_end
        and (e.episode_end is null or e.episode_end > m.period_end)
    group by m.la_code, m.period_end
),

final as (
    select
        m.la_code,
        m.period_end as period_start,
        m.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        unnest(rate_per_10k_of(o.n_open, m.population, null))
    from months as m
    join open_at as o using (la_code, period_end)
)

select * from final
