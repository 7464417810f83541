-- Write one load's changes to ssda903_uasc (cscdash.extracts.store.write_changes).
-- Reads two views the loader registers: `doomed` (rowid of each existing row that the load replaces
-- or removes) and `staged` (the new and changed rows, with the table's columns). Runs inside the load's
-- transaction, so either both statements take effect or neither does.
delete from ssda903_uasc where rowid in (select rowid from doomed);
insert into ssda903_uasc by name select * from staged;
