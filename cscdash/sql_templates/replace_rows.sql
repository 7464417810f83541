-- Write one load's changes to one raw table, statutory or local (cscdash.extracts.store.write_changes);
-- {table} is a checked identifier. Reads two views the loader registers: `doomed` (rowid of each existing
-- row that the load replaces or removes) and `staged` (the new and changed rows, with the table's columns).
-- Runs inside the load's transaction, so either both statements take effect or neither does.
delete from {table} where rowid in (select rowid from doomed);
insert into {table} by name select * from staged;
