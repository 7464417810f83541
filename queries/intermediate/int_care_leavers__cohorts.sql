-- Grain: one row per care leaver and counted birthday (la_code, child_id, birthday): the OC3 record of the
-- collection year in which the young person's 17th, 18th, 19th, 20th or 21st birthday fell.
-- Reads: stg_ssda903__oc3, stg_ssda903__header, int_cla__episodes.
-- Materialise: table.
-- Rules [C unless marked]:
--   Cohorts: 17-18 = 17th or 18th birthday in the period; 19-21 = 19th, 20th or 21st. Information is
--   "on or around the birthday"; the OC3 row used is the one of the collection year (1 Apr - 31 Mar)
--   containing the birthday, so a rolling 12-month window ending in March is exactly the DfE year.
--   A 29 February birthday falls on 28 February in other years (DuckDB date arithmetic).
--   in_cohort: excludes 17- and 18-year-olds still looked after on the birthday (an episode open on it:
--   DECOM <= birthday < DEC; a child leaving care on the birthday is not looked after on it, rule 1007),
--   IN_TOUCH 'DIED' and 'RHOM', and young people whose care was transferred to another LA (their last
--   period of care before the birthday ended with REC 'E3'). NO, REFU and NREQ stay in (they count
--   against EET and accommodation).
--   is_eet: ACTIV in F1, P1, F2, P2, F3, P3, F4, P4, F5, P5. is_in_touch: IN_TOUCH 'YES'.
--   is_suitable: ACCOM ends in '1'. accom_in_denominator (LAIT version, chosen over EES): also excludes
--   ACCOM G (abroad), H (deported) and R (residence not known).
--   Staying put [C LAIT]: staying_put_eligible = 19th or 20th birthday, and a period of care ended on the
--   18th birthday from a foster placement (U1-U6); is_staying_put = ACCOM letter 'Z' (with former foster
--   carers).
with oc3 as (
    select * from stg_ssda903__oc3
),

header as (
    select * from stg_ssda903__header
),

episodes as (
    select * from int_cla__episodes
),

birthdays as (
    select
        o.*,
        h.birth_date,
        h.sex,
        age.age_at as birthday_age,
        cast(h.birth_date + to_years(age.age_at) as date) as birthday
    from oc3 as o
    join header as h using (la_code, child_id)
    cross join (select unnest([17, 18, 19, 20, 21]) as age_at) as age
),

in_year as (
    select *
    from birthdays
    where birthday between make_date(collection_year - 1, 4, 1) and make_date(collection_year, 3, 31)
),

care_facts as (
    select
        y.la_code, y.child_id, y.birthday,
        bool_or(e.start_date <= y.birthday and coalesce(e.end_date, date '9999-12-31') > y.birthday)
            as looked_after_on_birthday,
        arg_max(e.period_reason_ceased, e.start_date) filter (where e.period_end <= y.birthday)
            as last_exit_reason,
        bool_or(
            e.period_end = cast(y.birth_date + interval 18 year as date) and e.end_date = e.period_end
            and e.placement_type in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')
        ) as left_at_18_from_foster
    from in_year as y
    join episodes as e using (la_code, child_id)
    group by all
),

final as (
    select
        y.la_code,
        y.child_id,
        y.collection_year,
        y.birthday,
        y.birthday_age,
        case when y.birthday_age <= 18 then '17-18' else '19-21' end as cohort,
        to_sex_group(y.sex) as sex_group,
        not (
            (y.birthday_age <= 18 and coalesce(f.looked_after_on_birthday, false))
            or coalesce(y.in_touch, '') in ('DIED', 'RHOM')
            or coalesce(f.last_exit_reason, '') = 'E3'
        ) as in_cohort,
        y.in_touch = 'YES' as is_in_touch,
        coalesce(y.activity in ('F1', 'P1', 'F2', 'P2', 'F3', 'P3', 'F4', 'P4', 'F5', 'P5'), false) as is_eet,
        coalesce(length(y.accommodation) = 2 and y.accommodation like '%1', false) as is_suitable,
        coalesce(left(y.accommodation, 1), '') not in ('G', 'H', 'R') as accom_in_denominator,
        y.birthday_age in (19, 20) and coalesce(f.left_at_18_from_foster, false) as staying_put_eligible,
        coalesce(left(y.accommodation, 1) = 'Z', false) as is_staying_put
    from in_year as y
    left join care_facts as f using (la_code, child_id, birthday)
)

select * from final
