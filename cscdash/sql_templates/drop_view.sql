-- Template used by cscdash.db.build_views: drop a view before it is recreated as a table (NAME checked).
drop view if exists {name};
