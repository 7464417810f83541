-- Record one analyst edit of a target (append only: the audit log).
-- Grain: one row of `target_changes`. Reads: the named parameters; change_id = last id + 1.
insert into target_changes
select
    coalesce((select max(change_id) from target_changes), 0) + 1,
    $changed_at, $changed_by, $indicator_id, $from_date,
    $old_target, $new_target, $old_intervention, $new_intervention,
    $old_target_upper, $new_target_upper, $old_intervention_upper, $new_intervention_upper,
    $reason
