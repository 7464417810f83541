-- Postcode sector and district centroids (data/reference/postcode_sectors.parquet and
-- postcode_districts.parquet, built offline by data/reference/build_postcode_sectors.py from the ONS
-- Postcode Directory, OGL v3). $sectors and $districts are the two parquet paths.
-- easting / northing: mean British National Grid metres of the live postcodes; laua: the most common
-- local authority district in the sector/district. Distances: sqrt(dE^2 + dN^2) / 1000 / 1.6093 miles.
create or replace table ref_postcode_sectors as
select cast(sector as varchar) as sector, cast(easting as bigint) as easting,
    cast(northing as bigint) as northing, cast(laua as varchar) as laua
from read_parquet($sectors);

create or replace table ref_postcode_districts as
select cast(district as varchar) as district, cast(easting as bigint) as easting,
    cast(northing as bigint) as northing, cast(laua as varchar) as laua
from read_parquet($districts);
