-- Grain: one row per record a children-in-care flow of the 12 months to period_end counts, for every LA
-- (the month end's window: int_cla__month_ends period_start .. period_end). The records are of five kinds,
-- named in `record`, each adding only to its own n_* columns (the others are 0):
--   'Care start'         a child whose first period of care in the window started in it (n_starts,
--                        n_starts_uasc);
--   'Left care'          a child whose last period of care ending in the window ended in it (n_ceased,
--                        n_ceased_adoption, n_ceased_sgo, n_adoptions);
--   'In care in year'    a child looked after at any time in the window (n_cla_in_year,
--                        n_missing_children, n_away_children, n_missing_incidents);
--   'New placement'      a placement starting in the window (n_new_placements, n_new_placements_over_20,
--                        n_new_placements_outside);
--   'Review'             a review held in the window, other than PN0 (n_reviews_counted,
--                        n_reviews_participated).
-- Reads: int_cla__month_ends, int_cla__episodes, int_cla__placements, stg_ssda903__missing,
-- stg_ssda903__reviews, int_children__attributes, cla_child_groups (queries/macros: stg_ssda903__header,
-- stg_ssda903__uasc, int_children__attributes), to_uasc_group, to_placement_group.
-- Rules: the facts and rules of int_cla__flows_rolling, over the one window of period_end, so that for each
-- LA the sum of each n_* over the rows is the aggregate's n_* at (period_end, 'all') and over the rows
-- with by_<b> = v its (b, v) row:
--   Periods of care are the distinct (child, period_no) of int_cla__episodes (short breaks dropped, R6).
--   Care start (R5): the child's earliest period_start in the window (start_date; periods_started: how many
--   began in it); n_starts_uasc: UASC on that date (cla_child_groups, uasc.csv DUC blank or after it;
--   uasc: Yes / No, on Care start rows only).
--   Left care (R5): the latest period_end in the window (ceased_date) and that period's reason
--   (reason_ceased; reason_ceased_in_words: the code's meaning, data_layouts 1.2.6): n_ceased_adoption
--   E11/E12, n_ceased_sgo E45-E48; n_adoptions: any period of the child ended E11/E12 in the window
--   (adoption_date: the latest such end).
--   In care in year: a period overlapping the window (in_care_from: the earliest such period_start;
--   care_ended: the latest period_end, null while a period is still open). n_missing_children /
--   n_away_children: a stg_ssda903__missing 'M' / 'A' episode overlapping the window (one open on its
--   first day counts, whether or not the child was in care on that day, as the aggregate);
--   n_missing_incidents: how many 'M' episodes (missing_episodes; last_missing_start: the latest start).
--   New placement (R8): int_cla__placements with start_date in the window, each counted;
--   n_new_placements_over_20: distance_miles > 20 (a distance not known stays in the denominator);
--   n_new_placements_outside: outside_la (not known counts as inside).
--   Review: stg_ssda903__reviews rows with review_date in the window and a review_code other than PN0 (a
--   review without a code is not counted, as the aggregate); n_reviews_participated: PN1-PN6.
--   Breakdowns (R9), as the aggregate: groups at the start date for starts, the end date for ceased, the
--   placement start for placements, the review date for reviews, period_end for in-year children;
--   by_placement_type only for new placements (to_placement_group), else null.
--   team, worker, locality: int_children__attributes, 'Not recorded' when the child is not in it.
--   The parameter is list_month_end, not period_end: DuckDB would put a macro parameter named like a
--   column in place of that column in the views the macro reads when they are not materialised.
create or replace macro children_cla_flows(list_month_end) as table
with episodes as (
    select * from int_cla__episodes
),

placements as (
    select * from int_cla__placements
),

missing as (
    select * from stg_ssda903__missing
),

reviews as (
    select * from stg_ssda903__reviews
),

attributes as (
    select * from int_children__attributes
),

windows as (
    -- the 12 months to the month end asked for, per LA (queries/macros/cla_month_window.sql)
    select * from cla_month_window(list_month_end)
),

periods as (
    select distinct e.la_code, e.child_id, e.period_no, e.period_start, e.period_end, e.period_reason_ceased
    from episodes as e
),

starts as (
    select
        w.la_code, p.child_id,
        min(p.period_start) as start_date,
        count(*) as periods_started
    from windows as w
    join periods as p on w.la_code = p.la_code and p.period_start between w.window_start and w.window_end
    group by all
),

start_facts as (
    select
        la_code, child_id, 'Care start' as record, start_date as group_date,
        1 as n_starts,
        start_date, periods_started
    from starts
),

ceased_facts as (
    select
        w.la_code, p.child_id, 'Left care' as record, max(p.period_end) as group_date,
        1 as n_ceased,
        cast(arg_max(p.period_reason_ceased, p.period_end) in ('E11', 'E12') as integer) as n_ceased_adoption,
        cast(arg_max(p.period_reason_ceased, p.period_end) in ('E45', 'E46', 'E47', 'E48') as integer)
            as n_ceased_sgo,
        cast(bool_or(p.period_reason_ceased in ('E11', 'E12')) as integer) as n_adoptions,
        max(p.period_end) as ceased_date,
        arg_max(p.period_reason_ceased, p.period_end) as reason_ceased,
        max(p.period_end) filter (where p.period_reason_ceased in ('E11', 'E12')) as adoption_date
    from windows as w
    join periods as p on w.la_code = p.la_code and p.period_end between w.window_start and w.window_end
    group by w.la_code, p.child_id
),

in_year as (
    select
        w.la_code, w.window_start, w.window_end, p.child_id,
        min(p.period_start) as in_care_from,
        case when bool_or(p.period_end is null) then null else max(p.period_end) end as care_ended
    from windows as w
    join periods as p
        on w.la_code = p.la_code and p.period_start <= w.window_end
        and coalesce(p.period_end, date '9999-12-31') >= w.window_start
    group by all
),

missing_in_year as (
    select
        i.la_code, i.child_id,
        count(*) filter (where m.missing_type = 'M') as missing_episodes,
        count(*) filter (where m.missing_type = 'A') as away_episodes,
        max(m.start_date) filter (where m.missing_type = 'M') as last_missing_start,
        max(m.start_date) filter (where m.missing_type = 'A') as last_away_start
    from in_year as i
    join missing as m
        on i.la_code = m.la_code and i.child_id = m.child_id and m.start_date <= i.window_end
        and coalesce(m.end_date, date '9999-12-31') >= i.window_start
    group by all
),

in_year_facts as (
    select
        i.la_code, i.child_id, 'In care in year' as record, i.window_end as group_date,
        1 as n_cla_in_year,
        cast(coalesce(m.missing_episodes, 0) > 0 as integer) as n_missing_children,
        cast(coalesce(m.away_episodes, 0) > 0 as integer) as n_away_children,
        coalesce(m.missing_episodes, 0) as n_missing_incidents,
        i.in_care_from, i.care_ended,
        coalesce(m.missing_episodes, 0) as missing_episodes,
        m.last_missing_start,
        coalesce(m.away_episodes, 0) as away_episodes,
        m.last_away_start
    from in_year as i
    left join missing_in_year as m using (la_code, child_id)
),

placement_facts as (
    select
        p.la_code, p.child_id, 'New placement' as record, p.start_date as group_date,
        to_placement_group(p.placement_type) as placement_group,
        1 as n_new_placements,
        cast(coalesce(p.distance_miles > 20, false) as integer) as n_new_placements_over_20,
        cast(coalesce(p.outside_la, false) as integer) as n_new_placements_outside,
        p.start_date as placement_start,
        p.placement_type,
        round(p.distance_miles, 1) as distance_miles,
        case
            when p.distance_miles is null then 'an unknown distance'
            else cast(round(p.distance_miles, 1) as varchar) || ' miles'
        end as distance_from_home,
        case
            when p.outside_la then 'outside the council''s area'
            when not p.outside_la then 'inside the council''s area'
            else 'area not known'
        end as placement_area
    from windows as w
    join placements as p on w.la_code = p.la_code and p.start_date between w.window_start and w.window_end
),

review_facts as (
    select
        r.la_code, r.child_id, 'Review' as record, r.review_date as group_date,
        1 as n_reviews_counted,
        cast(r.review_code in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6') as integer) as n_reviews_participated,
        r.review_date,
        r.review_code,
        case r.review_code
            when 'PN1' then 'attended and spoke for themselves'
            when 'PN2' then 'attended, an advocate spoke for them'
            when 'PN3' then 'attended and gave their views non-verbally'
            when 'PN4' then 'attended but did not contribute'
            when 'PN5' then 'did not attend but briefed an advocate'
            when 'PN6' then 'did not attend but gave their views another way (letter, text, video)'
            when 'PN7' then 'did not attend and their views were not given'
            else 'participation code ' || r.review_code
        end as participation
    from windows as w
    join reviews as r on w.la_code = r.la_code and r.review_date between w.window_start and w.window_end
    where r.review_code <> 'PN0'
),

facts as (
    select * from start_facts
    union all by name
    select * from ceased_facts
    union all by name
    select * from in_year_facts
    union all by name
    select * from placement_facts
    union all by name
    select * from review_facts
),

described as (
    -- the child's groups at the fact's date: cla_child_groups (queries/macros), as the aggregate
    select * from cla_child_groups(facts)
),

final as (
    select
        d.la_code,
        d.child_id,
        d.record,
        coalesce(a.team, 'Not recorded') as team,
        coalesce(a.worker, 'Not recorded') as worker,
        coalesce(a.locality, 'Not recorded') as locality,
        d.age_band as by_age_band,
        d.sex_group as by_sex,
        d.ethnicity_group as by_ethnicity,
        to_uasc_group(d.is_uasc) as by_uasc,
        d.disability_group as by_disability,
        d.placement_group as by_placement_type,
        d.locality as by_locality,
        cast(coalesce(d.n_starts, 0) as integer) as n_starts,
        cast(coalesce(d.n_starts, 0) = 1 and d.is_uasc as integer) as n_starts_uasc,
        cast(coalesce(d.n_ceased, 0) as integer) as n_ceased,
        cast(coalesce(d.n_ceased_adoption, 0) as integer) as n_ceased_adoption,
        cast(coalesce(d.n_ceased_sgo, 0) as integer) as n_ceased_sgo,
        cast(coalesce(d.n_adoptions, 0) as integer) as n_adoptions,
        cast(coalesce(d.n_cla_in_year, 0) as integer) as n_cla_in_year,
        cast(coalesce(d.n_missing_children, 0) as integer) as n_missing_children,
        cast(coalesce(d.n_away_children, 0) as integer) as n_away_children,
        cast(coalesce(d.n_missing_incidents, 0) as integer) as n_missing_incidents,
        cast(coalesce(d.n_new_placements, 0) as integer) as n_new_placements,
        cast(coalesce(d.n_new_placements_over_20, 0) as integer) as n_new_placements_over_20,
        cast(coalesce(d.n_new_placements_outside, 0) as integer) as n_new_placements_outside,
        cast(coalesce(d.n_reviews_counted, 0) as integer) as n_reviews_counted,
        cast(coalesce(d.n_reviews_participated, 0) as integer) as n_reviews_participated,
        d.start_date,
        cast(d.periods_started as integer) as periods_started,
        case when d.record = 'Care start' then case when d.is_uasc then 'Yes' else 'No' end end as uasc,
        d.ceased_date,
        d.reason_ceased,
        case when d.record <> 'Left care' then null else case d.reason_ceased
            when 'E11' then 'adopted (application unopposed)'
            when 'E12' then 'adopted (consent dispensed with by the court)'
            when 'E2' then 'died'
            when 'E3' then 'care taken over by another LA'
            when 'E4A' then 'returned home as part of the care plan'
            when 'E4B' then 'returned home, not part of the care plan'
            when 'E13' then 'left to live with parents, relatives or others without parental responsibility'
            when 'E41' then 'residence or child arrangements order'
            when 'E45' then 'special guardianship order to former foster carers (relatives or friends)'
            when 'E46' then 'special guardianship order to former foster carers'
            when 'E47' then 'special guardianship order to other carers (relatives or friends)'
            when 'E48' then 'special guardianship order to other carers'
            when 'E5' then 'independent living with formal support'
            when 'E6' then 'independent living without formal support'
            when 'E7' then 'residential care funded by adult social care'
            when 'E9' then 'sentenced to custody'
            when 'E14' then 'accommodation on remand ended'
            when 'E15' then 'age assessment found the child to be 18 or over'
            when 'E16' then 'moved abroad'
            when 'E17' then 'aged 18 or over and stayed with their carers'
            when 'E8' then 'another reason'
            else coalesce('reason code ' || d.reason_ceased, 'reason not recorded')
        end end as reason_ceased_in_words,
        d.adoption_date,
        d.in_care_from,
        d.care_ended,
        cast(d.missing_episodes as integer) as missing_episodes,
        d.last_missing_start,
        cast(d.away_episodes as integer) as away_episodes,
        d.last_away_start,
        d.placement_start,
        d.placement_type,
        d.distance_miles,
        d.distance_from_home,
        d.placement_area,
        d.review_date,
        d.review_code,
        d.participation
    from described as d
    left join attributes as a on d.la_code = a.la_code and d.child_id = a.child_id
)

select * from final
