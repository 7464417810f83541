-- Delete one authority's rows from a materialised intermediate before they are computed afresh
-- (cscdash.refresh: a load that touches only some authorities rebuilds only their rows).
-- NAME is a checked identifier, CATALOG the quoted database name (past the temp shadows of
-- shadow_la_rows.sql); LA a checked LA code as a quoted literal (a literal, not a parameter,
-- so DuckDB can push the filter of the matching insert_la_rows.sql down into the select's scans).
delete from {catalog}.main.{name} where la_code = {la};
