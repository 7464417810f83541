-- One "My teams" exception list (cscdash.exception_lists): the rows of a family's child-list macro
-- (queries/children/{macro}.sql) at one month end and LA whose exception flag {flag} is set. {macro} and
-- {flag} are checked identifiers from cscdash/exception_lists.yml; the month and LA are parameters.
select *
from {macro}(cast($period_end as date))
where la_code = $la_code
    and coalesce({flag}, 0) > 0
order by team, worker, child_id
