-- Macro breakdown_rows(grouped): the rows of a breakdown grid, one per breakdown value. A table macro:
-- `select * from breakdown_rows(my_cte)` in a view. The one definition of how a GROUPING SETS count
-- becomes the contract's breakdown / breakdown_value rows, shared by int_cla__stocks_monthly,
-- int_cla__flows_rolling, int_cla__reviews_rolling, int_cla__rhi_rolling, int_stocks__monthly,
-- int_flows__rolling, int_annexa__care_leavers_monthly, int_care_leavers__rolling, cla_iha_20wd_pct and
-- cla_permanence_plan_pct.
-- Reads: its argument only (a CTE of the calling view).
-- Rules: `grouped` is the result of a GROUP BY ... GROUPING SETS in which every breakdown is a text
-- column named by_<breakdown> (by_all holds 'all': the whole authority) and every grouping set groups
-- by one of them, for example
--     select la_code, period_end, 'all' as by_all, sex_group as by_sex, count(*) as n_children
--     from children
--     group by la_code, period_end, grouping sets ((by_all), (by_sex))
-- Each row becomes one row with breakdown = the name after by_ ('all', 'sex') and breakdown_value = that
-- column's value; every other column (keys, counts) is kept as it is. A group whose value is null (facts
-- without an abuse category, without a placement) is no row: null is no value of the breakdown.
-- Why grouping sets in the callers: one pass over the facts, where a row per fact and breakdown (unnest)
-- took twice as long over the child-months of 10 authorities.
create or replace macro breakdown_rows(grouped) as table
    select * replace (substr(breakdown, length('by_') + 1) as breakdown)
    from (
        unpivot query_table(grouped)
        on columns('^by_')
        into name breakdown value breakdown_value
    )
