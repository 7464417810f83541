-- The raw table of one local source (cscdash.extracts.local.create_tables), from its specification in
-- cscdash/extracts/specs/local/<source>.yml: la_code, the spec's fields in order (varchar, date, timestamp,
-- boolean, integer or double by field type; NOT NULL when required or defaulted), then the bookkeeping
-- columns. {table} and every column name are checked identifiers; {columns} holds nothing else but the
-- fixed type words. Created if missing, like the tables of cscdash/extracts/raw_tables.sql.
create table if not exists {table} ({columns});
