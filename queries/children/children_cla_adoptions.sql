-- children_cla_adoptions(list_month_end): the adoptions behind adoption_entry_to_placed_days and
-- adoption_po_to_match_days (mean days, children adopted in the 12 months to period_end).
-- Grain: one row per LA and child adopted from care in the 12 months to period_end with the dates of at
-- least one of the two measures (la_code, child_id, adoption_date).
-- Reads: int_cla__adoptions, int_cla__month_ends, int_children__attributes.
-- Rules: the range join of the macro adoption_mean_days, one adoption at a time:
--   Window: adoption_date from the month end's period_start to period_end (int_cla__month_ends).
--   entry_to_placed: from entered_care to moved_in_date (A10, with the foster-carer adjustment of
--   int_cla__adoptions); n_entry_to_placed = 1 when both dates are known, entry_to_placed_days = the days
--   between them (0 otherwise). So sum(entry_to_placed_days) / sum(n_entry_to_placed) is the view's mean.
--   po_to_match: from placement_order_date (first E1 episode) to match_date (AD1 DATE_MATCH), likewise
--   n_po_to_match and po_to_match_days.
--   An adoption with neither pair of dates counts in neither figure and is not listed. A month end whose
--   figures are withheld (the window outside the loaded SSDA903 history, or a month no return covers:
--   history_gap on cla_flow_history) has no rows.
--   No breakdowns (the views give 'all' only). team, worker, locality: int_children__attributes, else
--   'Not recorded'.
--   The month end parameter is named list_month_end, not period_end: DuckDB puts a table macro's
--   parameter in place of same-named columns inside the views it reads (period_end in many).
create or replace macro children_cla_adoptions(list_month_end) as table
with asked as (
    select cast(list_month_end as date) as asked_end
),

adoptions as (
    select * from int_cla__adoptions
),

calendar as (
    select * from int_cla__month_ends
),

attributes as (
    select * from int_children__attributes
),

month_end as (
    -- the month end asked for, where its figures are not withheld (as the views' mean_of gap)
    select c.la_code, c.period_start, c.period_end as window_end
    from calendar as c
    join asked as q on c.period_end = q.asked_end
    where history_gap(c.cla_flow_history, c.cla_gap_note) is null
),

windowed as (
    select
        a.*,
        a.entered_care is not null and a.moved_in_date is not null as has_entry_to_placed,
        a.placement_order_date is not null and a.match_date is not null as has_po_to_match
    from month_end as m
    join adoptions as a on m.la_code = a.la_code and a.adoption_date between m.period_start and m.window_end
),

final as (
    select
        w.la_code,
        w.child_id,
        'Adoption' as record,
        coalesce(t.team, 'Not recorded') as team,
        coalesce(t.worker, 'Not recorded') as worker,
        coalesce(t.locality, 'Not recorded') as locality,
        w.entered_care,
        w.placed_date,
        w.moved_in_date,
        w.placement_order_date,
        w.match_date,
        w.adoption_date,
        cast(w.has_entry_to_placed as integer) as n_entry_to_placed,
        cast(case when w.has_entry_to_placed then date_diff('day', w.entered_care, w.moved_in_date) else 0 end
            as integer) as entry_to_placed_days,
        cast(w.has_po_to_match as integer) as n_po_to_match,
        cast(case when w.has_po_to_match then date_diff('day', w.placement_order_date, w.match_date) else 0 end
            as integer) as po_to_match_days
    from windowed as w
    left join attributes as t using (la_code, child_id)
    where w.has_entry_to_placed or w.has_po_to_match
)

select * from final
