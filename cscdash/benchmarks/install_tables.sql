-- Benchmark reference tables, (re)built from the shipped files on every install.
--
-- Grain: ref_benchmarks = one row per indicator_id, year, geography (data/benchmarks/published.parquet);
-- ref_statistical_neighbours = one row per la_code, model and sn_rank (1-10).
-- Reads: the DataFrames cscdash.benchmarks.database.install registers as benchmarks_published_df and
-- benchmarks_neighbours_df. Replacing (not appending) keeps a reinstall idempotent.
create or replace table ref_benchmarks as select * from benchmarks_published_df;
create or replace table ref_statistical_neighbours as select * from benchmarks_neighbours_df;
