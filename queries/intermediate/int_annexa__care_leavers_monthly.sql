-- Grain: one row per LA, month end and breakdown value (la_code, period_end, breakdown, breakdown_value)
-- with the Annex A list 9 counts as at the month end's snapshot.
-- Reads: int_annexa__snapshot_months, int_annexa__care_leaver_snapshots.
-- Materialise: table.
-- Rules:
--   Every month end of the calendar has a row for every breakdown value seen for the LA; list9_snapshot_date
--   is the snapshot used (latest in the month) and is null when the month has none: the indicator views
--   then return null with the reason 'no Annex A list 9 snapshot in this month', never a guess.
--   n_care_leavers: receiving a service (every row, eligible 16-17-year-olds still in care included); n_pathway_in_date: of those,
--   latest pathway plan review 0-183 days before the snapshot; n_18_plus / n_18_plus_with_pa: aged 18+
--   at the snapshot date (R9) / of those with a personal adviser; n_unsuitable: suitability not_suitable;
--   n_in_bnb: accommodation W. (Definitions in int_annexa__care_leaver_snapshots.)
--   Breakdowns: age_band (at the snapshot date), sex, ethnicity, uasc, eligibility, locality.
--   Shared: the rows per breakdown value come from the macro breakdown_rows, the rows of every month end
--   (0 when empty, and an 'all' row) from every_month_end (queries/macros).
with calendar as (
    select * from int_annexa__snapshot_months
),

leavers as (
    select * from int_annexa__care_leaver_snapshots
),

counted as (
    -- one pass with grouping sets: the 'all' total and one set per breakdown (no row multiplication),
    -- each breakdown a by_ column that breakdown_rows turns into breakdown / breakdown_value rows
    select
        la_code,
        period_end,
        'all' as by_all, age_band as by_age_band, sex_group as by_sex, ethnicity_group as by_ethnicity,
        to_uasc_group(is_uasc) as by_uasc, eligibility_group as by_eligibility, locality as by_locality,
        count(*) as n_care_leavers,
        count(*) filter (where pathway_plan_in_date) as n_pathway_in_date,
        count(*) filter (where aged_18_plus) as n_18_plus,
        count(*) filter (where aged_18_plus and has_pa) as n_18_plus_with_pa,
        count(*) filter (where is_unsuitable) as n_unsuitable,
        count(*) filter (where in_bnb) as n_in_bnb
    from leavers
    group by la_code, period_end, grouping sets (
        (by_all), (by_age_band), (by_sex), (by_ethnicity), (by_uasc), (by_eligibility), (by_locality)
    )
),

by_breakdown as (
    select * from breakdown_rows(counted)
),

month_ends as (
    select la_code, period_start, period_end, list9_snapshot_date
    from calendar
),

final as (
    -- every month end has a row for every group the LA ever had (0 when empty) and an 'all' row
    select * from every_month_end(by_breakdown, month_ends)
)

select * from final
