-- Replace ref_la with data/reference/la_codes.csv ($path); columns la_code, la_number, la_name, region.
delete from ref_la;
insert into ref_la
select la_code, la_number, la_name, region
from read_csv($path, header = true, all_varchar = true);
