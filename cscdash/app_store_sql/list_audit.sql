-- Every opening and download of a child list, newest first (the Data quality page, for administrators).
select audit_id, at, who, role, action, list_id, la_code, period_end, breakdown, breakdown_value, teams,
    row_count
from child_list_audit
order by audit_id desc
