-- wf_vacancy_rate_pct
-- Grain: one row per LA, period end and breakdown value ('all', or 'team' from the monthly extract); see source.
-- Reads: int_workforce__rates
-- Rules:
--   [C] Vacancy FTE / (vacancy FTE + employed FTE) x 100 (int_workforce__rates).
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
        unnest(wf_figure_of(vacancy_fte, vacancy_fte + inpost_fte, vacancy_rate, null)),
        source
    from source
)

select * from final
