-- adoption_po_to_match_days
-- Grain: one row per LA and month end (breakdown 'all' only); children adopted in the 12 months to period_end.
-- Reads: int_cla__adoptions, int_cla__month_ends
-- Rules:
--   Mean days from the placement order (first E1 episode of the period) to the match with the adopters
--   (AD1 DATE_MATCH) for children adopted in the 12 months [U: scorecard A2 definition].
--   Means cannot be summed month by month, so each month end is matched with the adoptions of its window
--   (a range join). numerator = total days, denominator = children adopted with both dates.
--   History: the window must lie inside the loaded SSDA903 history (R10); no adoptions: null 'no cases'.
--   Outside what the loaded SSDA903 returns cover: null with the calendar's 'no SSDA903 return covers this month'.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the
--   calendar month of period_end alone (the mean over the children adopted in the month), from the same
--   range join. Total days and children adopted add up: the twelve months of a window sum to its numerator
--   and denominator; the mean does not (a mean of means is not the year's mean).
with adoptions as (
    select * from int_cla__adoptions
    where placement_order_date is not null and match_date is not null
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
        sum(date_diff('day', a.placement_order_date, a.match_date)) as total_days,
        sum(date_diff('day', a.placement_order_date, a.match_date)) filter (where a.adoption_date >= c.month_start)
            as m_total_days
    from calendar as c
    left join adoptions as a on c.la_code = a.la_code and a.adoption_date between c.period_start and c.period_end
    group by c.la_code, c.period_end
),

final as (
    select
        c.la_code,
        c.period_start,
        c.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        case when c.cla_flow_history then p.total_days end as numerator,
        case when c.cla_flow_history then p.n_adopted end as denominator,
        case when c.cla_flow_history and p.n_adopted > 0 then 1.0 * p.total_days / p.n_adopted end as value,
        case
            when not c.cla_flow_history then coalesce(c.cla_gap_note, 'insufficient history')
            when p.n_adopted = 0 then 'no cases'
        end as value_note,
        -- the calendar month alone (the single-month figure SPC judges)
        case when c.cla_month_history then p.m_total_days end as month_numerator,
        case when c.cla_month_history then p.m_adopted end as month_denominator,
        case when c.cla_month_history and p.m_adopted > 0 then 1.0 * p.m_total_days / p.m_adopted end
            as month_value,
        case
            when not c.cla_month_history then coalesce(c.cla_gap_note, 'insufficient history')
            when p.m_adopted = 0 then 'no cases'
        end as month_value_note
    from calendar as c
    join per_period as p using (la_code, period_end)
)

select * from final
