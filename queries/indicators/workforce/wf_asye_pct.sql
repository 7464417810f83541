-- wf_asye_pct
-- Grain: one row per LA, period end and breakdown value ('all', or 'team' from the monthly extract); see source.
-- Reads: int_workforce__rates
-- Rules:
--   [L] Employed social workers in post with CFKSSstatus 1 (ASYE) / employed headcount in post x 100.
--   The monthly extract has no headcount, so only CSWW rows have a value; monthly rows are null 'not in the monthly extract'.
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
        case when headcount > 0 then asye_headcount end as numerator,
        headcount as denominator,
        asye_rate as value,
        case
            when source = 'workforce_monthly' then 'not in the monthly extract'
            when asye_rate is null then 'no cases'
        end as value_note,
        source
    from source
)

select * from final
