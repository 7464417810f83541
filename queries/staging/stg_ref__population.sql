-- Grain: one row per LA and ONS mid-year estimate (la_code, year): children aged 0-17 at 30 June of year.
-- Reads: ref_population (from data/reference/population.csv).
with source as (
    select * from ref_population
),

final as (
    select la_code, year as population_year, age_0_17
    from source
)

select * from final
