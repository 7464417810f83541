-- Make an attached database the default for this connection's unqualified names (cscdash.db.reader_cursor).
use {name}
