-- The LAs with loaded extracts, for the app's LA filter (shown only when there is more than one).
-- Grain: one row per LA code, sorted. Reads the main raw tables of each return.
with codes as (
    select distinct la_code from cin_details
    union
    select distinct la_code from ssda903_episodes
    union
    select distinct la_code from annexa_contacts
    union
    select distinct la_code from csww_worker
),

final as (
    select la_code from codes where la_code is not null order by la_code
)

select * from final
