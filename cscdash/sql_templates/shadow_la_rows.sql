-- One authority's rows of a table, under the table's own name, for the length of one refresh
-- (cscdash.refresh). DuckDB looks in the temp schema first, so every view and stored select then reads
-- that LA's rows only: its filters reach each scan directly, however the select's CTEs are planned.
-- NAME is a checked identifier; LA a checked LA code as a quoted literal; CATALOG the database's name as a
-- quoted identifier (in a temp view, main.NAME alone would be the temp schema's main: the view itself).
create or replace temp view {name} as select * from {catalog}.main.{name} where la_code = {la};
