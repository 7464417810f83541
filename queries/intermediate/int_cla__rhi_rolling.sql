-- Grain: one row per LA, month end and breakdown value (la_code, period_end, breakdown, breakdown_value)
-- with the return home interview counts over the 12 months to period_end (n_*; the March row is the year
-- to 31 March) and for the calendar month of period_end alone (m_*: the single-month figures SPC judges).
-- Reads: int_cla__month_ends, int_cla__rhi_episodes, local_rhi (raw; only whether the LA loaded one).
-- Materialise: table.
-- Rules:
--   An episode counts in every window whose 12 months hold its MIS_END (period_start <= MIS_END <=
--   period_end): n_missing_ended (missing episodes ended, each episode counts, R5), n_rhi_offered,
--   n_rhi_72h (completed within 3 calendar days of MIS_END), n_rhi_accepted (offered and accepted).
--   Definitions in int_cla__rhi_episodes.
--   m_*: the same counts for the episodes whose MIS_END falls in the calendar month of period_end
--   (month_start <= MIS_END <= period_end), flagged in the same join; each episode counts, so the twelve
--   m_* of a window sum to its n_*.
--   cla_flow_history: the 12-month window lies inside the SSDA903 history (R10); cla_month_history: the
--   month does. rhi_loaded: the LA has loaded an RHI file (without one every episode would look "not
--   offered"); rhi_gap: the reason a figure is missing without one.
--   Breakdowns at MIS_END: age_band, sex, ethnicity, uasc, disability, locality.
--   Shared: the rows per breakdown value come from the macro breakdown_rows, the rows of every month end
--   (0 when empty, and an 'all' row) from every_month_end (queries/macros).
with calendar as (
    select * from int_cla__month_ends
),

episodes as (
    select * from int_cla__rhi_episodes
),

rhi_las as (
    select distinct la_code from local_rhi
),

windowed as (
    select
        c.la_code,
        c.period_end,
        e.age_band,
        e.sex_group,
        e.ethnicity_group,
        e.is_uasc,
        e.disability_group,
        e.locality,
        1 as n_missing_ended,
        cast(e.rhi_offered as integer) as n_rhi_offered,
        cast(e.rhi_completed_72h as integer) as n_rhi_72h,
        cast(e.rhi_accepted as integer) as n_rhi_accepted,
        e.mis_end >= c.month_start as in_month
    from calendar as c
    join episodes as e on c.la_code = e.la_code and e.mis_end between c.period_start and c.period_end
),

counted as (
    -- one pass with grouping sets: the 'all' total and one set per breakdown (no row multiplication),
    -- each breakdown a by_ column that breakdown_rows turns into breakdown / breakdown_value rows
    select
        la_code,
        period_end,
        'all' as by_all, age_band as by_age_band, sex_group as by_sex, ethnicity_group as by_ethnicity,
        to_uasc_group(is_uasc) as by_uasc, disability_group as by_disability, locality as by_locality,
        sum(columns('^n_')),
        -- the calendar month alone: the episodes that ended in it
        sum(case when in_month then columns('^n_(.*)') else 0 end) as 'm_\1'
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
        r.la_code is not null as rhi_loaded,
        -- the reason an RHI figure is missing when the SSDA903 history is there (views: coalesce after history_gap)
        case when r.la_code is null then 'no return home interview file loaded' end as rhi_gap
    from calendar as c
    left join rhi_las as r on c.la_code = r.la_code
),

final as (
    -- every month end has a row for every group the LA ever had (0 when empty) and an 'all' row
    select * from every_month_end(by_breakdown, month_ends)
)

select * from final
