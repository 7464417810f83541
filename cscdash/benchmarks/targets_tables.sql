-- Local targets and the audit trail of analysts' edits (issue 8, rule R14 of indicators.md).
--
-- Grain: targets = one row per indicator_id and from_date (a target applies from that date until the
-- next from_date of the same indicator); target_changes = one row per edit, never updated or deleted.
-- Reads: nothing; cscdash.targets seeds `targets` from data/targets.csv when the table is empty.
-- Rules: polarity follows from the order of the two thresholds (intervention below target = higher is
-- better); band indicators also carry target_upper and intervention_upper.
create table if not exists targets (
    indicator_id varchar not null,
    from_date date not null,
    target double,
    intervention double,
    target_upper double,
    intervention_upper double,
    source varchar,
    primary key (indicator_id, from_date));

create table if not exists target_changes (
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
