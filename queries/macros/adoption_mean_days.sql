-- Macro adoption_mean_days(from_date, to_date): every figure column of an adoption timeliness indicator,
-- the mean days from one date of int_cla__adoptions to another, for the children adopted in the 12 months
-- to each month end and in its calendar month alone. A table macro:
-- `select * from adoption_mean_days(entered_care, moved_in_date)` in a view; the arguments are two date
-- columns of int_cla__adoptions. Shared by adoption_entry_to_placed_days and adoption_po_to_match_days.
-- Reads: int_cla__adoptions, int_cla__month_ends
-- Rules: only children adopted with both dates count. Means cannot be summed month by month, so each
-- month end is matched with the adoptions of its window (a range join: adoption_date from period_start
-- to period_end); the month alone is the adoptions of the window's last month (adoption_date on or after
-- month_start). numerator = total days (to_date - from_date), denominator = children adopted, value =
-- their mean per mean_of / month_mean_of (no adoptions: null 'no cases'); outside the loaded SSDA903
-- history, per history_gap on cla_flow_history / cla_month_history and the calendar's cla_gap_note.
-- Output, in this order: la_code, period_start, period_end, breakdown and breakdown_value ('all' only),
-- numerator, denominator, value, value_note, month_numerator, month_denominator, month_value,
-- month_value_note.
create or replace macro adoption_mean_days(from_date, to_date) as table
    with adoptions as (
        select *, date_diff('day', from_date, to_date) as days
        from int_cla__adoptions
        where from_date is not null and to_date is not null
    ),

    calendar as (
        select * from int_cla__month_ends
    ),

    per_period as (
        select
            c.la_code,
            c.period_end,
            count(a.child_id) as n_adopted,
            -- the calendar month alone: the adoptions of the window's last month
            count(a.child_id) filter (where a.adoption_date >= c.month_start) as m_adopted,
            sum(a.days) as total_days,
            sum(a.days) filter (where a.adoption_date >= c.month_start) as m_total_days
        from calendar as c
        left join adoptions as a
            on c.la_code = a.la_code and a.adoption_date between c.period_start and c.period_end
        group by c.la_code, c.period_end
    )

    select
        la_code,
        period_start,
        period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        unnest(mean_of(total_days, n_adopted, history_gap(cla_flow_history, cla_gap_note))),
        -- the calendar month alone (the single-month figure SPC judges)
        unnest(month_mean_of(m_total_days, m_adopted, history_gap(cla_month_history, cla_gap_note)))
    from calendar
    join per_period using (la_code, period_end)
