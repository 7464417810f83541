-- Grain: one row per child adopted from care (la_code, child_id, adoption_date): the dates of the
-- adoption timeliness measures.
-- Reads: int_cla__episodes, stg_ssda903__ad1.
-- Rules:
--   Adopted: a period of care ending with REC E11 or E12 [C]; adoption_date = that DEC.
--   entered_care = the start of that period of care.
--   placed_date (A1, unadjusted) = DECOM of the period's first placed-for-adoption episode (A3-A6).
--   moved_in_date (A10) [U: the foster-carer adjustment rule is not confirmed]: for a child adopted by
--   their foster carers (AD1 FOSTER_CARE = 1, or a first adoptive placement A3/A5 "with current foster
--   carer"), the date the child moved in with those carers = the start of the carer run holding the
--   first A3-A6 episode (int_cla__episodes.carer_run_start); otherwise placed_date.
--   placement_order_date (A2) [U: scorecard definition] = DECOM of the period's first E1 (placement
--   order) episode; match_date = AD1 DATE_MATCH.
with episodes as (
    select * from int_cla__episodes
),

ad1 as (
    select * from stg_ssda903__ad1
),

adopted_periods as (
    select distinct la_code, child_id, period_no, period_start, period_end
    from episodes
    where period_reason_ceased in ('E11', 'E12') and period_end is not null
),

period_facts as (
    select
        p.la_code,
        p.child_id,
        p.period_end as adoption_date,
        p.period_start as entered_care,
        min(e.start_date) filter (where e.placement_type in ('A3', 'A4', 'A5', 'A6')) as placed_date,
        arg_min(e.placement_type, e.start_date) filter (where e.placement_type in ('A3', 'A4', 'A5', 'A6'))
            as first_adoptive_placement,
        arg_min(e.carer_run_start, e.start_date) filter (where e.placement_type in ('A3', 'A4', 'A5', 'A6'))
            as adoptive_carer_since,
        min(e.start_date) filter (where e.legal_status = 'E1') as placement_order_date
    from adopted_periods as p
    join episodes as e using (la_code, child_id, period_no)
    group by p.la_code, p.child_id, p.period_end, p.period_start
),

final as (
    select
        f.la_code,
        f.child_id,
        f.adoption_date,
        f.entered_care,
        f.placed_date,
        case
            when coalesce(a.adopted_by_foster_carer, 0) = 1 or f.first_adoptive_placement in ('A3', 'A5')
                then coalesce(f.adoptive_carer_since, f.placed_date)
            else f.placed_date
        end as moved_in_date,
        f.placement_order_date,
        a.match_date
    from period_facts as f
    left join ad1 as a using (la_code, child_id)
)

select * from final
