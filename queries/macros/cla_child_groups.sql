-- Macro cla_child_groups(facts): a looked-after child's breakdown groups at a date, added to each row of
-- facts. A table macro: `select * from cla_child_groups(dated)` in a view. The one definition of the
-- children-in-care breakdowns of a fact (a start, a missing episode, a review due ...), shared by
-- int_cla__iha_starts, int_cla__rhi_episodes, int_cla__flows_rolling and int_cla__reviews_rolling.
-- Reads: its argument (a CTE of the calling view), stg_ssda903__header, stg_ssda903__uasc,
-- int_children__attributes.
-- Rules: `facts` has la_code, child_id and group_date (the date the groups are judged at). age_band (R9:
-- completed years at group_date from the SSDA903 birth date); sex and ethnicity groups of the SSDA903
-- header; is_uasc: the child has a UASC record not ceased on or before group_date (else false);
-- disability_group and locality from int_children__attributes, else 'Not recorded'.
-- Output, in this order: every column of `facts` but group_date, age_band, sex_group, ethnicity_group,
-- is_uasc, disability_group, locality.
create or replace macro cla_child_groups(facts) as table
    select
        f.* exclude (group_date),
        to_age_band(date_sub('year', h.birth_date, f.group_date)) as age_band,
        to_sex_group(h.sex) as sex_group,
        to_ethnicity_group(h.ethnicity) as ethnicity_group,
        coalesce(
            u.child_id is not null and (u.uasc_ceased_date is null or u.uasc_ceased_date > f.group_date), false
        ) as is_uasc,
        coalesce(a.disability_group, 'Not recorded') as disability_group,
        coalesce(a.locality, 'Not recorded') as locality
    from query_table(facts) as f
    left join stg_ssda903__header as h using (la_code, child_id)
    left join stg_ssda903__uasc as u using (la_code, child_id)
    left join int_children__attributes as a using (la_code, child_id)
