-- ref_benchmark_comparators: published DfE figures for every LA beside its comparators.
--
-- Grain: one row per indicator_id, year, la_code (local authorities only) and sn_model ('2021',
-- '2025'); join to an indicator view on indicator_id and period_end (= the March or September row).
-- Reads: ref_benchmarks (data/benchmarks/published.parquet) and ref_statistical_neighbours
-- (data/reference/statistical_neighbours.csv), both loaded by cscdash.benchmarks.database.install.
-- Rules:
--   * Suppressed or missing values (status <> 'published') have a null value and are never used as 0
--     (disclosure.md S10, S11): the SN mean and median are over the neighbours WITH a value, and
--     sn_n says how many that was out of sn_total (the model's group size, 10). A neighbour whose
--     code did not exist that year (e.g. Somerset before its 2023 reorganisation) counts as missing.
--   * sn_mean is the simple mean of the neighbours' published values (LAIT's "statistical neighbours"
--     figure); sn_median is the median (the CSC Outcomes and Enablers dashboard). Label which is shown.
--   * region_value and england_value are the DfE's own published regional and national figures,
--     not recomputed from the LAs.
create or replace view ref_benchmark_comparators as
with
benchmarks as (
    select * from ref_benchmarks
),

neighbours as (
    select * from ref_statistical_neighbours
),

las as (
    select * from benchmarks where geographic_level = 'Local authority'
),

england as (
    select indicator_id, year, value as england_value, status as england_status
    from benchmarks
    where geographic_level = 'National'
),

regions as (
    select indicator_id, year, la_name as region, value as region_value, status as region_status
    from benchmarks
    where geographic_level = 'Regional'
),

sn_values as (
    select n.la_code, n.model as sn_model, b.indicator_id, b.year, b.value
    from neighbours as n
    inner join las as b on b.la_code = n.sn_la_code
),

group_sizes as (
    select la_code, model as sn_model, count(*) as sn_total
    from neighbours
    group by la_code, model
),

sn as (
    select
        v.la_code, v.sn_model, v.indicator_id, v.year,
        -- exact (a mean of doubles depends on the order rows are added in): published values have few decimals
        cast(avg(cast(v.value as decimal(18, 6))) as double) as sn_mean,
        median(v.value) as sn_median,
        count(v.value) as sn_n,
        any_value(g.sn_total) as sn_total
    from sn_values as v
    inner join group_sizes as g on g.la_code = v.la_code and g.sn_model = v.sn_model
    group by v.la_code, v.sn_model, v.indicator_id, v.year
),

final as (
    select
        l.indicator_id, l.year, l.period_end, l.la_code, l.la_number, l.la_name, l.region,
        l.value, l.numerator, l.denominator, l.status, l.status_code, l.status_reason, l.source,
        s.sn_model, s.sn_mean, s.sn_median, s.sn_n, s.sn_total,
        r.region_value, r.region_status, e.england_value, e.england_status
    from las as l
    left join sn as s
        on s.la_code = l.la_code and s.indicator_id = l.indicator_id and s.year = l.year
    left join regions as r
        on r.indicator_id = l.indicator_id and r.year = l.year and r.region = l.region
    left join england as e
        on e.indicator_id = l.indicator_id and e.year = l.year
)

select * from final
