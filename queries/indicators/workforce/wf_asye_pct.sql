-- wf_asye_pct
-- Grain: one row per LA and workforce month end (breakdown 'all' only: the census has no teams).
-- Reads: int_workforce__census_months
-- Rules:
--   [L] Employed social workers in post with CFKSSstatus 1 (ASYE) / employed headcount in post x 100, from the
--   CSWW census at 30 September (an annual census measure: the monthly extract has no headcount).
--   Each month end shows the latest census on or before it (census_date says which; source 'csww'), also
--   where the monthly extract covers the month. Before the LA's first census: null 'no CSWW census yet'.
--   A census with no employed social worker in post: null 'no cases'.
--   Figures: wf_figure_of (queries/macros) applies these rules, given both reasons as its gap (either one nulls every figure).
with source as (
    select * from int_workforce__census_months
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        unnest(wf_figure_of(
            asye_headcount, headcount, 100.0 * asye_headcount / headcount,
            case when census_date is null then 'no CSWW census yet' when not headcount > 0 then 'no cases' end
        )),
        'csww' as source,
        census_date
    from source
)

select * from final
