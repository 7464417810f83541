-- Every saved running order, oldest first (the latest row of a name is the set in force).
select set_id, name, indicator_ids, saved_by, saved_at from board_sets order by set_id
