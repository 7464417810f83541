-- wf_absence_rate_pct
-- Grain: one row per LA, period end and breakdown value ('all', or 'team' from the monthly extract); see source.
-- Reads: int_workforce__rates
-- Rules:
--   [C] Working days lost / (employed FTE x 253 working days; 254 when the year holds 29 February) x 100.
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
        case when flows_complete then inpost_fte * working_days_in_year end as denominator,
        case when flows_complete then absence_rate end as value,
        case
            when not flows_complete then 'insufficient history'
            when absence_rate is null then 'no cases'
        end as value_note,
        source
    from source
)

select * from final
