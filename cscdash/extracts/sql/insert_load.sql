-- Record a load in the load log: one `loads` row (view `load_row`) and its problems (view `load_problem_rows`,
-- warnings only: a load with errors writes nothing). Runs inside the load's transaction.
insert into loads by name select * from load_row;
insert into load_problems by name select * from load_problem_rows;
