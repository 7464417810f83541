-- wf_starters_fte
-- Grain: one row per LA, period end and breakdown value ('all', or 'team' from the monthly extract); see source.
-- Reads: int_workforce__rates
-- Rules:
--   [C] FTE of employed social workers starting in the 12 months to period_end.
--   Source (int_workforce__components): the local monthly extract (team ALL rows = 'all', team rows = 'team') at every month end it covers; the CSWW census at 30 September only where no monthly ALL row exists. `source` says which.
--   Flows are summed over the 12 months to period_end; with fewer than 12 monthly rows: null 'insufficient history'.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate: the flows of that month's own monthly-extract row (m_* of int_workforce__components, carried through int_workforce__rates).
--   A month needs only its own monthly row, so it has a figure from the extract's first month. A census-only row (source 'csww') has no month: null, month_value_note 'no monthly figure: census only'. A missing month figure gives 'no cases', as for the 12 months.
--   Sum check: the twelve month_numerators of a window add up to its numerator.
with source as (
    select * from int_workforce__rates
),

months as (
    -- the calendar month alone (the single-month figure SPC judges)
    select
        *,
        case when month_flows_complete then m_starters_fte end as month_starters_fte
    from source
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        case when flows_complete then starters_fte end as numerator,
        case when flows_complete then cast(null as double) end as denominator,
        case when flows_complete then starters_fte end as value,
        case
            when not flows_complete then 'insufficient history'
            when starters_fte is null then 'no cases'
        end as value_note,
        case when month_flows_complete then m_starters_fte end as month_numerator,
        case when month_flows_complete then cast(null as double) end as month_denominator,
        month_starters_fte as month_value,
        case
            when not month_flows_complete then 'no monthly figure: census only'
            when month_starters_fte is null then 'no cases'
        end as month_value_note,
        source
    from months
)

select * from final
