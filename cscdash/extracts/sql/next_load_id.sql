-- The id for a new load: one more than the largest in the load log (1 for an empty log).
select coalesce(max(load_id), 0) + 1 as load_id from loads;
