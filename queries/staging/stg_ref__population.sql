-- Grain: one row per LA and ONS mid-year estimate (la_code, year): children aged 0-17 at 30 June of year.
-- Reads: ref_population (from data/reference/population.csv), local_population (a population.csv loaded
-- with the extracts).
-- Rules: an estimate loaded with the extracts wins over the shipped ONS figure for the same LA and year (an
-- authority's own estimate, or the synthetic demo's, which no ONS file holds).
with shipped as (
    select la_code, year, age_0_17 from ref_population
),

loaded as (
    select la_code, year, age_0_17 from local_population
),

final as (
    select la_code, year as population_year, age_0_17
    from loaded
    union all
    select shipped.la_code, shipped.year, shipped.age_0_17
    from shipped
    anti join loaded using (la_code, year)
)

select * from final
