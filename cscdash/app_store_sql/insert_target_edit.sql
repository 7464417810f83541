-- One target edit (cscdash.app_store.add_target_edit); named parameters, one row.
insert into target_edits (
    edited_at, edited_by, indicator_id, from_date, target, intervention, target_upper, intervention_upper,
    old_target, old_intervention, old_target_upper, old_intervention_upper, reason, source
) values (
    :edited_at, :edited_by, :indicator_id, :from_date, :target, :intervention, :target_upper,
    :intervention_upper, :old_target, :old_intervention, :old_target_upper, :old_intervention_upper,
    :reason, :source
);
