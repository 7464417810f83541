-- Replace ref_population with data/reference/population.csv ($path); columns la_code, year, age_0_17.
delete from ref_population;
insert into ref_population
select la_code, cast(year as integer), cast(age_0_17 as integer)
from read_csv($path, header = true, all_varchar = true);
