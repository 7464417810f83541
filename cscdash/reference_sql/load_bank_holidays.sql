-- Replace ref_bank_holidays with data/reference/bank_holidays.csv ($path); columns date, name.
delete from ref_bank_holidays;
insert into ref_bank_holidays
select cast("date" as date) as holiday_date, name
from read_csv($path, header = true, columns = {'date': 'varchar', 'name': 'varchar'});
