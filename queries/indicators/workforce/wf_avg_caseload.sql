-- wf_avg_caseload
-- Grain: one row per LA, period end and breakdown value ('all', or 'team' from the monthly extract); see source.
-- Reads: int_workforce__rates
-- Rules:
--   [C] Cases held at period_end by social workers (employed and agency) with FTE > 0 and at least one case / their FTE.
--   Source (int_workforce__components): the local monthly extract (team ALL rows = 'all', team rows = 'team') at every month end it covers; the CSWW census at 30 September only where no monthly ALL row exists. `source` says which.
--   A zero or missing denominator gives a null value with value_note 'no cases'. Figures: wf_figure_of (queries/macros).
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
        unnest(wf_figure_of(cases, case_holders_fte, caseload, null)),
        source
    from source
)

select * from final
