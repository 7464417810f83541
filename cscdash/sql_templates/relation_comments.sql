-- Views and tables in the main schema of the current database with their type and comment (the queries/
-- file header). The current database, because the app reads a database ATTACHed to a private in-memory one.
select view_name as name, 'view' as kind, comment
from duckdb_views()
where not internal and schema_name = 'main' and database_name = current_database()
union all
select table_name as name, 'table' as kind, comment
from duckdb_tables()
where schema_name = 'main' and database_name = current_database()
