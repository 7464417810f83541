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

-- commentary: what a service writes about one indicator for one LA and month end, under the three
-- headings boards use. One row per version, never updated or deleted: an edit is a new row, so the
-- history is the table and the text in force is the latest row of (indicator_id, la_code, period_end).
create table if not exists commentary (
    version_id integer primary key autoincrement,
    indicator_id text not null,
    la_code text not null,
    period_end text not null,
    going_well text not null default '',
    worried_about text not null default '',
    doing_about text not null default '',
    author text not null,
    written_at text not null
);

create index if not exists commentary_by_indicator on commentary (indicator_id, la_code, period_end);

-- exception_approvals: a service head's approval of an exception report (one indicator, LA and quarter).
-- Never updated: a later approval is a new row, and the latest is shown.
create table if not exists exception_approvals (
    approval_id integer primary key autoincrement,
    indicator_id text not null,
    la_code text not null,
    quarter_end text not null,
    approved_by text not null,
    approved_on text not null,
    recorded_at text not null
);

-- board_sets: running orders people save in the app (a board's own indicators in its order). One row per
-- save, never updated: the set in force under a name is its latest row; indicator_ids is comma-separated.
create table if not exists board_sets (
    set_id integer primary key autoincrement,
    name text not null,
    indicator_ids text not null,
    saved_by text not null,
    saved_at text not null
);

-- child_list_audit: one row per opening or download of a list of children (cscdash.child_lists: the rows
-- behind a figure, or a "My teams" exception list), by anyone, from the app or the command line. Never
-- updated or deleted; an administrator reads it on the Data quality page.
create table if not exists child_list_audit (
    audit_id integer primary key autoincrement,
    at text not null,
    who text not null,
    role text not null,
    action text not null,
    list_id text not null,
    la_code text,
    period_end text,
    breakdown text,
    breakdown_value text,
    teams text,
    row_count integer not null
);
