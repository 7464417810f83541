-- Write one target (insert, or replace the row with the same indicator_id and from_date).
-- Grain: one row of `targets`. Reads: the named parameters. Called by cscdash.targets.edit_target,
-- which records the change in target_changes in the same transaction.
insert or replace into targets
    (indicator_id, from_date, target, intervention, target_upper, intervention_upper, source)
values ($indicator_id, $from_date, $target, $intervention, $target_upper, $intervention_upper, $source)
