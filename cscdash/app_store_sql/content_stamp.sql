-- What a board pack's content reads from the store, as one key: the latest id of each table it reads. Every
-- one of them is append-only (rows are never updated or deleted), so a new id is the only way its content
-- changes. The audit log of child lists is left out: opening a list of children writes to the store, and
-- must not make the next scorecard or present-mode visitor build the board pack's content again.
select
    (select coalesce(max(version_id), 0) from commentary) as commentary,
    (select coalesce(max(approval_id), 0) from exception_approvals) as approvals,
    (select coalesce(max(set_id), 0) from board_sets) as board_sets,
    (select coalesce(max(edit_id), 0) from target_edits) as target_edits
