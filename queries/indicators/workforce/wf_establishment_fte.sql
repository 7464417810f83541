-- wf_establishment_fte
-- Grain: one row per LA, period end and breakdown value ('all', or 'team' from the monthly extract); see source.
-- Reads: int_workforce__rates
-- Rules:
--   [L] In-post FTE + vacancy FTE (funded posts).
--   Source (int_workforce__components): the local monthly extract (team ALL rows = 'all', team rows = 'team') at every month end it covers; the CSWW census at 30 September only where no monthly ALL row exists. `source` says which.
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
        establishment_fte as numerator,
        cast(null as double) as denominator,
        establishment_fte as value,
        case
            when establishment_fte is null then 'no cases'
        end as value_note,
        source
    from source
)

select * from final
