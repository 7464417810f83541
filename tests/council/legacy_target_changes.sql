-- What a database written by an earlier version holds: an analyst's target edit kept in the indicator
-- database itself (table target_changes), where a load could lose it. Used by test_loading.py.
create table target_changes (
    change_id integer not null,
    changed_at timestamp not null,
    changed_by varchar,
    indicator_id varchar not null,
    from_date date not null,
    old_target double, new_target double,
    old_intervention double, new_intervention double,
    old_target_upper double, new_target_upper double,
    old_intervention_upper double, new_intervention_upper double,
    reason varchar);
insert into target_changes values
    (1, timestamp '2024-05-01 09:30:00', 'Jo Analyst', 'cpp_rate_per_10k', date '2024-04-01',
     45, 40, 50, 48, null, null, null, null, 'improvement plan');
