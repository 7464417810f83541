-- Template used by cscdash.db.build_views: drop a view or table of this name before recreating it,
-- so a relation can switch between view and table. {name} is a checked identifier.
drop view if exists {name};
drop table if exists {name};
