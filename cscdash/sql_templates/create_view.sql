-- Template used by cscdash.db.build_views to create one view from one queries/ file.
-- NAME is a checked identifier (the file stem), BODY the file's select, COMMENT a quoted literal.
create or replace view {name} as
{body}
;
comment on view {name} is {comment};
