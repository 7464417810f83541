-- Compute one authority's rows of a materialised intermediate from its own select, filtered to that LA
-- (cscdash.refresh; delete_la_rows.sql removed the old ones in the same transaction). NAME is a checked
-- identifier, BODY the select of the table's queries/ file, LA a checked LA code as a quoted literal,
-- CATALOG the quoted database name (past the temp shadows of shadow_la_rows.sql, which make the select
-- read that LA's rows only). By name, so the column order of the stored table does not matter.
insert into {catalog}.main.{name} by name
select * from (
{body}
) as refreshed
where la_code = {la};
