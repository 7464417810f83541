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
with calendar as (
    select * from int_annexa__snapshot_months
),

leavers as (
    select * from int_annexa__care_leaver_snapshots
),

counted_children as (
    select
        la_code,
        period_end,
        age_band,
        sex_group,
        ethnicity_group,
        is_uasc,
        eligibility_group,
        locality,
        1 as n_care_leavers,
        cast(pathway_plan_in_date as integer) as n_pathway_in_date,
        cast(aged_18_plus as integer) as n_18_plus,
        cast(aged_18_plus and has_pa as integer) as n_18_plus_with_pa,
        cast(is_unsuitable as integer) as n_unsuitable,
        cast(in_bnb as integer) as n_in_bnb
    from leavers
),

long as (
    select
        la_code,
        period_end,
        pair.breakdown,
        pair.breakdown_value,
        columns('^n_')
    from (
        select
            *,
            unnest([
                {'breakdown': 'all', 'breakdown_value': 'all'},
                {'breakdown': 'age_band', 'breakdown_value': age_band},
                {'breakdown': 'sex', 'breakdown_value': sex_group},
                {'breakdown': 'ethnicity', 'breakdown_value': ethnicity_group},
                {'breakdown': 'uasc', 'breakdown_value': case when is_uasc then 'UASC' else 'Not UASC' end},
                {'breakdown': 'eligibility', 'breakdown_value': eligibility_group},
                {'breakdown': 'locality', 'breakdown_value': locality}
            ]) as pair
        from counted_children
    )
),

counted as (
    select la_code, period_end, breakdown, breakdown_value, sum(columns('^n_'))
    from long
    group by all
),

groups as (
    select distinct la_code, breakdown, breakdown_value from counted
    union
    select distinct la_code, 'all', 'all' from calendar
),

final as (
    select
        c.la_code,
        c.period_start,
        c.period_end,
        g.breakdown,
        g.breakdown_value,
        c.list9_snapshot_date,
        cast(coalesce(columns(counted.* exclude (la_code, period_end, breakdown, breakdown_value)), 0) as bigint)
    from groups as g
    join calendar as c using (la_code)
    left join counted
        on g.la_code = counted.la_code and c.period_end = counted.period_end
        and g.breakdown = counted.breakdown and g.breakdown_value = counted.breakdown_value
)

select * from final
