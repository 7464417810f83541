-- Comments of the views and tables build_views created (the file headers), for the app and the CLI.
select view_name as name, comment from duckdb_views() where not internal and schema_name = 'main'
union all
select table_name as name, comment from duckdb_tables() where schema_name = 'main'
