-- Every version of the commentary of one indicator and LA, for month ends up to :period_end, newest
-- month first and, within a month, newest version first (cscdash.commentary reads the first row of the
-- month for the text in force, the first row of an earlier month for a carried-forward draft).
select
    version_id, indicator_id, la_code, period_end, going_well, worried_about, doing_about, author, written_at
from commentary
where indicator_id = :indicator_id and la_code = :la_code and period_end <= :period_end
order by period_end desc, version_id desc
