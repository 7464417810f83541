-- Template used by cscdash.db.build_views(materialise=True) for intermediate files whose header says
-- "Materialise: table": the same select stored as a table, so the many indicator views that read it
-- do not recompute it. {name} is a checked identifier, {body} the select, {comment} a quoted literal.
create or replace table {name} as
{body}
;
comment on table {name} is {comment};
