-- Template used by cscdash.db.build_views(materialise=True) for intermediate files whose header says
-- "Materialise: table": the same select stored as a table, so the many indicator views that read it
-- do not recompute it. NAME is a checked identifier, BODY the select, COMMENT a quoted literal.
create or replace table {name} as
{body}
;
comment on table {name} is {comment};
