-- Macro first_covered_days(source_family): the first day the loaded returns of a source family cover, per
-- LA. A table macro: `select * from first_covered_days('cin')` in a view. The one definition of a
-- calendar's recorded history start, shared by int_calendar__month_ends (cin) and int_cla__month_ends
-- (cla).
-- Reads: stg_load__coverage.
-- Rules: one row per LA with load_coverage rows of that family: la_code, covered_from = the earliest
-- covers_from of its returns (a full return: 1 April of its year). It survives the latest-return-wins
-- merge that can leave the first year few or no rows of its own (cases or episodes open on 1 April are
-- repeated in every later return).
create or replace macro first_covered_days(source_family) as table
    select la_code, min(covers_from) as covered_from
    from stg_load__coverage
    where family = source_family
    group by la_code
