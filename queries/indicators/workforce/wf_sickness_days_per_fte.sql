-- wf_sickness_days_per_fte
-- Grain: one row per LA, period end and breakdown value ('all', or 'team' from the monthly extract); see source.
-- Reads: int_workforce__rates
-- Rules:
--   [D] Working days lost to sickness in the 12 months to period_end / employed FTE at period_end.
--   Source (int_workforce__components): the local monthly extract (team ALL rows = 'all', team rows = 'team') at every month end it covers; the CSWW census at 30 September only where no monthly ALL row exists. `source` says which.
--   Flows are summed over the 12 months to period_end; with fewer than 12 monthly rows: null 'insufficient history'.
with source as (
    select * from int_workforce__rates
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        case when flows_complete then working_days_lost end as numerator,
        case when flows_complete then inpost_fte end as denominator,
        case when flows_complete then sickness_days_per_fte end as value,
        case
            when not flows_complete then 'insufficient history'
            when sickness_days_per_fte is null then 'no cases'
        end as value_note,
        source
    from source
)

select * from final
