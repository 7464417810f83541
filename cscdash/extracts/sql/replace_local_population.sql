-- Write one load's changes to local_population (cscdash.extracts.store.write_changes).
-- Reads two views the loader registers: `doomed` (rowid of each existing row that the load replaces
-- or removes) and `staged` (the new and changed rows, with the table's columns). Runs inside the load's
-- transaction, so either both statements take effect or neither does.
delete from local_population where rowid in (select rowid from doomed);
insert into local_population by name select * from staged;
