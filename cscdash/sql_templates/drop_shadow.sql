-- Drop a shadow of shadow_la_rows.sql (cscdash.refresh), so the table's own name means the table again.
-- NAME is a checked identifier.
drop view if exists temp.{name};
