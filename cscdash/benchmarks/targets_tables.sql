-- Seed targets (issue 8, rule R14 of indicators.md): data/targets.csv, copied in by every load.
--
-- Grain: one row per indicator_id and from_date (a target applies from that date until the next
-- from_date of the same indicator). Reads: nothing. Analysts' edits are not here: they are appended to the
-- app store (cscdash.app_store), which no load touches, and overlay these seeds. Earlier versions kept
-- edits here with their audit rows in target_changes; a load moves those to the store first, so the
-- table is dropped.
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

drop table if exists target_changes;
