-- Every target edit, oldest first (the audit log reads it newest first; targets in force take the latest
-- edit of each indicator and from_date).
select
    edit_id, edited_at, edited_by, indicator_id, from_date, target, intervention, target_upper,
    intervention_upper, old_target, old_intervention, old_target_upper, old_intervention_upper, reason, source
from target_edits
order by edit_id
