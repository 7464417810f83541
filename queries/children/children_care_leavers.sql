-- Grain: one row per LA and care leaver counted at the month end list_month_end (la_code, child_id,
-- birthday): a young person of the OC3 cohorts (in_cohort) whose 17th, 18th, 19th, 20th or 21st birthday
-- fell in the 12 months to that month end, with the OC3 answers of the collection year holding the
-- birthday. (The argument is not called period_end: DuckDB would bind a macro parameter of that name into
-- the views this macro reads, whose own period_end columns then clash.)
-- Reads: int_care_leavers__cohorts, int_cla__month_ends, stg_ssda903__oc3, int_children__attributes.
-- Rules: the rows and flags are int_care_leavers__rolling's, from the same cohort rows, window and columns:
--   Window: the birthday lies between period_start and period_end of int_cla__month_ends (a birthday on the
--   month end counts); a month end outside the SSDA903 calendar has no rows, like the aggregate.
--   Row: in_cohort only (every n_ column needs it): 17- and 18-year-olds still looked after on the
--   birthday, IN_TOUCH DIED or RHOM, and care transferred to another LA (E3) are not listed.
--   n_17_18 / n_19_21: the cohort of the birthday (17th-18th / 19th-21st), the rows of the cohort counts
--   and the denominators of the in-touch and EET percentages; n_*_in_touch: IN_TOUCH YES; n_*_eet: ACTIV
--   F1-F5 or P1-P5; n_*_accom_base: the cohort less ACCOM G (abroad), H (deported), R (residence not
--   known), the suitable-accommodation denominator (LAIT); n_*_suitable: of those, ACCOM ending 1.
--   n_staying_put_eligible: 19th or 20th birthday after leaving care on the 18th birthday from foster care
--   (U1-U6); n_staying_put: of those, ACCOM Z (with former foster carers).
--   by_sex (the 903 header's sex group) and by_age (age at the birthday): the aggregate's breakdowns.
--   Detail: birthday (which_birthday in words), the OC3 codes as returned with their meaning (data_layouts
--   1.6: in_touch, activity, accommodation; blank: 'not recorded'), read from the OC3 row of the cohort's
--   collection year (oc3_year; one per child and year: the staging key).
create or replace macro children_care_leavers(list_month_end) as table
with cohorts as (
    select * from int_care_leavers__cohorts
),

calendar as (
    select * from int_cla__month_ends
),

oc3 as (
    select * from stg_ssda903__oc3
),

attributes as (
    select * from int_children__attributes
),

windowed as (
    select k.*
    from calendar as c
    join cohorts as k on c.la_code = k.la_code and k.birthday between c.period_start and c.period_end
    where c.period_end = cast(list_month_end as date) and k.in_cohort
),

described as (
    -- the OC3 codes of the cohort's collection year, each with its meaning (data_layouts 1.6)
    select
        w.*,
        nullif(o.in_touch, '') as in_touch_code,
        nullif(o.activity, '') as activity_code,
        nullif(o.accommodation, '') as accommodation_code
    from windowed as w
    left join oc3 as o using (la_code, child_id, collection_year)
),

final as (
    select
        d.la_code,
        d.child_id,
        'Care leaver' as record,
        coalesce(a.team, 'Not recorded') as team,
        coalesce(a.worker, 'Not recorded') as worker,
        coalesce(a.locality, 'Not recorded') as locality,
        d.sex_group as by_sex,
        cast(d.birthday_age as varchar) as by_age,
        cast(d.cohort = '17-18' as integer) as n_17_18,
        cast(d.cohort = '17-18' and d.is_in_touch as integer) as n_17_18_in_touch,
        cast(d.cohort = '17-18' and d.is_eet as integer) as n_17_18_eet,
        cast(d.cohort = '17-18' and d.accom_in_denominator as integer) as n_17_18_accom_base,
        cast(d.cohort = '17-18' and d.accom_in_denominator and d.is_suitable as integer) as n_17_18_suitable,
        cast(d.cohort = '19-21' as integer) as n_19_21,
        cast(d.cohort = '19-21' and d.is_in_touch as integer) as n_19_21_in_touch,
        cast(d.cohort = '19-21' and d.is_eet as integer) as n_19_21_eet,
        cast(d.cohort = '19-21' and d.accom_in_denominator as integer) as n_19_21_accom_base,
        cast(d.cohort = '19-21' and d.accom_in_denominator and d.is_suitable as integer) as n_19_21_suitable,
        cast(d.staying_put_eligible as integer) as n_staying_put_eligible,
        cast(d.staying_put_eligible and d.is_staying_put as integer) as n_staying_put,
        d.birthday,
        case d.birthday_age when 21 then '21st' else d.birthday_age || 'th' end as which_birthday,
        d.birthday_age as age_at_birthday,
        d.cohort,
        d.collection_year as oc3_year,
        coalesce(d.in_touch_code || ': ' || case d.in_touch_code
            when 'YES' then 'in touch'
            when 'NO' then 'not in touch'
            when 'REFU' then 'refuses contact'
            when 'NREQ' then 'no longer requires services'
            else 'code not known'
        end, 'not recorded') as in_touch,
        coalesce(d.activity_code || ': ' || case
            when d.activity_code in ('F1', 'P1') then 'higher education'
            when d.activity_code in ('F2', 'P2') then 'other education'
            when d.activity_code in ('F4', 'P4') then 'apprenticeship'
            when d.activity_code in ('F3', 'P3', 'F5', 'P5') then 'training or employment'
            when d.activity_code = 'G4' then 'not in education, employment or training: illness or disability'
            when d.activity_code = 'G5' then 'not in education, employment or training'
            when d.activity_code = 'G6' then 'not in education, employment or training: pregnancy or parenting'
            when d.activity_code = '0' then 'not known'
            else 'code not known'
        end || case left(d.activity_code, 1) when 'F' then ', full time' when 'P' then ', part time' else '' end,
        'not recorded') as activity,
        coalesce(d.accommodation_code || ': ' || case left(d.accommodation_code, 1)
            when 'B' then 'with parents or relatives'
            when 'C' then 'community home or other residential care'
            when 'D' then 'semi-independent, transitional accommodation'
            when 'E' then 'supported lodgings'
            when 'G' then 'gone abroad'
            when 'H' then 'deported'
            when 'K' then 'ordinary lodgings'
            when 'R' then 'residence not known'
            when 'S' then 'no fixed abode or homeless'
            when 'T' then 'foyer or similar'
            when 'U' then 'independent living'
            when 'V' then 'emergency accommodation'
            when 'W' then 'bed and breakfast'
            when 'X' then 'in custody'
            when 'Y' then 'other accommodation'
            when 'Z' then 'with former foster carers'
            when '0' then 'not known'
            else 'code not known'
        end || case
            when length(d.accommodation_code) = 2 and right(d.accommodation_code, 1) = '1' then ', suitable'
            when length(d.accommodation_code) = 2 and right(d.accommodation_code, 1) = '2' then ', not suitable'
            else ''
        end, 'not recorded') as accommodation
    from described as d
    left join attributes as a using (la_code, child_id)
)

select * from final
