-- Completeness of the key fields the indicators depend on, for one LA.
-- Grain: one row per (return table, field): rows, rows with a value, percent complete.
-- Reads the raw tables. A field that is legitimately blank for some rows (e.g. DEC for open episodes)
-- is not listed: only fields every row should carry, or that an indicator needs where present.
-- Parameters: $la_code.
with checks as (
    select 'CIN census: referrals' as return_table, 'ReferralSource' as field,
        count(*) as n_rows, count(ReferralSource) as n_filled
    from cin_details where la_code = $la_code
    union all
    select 'CIN census: referrals', 'PrimaryNeedCode (non-NFA referrals)',
        count(*), count(PrimaryNeedCode)
    from cin_details where la_code = $la_code and not coalesce(ReferralNFA, false)
    union all
    select 'CIN census: children', 'PersonBirthDate or ExpectedPersonBirthDate',
        count(*), count(coalesce(PersonBirthDate, ExpectedPersonBirthDate))
    from cin_child where la_code = $la_code
    union all
    select 'CIN census: children', 'Ethnicity', count(*), count(Ethnicity)
    from cin_child where la_code = $la_code
    union all
    select 'CIN census: S47 enquiries', 'DateOfInitialCPC or ICPCnotRequired',
        count(*), count(*) filter (where DateOfInitialCPC is not null or ICPCnotRequired)
    from cin_s47 where la_code = $la_code
    union all
    select 'SSDA903: header', 'UPN', count(*), count(UPN)
    from ssda903_header where la_code = $la_code
    union all
    select 'SSDA903: episodes', 'HOME_POST', count(*), count(HOME_POST)
    from ssda903_episodes where la_code = $la_code
    union all
    select 'SSDA903: episodes', 'PL_POST', count(*), count(PL_POST)
    from ssda903_episodes where la_code = $la_code
    union all
    select 'SSDA903: episodes', 'PLACE_PROVIDER (not T/Z placements)', count(*), count(PLACE_PROVIDER)
    from ssda903_episodes
    where la_code = $la_code and PLACE not in ('T0', 'T1', 'T2', 'T3', 'T4', 'Z1', 'Z11', 'Z12', 'Z13', 'Z14')
    union all
    select 'Annex A list 1: contacts', 'Contact Source', count(*), count(contact_source)
    from annexa_contacts where la_code = $la_code
    union all
    select 'Annex A list 1: contacts', 'Contact Outcome (local)', count(*), count(contact_outcome)
    from annexa_contacts where la_code = $la_code
),

final as (
    select
        return_table,
        field,
        n_rows,
        n_filled,
        case when n_rows > 0 then round(100.0 * n_filled / n_rows, 1) end as pct_complete
    from checks
    where n_rows > 0
)

select * from final
