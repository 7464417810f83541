-- Attach one database file, read-only, under a name (cscdash.db.connect_reader); {path} is a quoted literal.
attach {path} as {name} (read_only)
