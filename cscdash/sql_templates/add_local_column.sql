-- A column a local source's specification gained after its raw table was made (an older database: the
-- child attributes' optional Worker). Nullable, so rows already loaded keep their values. {table} and
-- {column} are checked identifiers; {type} one of the fixed type words.
alter table {table} add column if not exists {column} {type};
