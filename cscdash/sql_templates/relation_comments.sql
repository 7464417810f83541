-- Views and tables in the main schema with their type and comment (the queries/ file header).
select view_name as name, 'view' as kind, comment
from duckdb_views()
where not internal and schema_name = 'main'
union all
select table_name as name, 'table' as kind, comment
from duckdb_tables()
where schema_name = 'main'
