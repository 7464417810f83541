-- Seed `targets` from data/targets.csv (registered as targets_seed_df) when the table is empty.
-- Grain: one row per indicator_id and from_date. Reads: targets_seed_df. The CSV is the starting
-- point only: later edits live in the database (with their audit rows in target_changes).
insert into targets
select
    indicator_id, cast(from_date as date), target, intervention, target_upper, intervention_upper, source
from targets_seed_df
