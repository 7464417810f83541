-- Template used by cscdash.db.build_views to create one view from one queries/ file.
-- {name} is a checked identifier (the file stem), {body} the file's select, {comment} a quoted literal.
create or replace view {name} as
{body}
;
comment on view {name} is {comment};
