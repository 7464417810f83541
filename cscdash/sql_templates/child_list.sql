-- The rows behind one indicator's figure (cscdash.child_lists): a family's child-list macro
-- (queries/children/{macro}.sql) at one month end, for one LA or every LA, keeping the rows the figure
-- counts ({counted} > 0: its denominator's column, or its numerator's for a count or a rate per 10,000).
-- {macro} and {counted} are checked identifiers from the family's YAML; the month and LA are parameters.
select *
from {macro}(cast($period_end as date))
where ($la_code is null or la_code = $la_code)
    and coalesce({counted}, 0) > 0
order by la_code, child_id
