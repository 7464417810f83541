-- LA names for the page header and the LA filter: every LA in data/reference/la_codes.csv (ref_la).
-- Grain: one row per LA code.
with source as (
    select * from ref_la
),

final as (
    select distinct la_code, la_name from source where la_name is not null
)

select * from final
