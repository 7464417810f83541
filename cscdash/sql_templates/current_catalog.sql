-- The name of the database a connection writes (cscdash.refresh names it in its temp views).
select current_database();
