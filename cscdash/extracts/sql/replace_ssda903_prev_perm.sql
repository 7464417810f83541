-- Write one load's changes to ssda903_prev_perm (cscdash.extracts.store.write_changes).
-- Reads two views the loader registers: `doomed` (rowid of each existing row that the load replaces
-- or removes) and `staged` (the new and changed rows, with the table's columns). Runs inside the load's
-- transaction, so either both statements take effect or neither does.
delete from ssda903_prev_perm where rowid in (select rowid from doomed);
insert into ssda903_prev_perm by name select * from staged;
