-- One approval of an exception report (cscdash.app_store.add_exception_approval); named parameters.
insert into exception_approvals (indicator_id, la_code, quarter_end, approved_by, approved_on, recorded_at)
values (:indicator_id, :la_code, :quarter_end, :approved_by, :approved_on, :recorded_at);
