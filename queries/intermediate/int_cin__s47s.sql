-- Grain: one row per section 47 enquiry (la_code, child_id, start_date).
-- Reads: stg_cin__s47, int_dates__working_days. Materialise: table.
-- Rules (s47_to_icpc_pct, [L]): an enquiry's outcome is known once an ICPC is held, or ICPCnotRequired
-- is true, or more than 15 working days have passed since the start. outcome_known_in_own_month says
-- whether that is so at the end of the month the enquiry started; at any later month end more than 15
-- working days have always passed (every month has at least 18 working days), so later windows count
-- every enquiry as known.
with s47s as (
    select * from stg_cin__s47
),

days as (
    select * from int_dates__working_days
),

final as (
    select
        s.la_code,
        s.child_id,
        s.referral_date,
        s.start_date,
        s.icpc_date,
        s.icpc_not_required,
        s.icpc_date is not null as has_icpc,
        s.icpc_date is not null
            or s.icpc_not_required
            or month_end.working_day_number - started.working_day_number > 15 as outcome_known_in_own_month
    from s47s as s
    left join days as started on s.start_date = started.day
    left join days as month_end on last_day(s.start_date) = month_end.day
)

select * from final
