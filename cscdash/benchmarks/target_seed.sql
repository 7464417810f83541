-- Replace the seed targets with data/targets.csv (registered as targets_seed_df).
-- Grain: one row per indicator_id and from_date. Reads: targets_seed_df. The CSV is the starting
-- point only: edits live in the app store and overlay these rows.
delete from targets;
insert into targets
select
    indicator_id, cast(from_date as date), target, intervention, target_upper, intervention_upper, source
from targets_seed_df
