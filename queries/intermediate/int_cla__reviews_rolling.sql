-- Grain: one row per LA, month end and breakdown value (la_code, period_end, breakdown, breakdown_value)
-- with the CLA reviews due in the 12 months to period_end (n_*; the March row is the year to 31 March) and
-- in the calendar month of period_end alone (m_*: the single-month figures SPC judges).
-- Reads: int_cla__reviews_due, int_cla__month_ends, stg_ssda903__header, stg_ssda903__uasc,
-- int_children__attributes.
-- Materialise: table.
-- Rules: a review is counted in the windows that hold its due date (int_cla__reviews_due), each review
-- counted (events, not children). n_reviews_due: reviews due in the window; n_reviews_on_time: of
-- those, held on or before the due date.
--   Breakdowns: sex, ethnicity group, locality, disability, UASC and age band (R9: at the due date), the
--   groups of int_cla__flows_rolling. Reviews are grouped by month first and each month meets the 12
--   month ends of its windows.
--   m_reviews_due, m_reviews_on_time: the reviews due in the calendar month of period_end (the due month
--   that is period_end's own), from the same join; the twelve m_* of a window sum to its n_*.
--   Shared: the rows per breakdown value come from the macro breakdown_rows, the rows of every month end
--   (0 when empty, and an 'all' row) from every_month_end (queries/macros).
--   The child's breakdown groups (stg_ssda903__header, stg_ssda903__uasc and int_children__attributes are
--   read through it): cla_child_groups (queries/macros).
with calendar as (
    select * from int_cla__month_ends
),

due as (
    select * from int_cla__reviews_due
),

dated as (
    select d.la_code, d.child_id, last_day(d.due_date) as due_month, d.on_time, d.due_date as group_date
    from due as d
),

described as (
    -- the child's groups at the due date: cla_child_groups (queries/macros)
    select * from cla_child_groups(dated)
),

by_month as (
    -- reviews counted by due month in one pass with grouping sets: the 'all' total and one set per
    -- breakdown (no row multiplication), each breakdown a by_ column that breakdown_rows turns into
    -- breakdown / breakdown_value rows
    select
        la_code,
        due_month,
        'all' as by_all, age_band as by_age_band, sex_group as by_sex, ethnicity_group as by_ethnicity,
        to_uasc_group(is_uasc) as by_uasc, disability_group as by_disability, locality as by_locality,
        count(*) as n_reviews_due,
        count(*) filter (where on_time) as n_reviews_on_time
    from described
    group by la_code, due_month, grouping sets (
        (by_all), (by_age_band), (by_sex), (by_ethnicity), (by_uasc), (by_disability), (by_locality)
    )
),

by_breakdown as (
    select * from breakdown_rows(by_month)
),

rolled as (
    -- each due month meets the 12 month ends of its windows (a range join); left join: a group whose
    -- reviews are all due outside every window (a first review due after the last month end) still has
    -- a row (period_end null, meeting no month end), so every_month_end gives it its rows of 0
    select l.la_code, c.period_end, l.breakdown, l.breakdown_value,
        sum(l.n_reviews_due) as n_reviews_due,
        sum(l.n_reviews_on_time) as n_reviews_on_time,
        -- the calendar month alone: the due month of period_end
        sum(case when l.due_month = c.period_end then l.n_reviews_due else 0 end) as m_reviews_due,
        sum(case when l.due_month = c.period_end then l.n_reviews_on_time else 0 end) as m_reviews_on_time
    from by_breakdown as l
    left join calendar as c
        on l.la_code = c.la_code and l.due_month between last_day(c.period_start) and c.period_end
    group by all
),

month_ends as (
    select la_code, period_start, period_end, cla_flow_history, cla_month_history, cla_gap_note
    from calendar
),

final as (
    -- every month end has a row for every group the LA ever had (0 when empty) and an 'all' row
    select * from every_month_end(rolled, month_ends)
)

select * from final
