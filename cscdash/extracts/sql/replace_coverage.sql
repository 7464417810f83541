-- Replace what load_coverage says for the (LA, source) pairs one load brings (view `coverage_rows`: the
-- merged rows from cscdash.extracts.coverage.merged, with the load's load_id). Runs inside the load's
-- transaction.
delete from load_coverage
where (la_code, source) in (select distinct la_code, source from coverage_rows);
insert into load_coverage by name
select la_code, source, collection_year, period_start, period_end, kind, as_at_from, source_file, load_id
from coverage_rows;
