-- Grain: one row per LA and care leaver receiving a service on the Annex A list 9 snapshot that the month
-- end list_month_end uses (la_code, child_id), with what the list 9 measures count about them. (The
-- argument is not called period_end: DuckDB would bind a macro parameter of that name into the views this
-- macro reads, whose own period_end columns then clash.)
-- Reads: int_annexa__care_leaver_snapshots, int_annexa__snapshot_months, annexa_care_leavers (raw, for
-- the list's own in-touch, accommodation, suitability and personal adviser fields), int_children__attributes.
-- Rules: the rows and flags are int_annexa__care_leavers_monthly's, from the same snapshot rows:
--   Row: every row of int_annexa__care_leaver_snapshots at the month end (the latest list 9 snapshot dated
--   in the month, a young person listed twice once); a month without a snapshot has no rows.
--   n_care_leavers: 1 for every row (cl_count, and the denominator of cl_pathway_plan_in_date_pct);
--   n_pathway_in_date: latest pathway plan review 0-183 days before the snapshot date; n_18_plus: aged 18+
--   at the snapshot date (R9; an unknown age is not); n_18_plus_with_pa: of those, a personal adviser
--   recorded; n_unsuitable: suitability not_suitable; n_in_bnb: accommodation W.
--   by_age_band, by_sex, by_ethnicity, by_uasc, by_eligibility, by_locality: the aggregate's groups.
--   Detail: the list's fields as loaded (accommodation letter with its meaning, suitability, in touch,
--   latest contact, personal adviser), read from the same raw row the snapshot kept: snapshot_rows, the
--   shared macro, over the same snapshot, so a child listed twice gets the same (last) row.
--   pathway_plan_status says in words where the review date falls (183 days = 6 months, as the rule).
--   x_unsuitable_accommodation: suitability not_suitable (= n_unsuitable; B&B recorded as suitable is
--   not flagged). x_not_in_touch: the list's "LA in Touch" field is b) Not in touch (in_touch
--   not_in_touch; older templates' NO and REFU load as it); c) Not recorded, d) Exclude and a blank are
--   not flagged (not known is not the same as not in touch). x_pathway_plan_out_of_date: in the pathway
--   plan denominator (every row) but not in date: no review, over 183 days before, or dated after the
--   snapshot.
create or replace macro children_care_leavers_monthly(list_month_end) as table
with leavers as (
    select * from int_annexa__care_leaver_snapshots
),

snapshot_months as (
    select * from int_annexa__snapshot_months
),

listed as (
    select * from annexa_care_leavers
),

attributes as (
    select * from int_children__attributes
),

month_snapshot as (
    select m.la_code, m.period_end, m.list9_snapshot_date as snapshot_date
    from snapshot_months as m
    where m.period_end = cast(list_month_end as date) and m.list9_snapshot_date is not null
),

snapshot_fields as (
    -- the raw row each child's snapshot row came from (the same macro, the same snapshot)
    select * from snapshot_rows(month_snapshot, listed)
),

on_snapshot as (
    select *
    from leavers as s
    where s.period_end = cast(list_month_end as date)
),

joined as (
    select
        s.*,
        s.snapshot_date - s.latest_pathway_plan_review as review_days,
        upper(nullif(trim(f.accommodation), '')) as accommodation_code,
        nullif(lower(trim(f.suitability)), '') as suitability_code,
        nullif(lower(trim(f.in_touch)), '') as in_touch_code,
        f.latest_contact_date,
        nullif(trim(f.allocated_pa), '') as allocated_pa
    from on_snapshot as s
    left join snapshot_fields as f on s.la_code = f.la_code and s.child_id = f.child_id
),

final as (
    select
        j.la_code,
        j.child_id,
        'Care leaver' as record,
        coalesce(a.team, 'Not recorded') as team,
        coalesce(a.worker, 'Not recorded') as worker,
        coalesce(a.locality, 'Not recorded') as locality,
        j.age_band as by_age_band,
        j.sex_group as by_sex,
        j.ethnicity_group as by_ethnicity,
        to_uasc_group(j.is_uasc) as by_uasc,
        j.eligibility_group as by_eligibility,
        j.locality as by_locality,
        1 as n_care_leavers,
        cast(j.pathway_plan_in_date as integer) as n_pathway_in_date,
        cast(j.aged_18_plus as integer) as n_18_plus,
        cast(j.aged_18_plus and j.has_pa as integer) as n_18_plus_with_pa,
        cast(j.is_unsuitable as integer) as n_unsuitable,
        cast(j.in_bnb as integer) as n_in_bnb,
        j.snapshot_date,
        j.age_at_snapshot,
        j.eligibility_group as eligibility,
        coalesce(j.accommodation_code || ': ' || case left(j.accommodation_code, 1)
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
            else 'code not known'
        end, 'not recorded') as accommodation,
        coalesce(replace(j.suitability_code, '_', ' '), 'not recorded') as suitability,
        coalesce(replace(j.in_touch_code, '_', ' '), 'not recorded') as in_touch,
        j.latest_contact_date,
        j.latest_pathway_plan_review as pathway_plan_review_date,
        j.review_days as days_since_pathway_plan_review,
        case
            when j.latest_pathway_plan_review is null then 'no pathway plan review recorded'
            when j.review_days < 0 then 'the latest review is dated ' || strftime(j.latest_pathway_plan_review, '%Y-%m-%d')
                || ', ' || (-j.review_days) || ' days after the snapshot'
            when j.pathway_plan_in_date then 'last reviewed ' || strftime(j.latest_pathway_plan_review, '%Y-%m-%d')
                || ', ' || j.review_days || ' days before the snapshot (183 or fewer)'
            else 'last reviewed ' || strftime(j.latest_pathway_plan_review, '%Y-%m-%d')
                || ', ' || j.review_days || ' days before the snapshot (over 183: 6 months)'
        end as pathway_plan_status,
        coalesce(j.allocated_pa, 'none recorded') as personal_adviser,
        cast(j.is_unsuitable as integer) as x_unsuitable_accommodation,
        cast(coalesce(j.in_touch_code = 'not_in_touch', false) as integer) as x_not_in_touch,
        cast(not j.pathway_plan_in_date as integer) as x_pathway_plan_out_of_date
    from joined as j
    left join attributes as a on j.la_code = a.la_code and j.child_id = a.child_id
)

select * from final
