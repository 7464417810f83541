-- The app store: what people write in the app, kept apart from the indicator database so that no load
-- ever touches it (cscdash.app_store). SQLite, in WAL mode, written in short transactions.
--
-- target_edits: one row per change an analyst makes to a target, never updated or deleted (the audit log
-- is the table). The target in force for an indicator and from_date is the seed target (data/targets.csv,
-- in the indicator database) overlaid by the latest edit of that indicator and from_date.
pragma journal_mode = wal;

create table if not exists target_edits (
    edit_id integer primary key autoincrement,
    edited_at text not null,
    edited_by text,
    indicator_id text not null,
    from_date text not null,
    target real,
    intervention real,
    target_upper real,
    intervention_upper real,
    old_target real,
    old_intervention real,
    old_target_upper real,
    old_intervention_upper real,
    reason text,
    source text
);
