-- Every approval of an exception report, oldest first (the latest of an indicator, LA and quarter is shown).
select approval_id, indicator_id, la_code, quarter_end, approved_by, approved_on, recorded_at
from exception_approvals
order by approval_id
