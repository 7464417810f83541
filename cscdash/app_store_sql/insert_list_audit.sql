-- One opening or download of a child list (cscdash.app_store.add_list_audit); named parameters.
insert into child_list_audit (
    at, who, role, action, list_id, la_code, period_end, breakdown, breakdown_value, teams, row_count
)
values (
    :at, :who, :role, :action, :list_id, :la_code, :period_end, :breakdown, :breakdown_value, :teams,
    :row_count
);
