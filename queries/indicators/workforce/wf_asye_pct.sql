-- wf_asye_pct
-- Grain: one row per LA and workforce month end (breakdown 'all' only: the census has no teams).
-- Reads: int_workforce__census_months
-- Rules:
--   [L] Employed social workers in post with CFKSSstatus 1 (ASYE) / employed headcount in post x 100, from the
--   CSWW census at 30 September (an annual census measure: the monthly extract has no headcount).
--   Each month end shows the latest census on or before it (census_date says which; source 'csww'), also
--   where the monthly extract covers the month. Before the LA's first census: null 'no CSWW census yet'.
--   A census with no employed social worker in post: null 'no cases'.
with source as (
    select * from int_workforce__census_months
),

final as (
    select
        la_code,
        period_start,
        period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        case when headcount > 0 then asye_headcount end as numerator,
        case when headcount > 0 then headcount end as denominator,
        case when headcount > 0 then 100.0 * asye_headcount / headcount end as value,
        case
            when census_date is null then 'no CSWW census yet'
            when not headcount > 0 then 'no cases'
        end as value_note,
        'csww' as source,
        census_date
    from source
)

select * from final
