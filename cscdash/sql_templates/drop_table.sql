-- Template used by cscdash.db.build_views: drop a table before it is recreated as a view (NAME checked).
drop table if exists {name};
