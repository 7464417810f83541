-- wf_avg_caseload
-- Grain: one row per LA, period end and breakdown value ('all', or 'team' from the monthly extract); see source.
-- Reads: int_workforce__rates
-- Rules:
--   [C] Cases held at period_end by social workers (employed and agency) with FTE > 0 and at least one case / their FTE.
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
        cases as numerator,
        case_holders_fte as denominator,
        caseload as value,
        case
            when caseload is null then 'no cases'
        end as value_note,
        source
    from source
)

select * from final
