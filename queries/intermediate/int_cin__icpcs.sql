-- Grain: one row per initial child protection conference (la_code, child_id, icpc_date).
-- Reads: stg_cin__s47, stg_cin__details, stg_cin__cpp, int_dates__working_days. Materialise: table.
-- Rules [C]: ICPCs are the S47 rows' DateOfInitialCPC plus episode-level DateOfInitialCPC not linked to an
-- S47 of the same episode (transfer-in conferences). One conference per child per date.
--   working_days = wd(S47ActualStartDate, DateOfInitialCPC) by R3 (start day = 0): held on working day
--   15 is in time, day 16 late. has_both_dates is false, and the ICPC leaves the 15-day ratio, when there
--   is no S47 or the ICPC is dated before the S47 start [C: DfE C4 notes].
--   led_to_plan: a CP plan for the child starts on the conference date (icpc_to_cpp_pct [L]).
with s47s as (
    select * from stg_cin__s47
),

details as (
    select * from stg_cin__details
),

plans as (
    select distinct la_code, child_id, start_date from stg_cin__cpp
),

days as (
    select * from int_dates__working_days
),

from_s47 as (
    select la_code, child_id, referral_date, icpc_date, start_date as s47_start_date
    from s47s
    where icpc_date is not null
),

from_episode as (
    select d.la_code, d.child_id, d.referral_date, d.episode_icpc_date as icpc_date,
        cast(null as date) as s47_start_date
    from details as d
    where d.episode_icpc_date is not null
        and not exists (
            select 1 from from_s47 as s
            where s.la_code = d.la_code and s.child_id = d.child_id
                and s.referral_date = d.referral_date and s.icpc_date = d.episode_icpc_date
        )
),

all_conferences as (
    select * from from_s47
    union all
    select * from from_episode
),

conferences as (
    select * from all_conferences
    qualify row_number() over (
        partition by la_code, child_id, icpc_date order by s47_start_date desc nulls last
    ) = 1
),

final as (
    select
        c.la_code,
        c.child_id,
        c.referral_date,
        c.icpc_date,
        c.s47_start_date,
        coalesce(c.s47_start_date <= c.icpc_date, false) as has_both_dates,
        case when c.s47_start_date <= c.icpc_date
            then held.working_day_number - started.working_day_number end as working_days,
        p.start_date is not null as led_to_plan
    from conferences as c
    left join days as started on c.s47_start_date = started.day
    left join days as held on c.icpc_date = held.day
    left join plans as p on c.la_code = p.la_code and c.child_id = p.child_id and c.icpc_date = p.start_date
)

select * from final
