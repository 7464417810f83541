-- Grain: one row per LA, month end and breakdown value (la_code, period_end, breakdown, breakdown_value)
-- with every flow measure summed over the 12 months to period_end (n_*) and for the calendar month of
-- period_end alone (m_*: the single-month figures SPC judges). Materialise: table.
-- Reads: int_flows__events, int_calendar__month_ends.
-- Rules:
--   Rolling 12 months (R2): an event in month m counts for the month ends m .. m + 11 months, so the March
--   row is the DfE year to 31 March. Computed as monthly totals (one grouping-sets pass for 'all' and
--   every breakdown) joined to the calendar by range (each monthly total meets 12 month ends), not
--   per-month subqueries.
--   The contact family (n_contacts* measures) and the CIN family are counted apart, each with its own
--   measures only, so a month and group can have two monthly rows; the 12-month sums add them.
--   Every calendar month has an 'all' row (zeros when nothing happened); a breakdown row exists when the
--   window has at least one event of any kind in that group.
--   n_s47s_outcome_known (s47_to_icpc_pct): enquiries of earlier months in the window all count as known;
--   those of the period_end month count only if known by its end (int_cin__s47s); m_s47s_outcome_known,
--   the month alone, is those known by its end.
--   m_* is the same monthly total the 12-month sum adds up: the twelve m_* of a window sum to its n_*.
--   The calendar's history flags, coverage notes and population are carried along for the indicator views.
--   Shared: the rows per breakdown value come from the macro breakdown_rows (queries/macros).
with events as not materialized (
    -- read by both families: DuckDB would otherwise store every event (32.6 million wide rows at 150
    -- authorities, spilled to disk) before counting; inlined, each family's filter prunes the other's
    -- branches of int_flows__events. Each breakdown is a by_ column that breakdown_rows turns into
    -- breakdown / breakdown_value rows.
    select
        la_code,
        last_day(event_date) as month_end,
        event in ('Contact', 'Contact decision') as is_contact_family,
        'all' as by_all, age_band as by_age_band, sex_group as by_sex, ethnicity_group as by_ethnicity,
        disability_group as by_disability, source_group as by_referral_source, locality as by_locality,
        columns('^n_')
    from int_flows__events
),

calendar as (
    select * from int_calendar__month_ends
),

contact_monthly as (
    -- one pass with grouping sets: the 'all' total and one set per breakdown (no row multiplication).
    -- The contact family (contacts and their decisions: the n_contacts* measures) and the CIN family are
    -- counted apart, each with only its own measures: every measure of the other family is null on these
    -- rows, and counting 28 measures over every event took 40% longer at 150 authorities.
    -- The 0/1 measures are counted, not summed: DuckDB sums integers into a 128-bit accumulator, which
    -- costs twice as much over tens of millions of events.
    select la_code, month_end, columns('^by_'), count(nullif(columns('^n_contacts'), 0))
    from events
    where is_contact_family
    group by la_code, month_end, grouping sets (
        (by_all), (by_age_band), (by_sex), (by_ethnicity), (by_disability), (by_referral_source),
        (by_locality)
    )
),

cin_monthly as (
    select
        la_code, month_end, columns('^by_'),
        count(nullif(columns(lambda c: starts_with(c, 'n_') and not starts_with(c, 'n_contacts')), 0))
    from events
    where not is_contact_family
    group by la_code, month_end, grouping sets (
        (by_all), (by_age_band), (by_sex), (by_ethnicity), (by_disability), (by_referral_source),
        (by_locality)
    )
),

monthly as (
    -- a month and group with events of one family only has the other family's measures null (= 0)
    select * from contact_monthly
    union all by name
    select * from cin_monthly
),

monthly_with_empty_months as (
    select * from breakdown_rows(monthly)
    union all by name
    select la_code, period_end as month_end, 'all' as breakdown, 'all' as breakdown_value
    from calendar
),

rolled as (
    select
        c.la_code,
        c.period_end,
        m.breakdown,
        m.breakdown_value,
        cast(sum(coalesce(columns('^n_'), 0)) as bigint),
        cast(sum(case when m.month_end = c.period_end then coalesce(m.n_s47s_outcome_known_own, 0)
            else coalesce(m.n_s47s, 0) end) as bigint) as n_s47s_outcome_known,
        -- the calendar month alone: the monthly total of period_end's own month
        cast(sum(case when m.month_end = c.period_end then coalesce(columns('^n_(.*)'), 0) else 0 end) as bigint)
            as 'm_\1',
        cast(sum(case when m.month_end = c.period_end then coalesce(m.n_s47s_outcome_known_own, 0) else 0 end)
            as bigint) as m_s47s_outcome_known
    from calendar as c
    join monthly_with_empty_months as m
        on c.la_code = m.la_code and m.month_end between c.first_month_end and c.period_end
    group by c.la_code, c.period_end, m.breakdown, m.breakdown_value
),

final as (
    select
        c.la_code,
        c.period_start,
        c.period_end,
        r.breakdown,
        r.breakdown_value,
        r.* exclude (la_code, period_end, breakdown, breakdown_value),
        c.cin_flow_history,
        c.cin_prior_year_history,
        c.contacts_flow_history,
        c.cin_month_history,
        c.cin_month_prior_year_history,
        c.contacts_month_history,
        c.cin_gap_note,
        c.contacts_gap_note,
        c.population_year,
        c.population
    from rolled as r
    join calendar as c using (la_code, period_end)
)

select * from final
