-- Grain: one row per missing episode of a child in care that has ended (la_code, child_id, mis_start),
-- with its return home interview (RHI) and the child's breakdown groups.
-- Reads: stg_ssda903__missing, int_cla__episodes, local_rhi (raw), stg_ssda903__header, stg_ssda903__uasc,
-- int_children__attributes.
-- Rules [L; the RHI is a local field: rhi.csv, one row per missing episode with RHI data]:
--   Missing episodes: SSDA903 MISSING = 'M' only (away 'A' is not an RHI trigger here) with a MIS_END
--   (an episode still open has not ended). An episode repeated in two annual returns counts once (the
--   row with MIS_END). Short breaks (R6): the child must be looked after, not on a short break, when
--   the episode began (an int_cla__episodes episode, V3/V4 already dropped, with DECOM <= MIS_START and
--   DEC blank or on or after MIS_START).
--   The RHI row is matched on (child, MIS_START). rhi_offered: an offered date, or a completed date (a
--   completed interview was offered); no RHI row = not offered. rhi_accepted: offered and RHI Accepted =
--   Y. rhi_completed_72h: completed within 72 hours of the return. Both fields are dates, so 72 hours is
--   read as 3 calendar days: completed on MIS_END + 0 to 3 days counts (the day of return is day 0, so
--   "exactly 72 h" = MIS_END + 3 days), MIS_END + 4 days ("73 h" or more) does not; a completion dated
--   before MIS_END is a data error and does not count.
--   Groups at the return date MIS_END (R9): age band (Under 1, 1-4, 5-9, 10-15, 16 and over), sex,
--   ethnicity, UASC (uasc.csv, DUC blank or after MIS_END), disability and locality (int_children__attributes).
--   The child's breakdown groups (stg_ssda903__header, stg_ssda903__uasc and int_children__attributes are
--   read through it): cla_child_groups (queries/macros).
with missing as (
    select * from stg_ssda903__missing
    where missing_type = 'M' and end_date is not null
    qualify row_number() over (partition by la_code, child_id, start_date order by end_date desc) = 1
),

episodes as (
    select * from int_cla__episodes
),

rhi as (
    select * from local_rhi
    qualify row_number() over (
        partition by la_code, child_id, mis_start order by load_id desc nulls last, source_row desc nulls last
    ) = 1
),

in_care as (
    select m.*
    from missing as m
    where exists (
        select 1 from episodes as e
        where e.la_code = m.la_code and e.child_id = m.child_id and e.start_date <= m.start_date
            and (e.end_date is null or e.end_date >= m.start_date)
    )
),

with_rhi as (
    select
        m.la_code,
        m.child_id,
        m.start_date as mis_start,
        m.end_date as mis_end,
        r.rhi_offered_date,
        r.rhi_completed_date,
        coalesce(r.rhi_offered_date is not null or r.rhi_completed_date is not null, false) as rhi_offered,
        coalesce(r.rhi_completed_date between m.end_date and m.end_date + 3, false) as rhi_completed_72h,
        r.rhi_accepted
    from in_care as m
    left join rhi as r
        on m.la_code = r.la_code and m.child_id = r.child_id and m.start_date = r.mis_start
),

judged as (
    select
        w.la_code,
        w.child_id,
        w.mis_start,
        w.mis_end,
        w.rhi_offered_date,
        w.rhi_completed_date,
        w.rhi_offered,
        w.rhi_offered and coalesce(w.rhi_accepted, false) as rhi_accepted,
        w.rhi_completed_72h,
        w.mis_end as group_date
    from with_rhi as w
),

final as (
    -- the child's groups at the end of the missing episode: cla_child_groups (queries/macros)
    select * from cla_child_groups(judged)
)

select * from final
