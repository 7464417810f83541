-- One saved running order (cscdash.app_store.add_board_set); named parameters.
insert into board_sets (name, indicator_ids, saved_by, saved_at) values (:name, :indicator_ids, :saved_by, :saved_at);
