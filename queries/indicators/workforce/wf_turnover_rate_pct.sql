-- wf_turnover_rate_pct
-- Grain: one row per LA, period end and breakdown value ('all', or 'team' from the monthly extract); see source.
-- Reads: int_workforce__rates
-- Rules:
--   [C] FTE of employed social workers leaving in the 12 months to period_end / employed FTE at period_end x 100.
--   Source (int_workforce__components): the local monthly extract (team ALL rows = 'all', team rows = 'team') at every month end it covers; the CSWW census at 30 September only where no monthly ALL row exists. `source` says which.
--   Flows are summed over the 12 months to period_end; with fewer than 12 monthly rows: null 'insufficient history'.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate: the flows of that month's own monthly-extract row (m_* of int_workforce__components, carried through int_workforce__rates), over the employed FTE at period_end, x 100: int_workforce__rates' turnover formula applied to the month.
--   A month needs only its own monthly row, so it has a figure from the extract's first month. A census-only row (source 'csww') has no month: null, month_value_note 'no monthly figure: census only'. A missing month figure or zero FTE gives 'no cases', as for the 12 months.
--   Sum check: the twelve month_numerators of a window add up to its numerator; the month_values do not add up to the 12-month value, because each month divides by its own month-end FTE.
with source as (
    select * from int_workforce__rates
),

months as (
    -- the calendar month alone (the single-month figure SPC judges)
    select
        *,
        case when month_flows_complete and inpost_fte > 0 then 100.0 * m_leavers_fte / inpost_fte end as month_turnover_rate
    from source
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        case when flows_complete then leavers_fte end as numerator,
        case when flows_complete then inpost_fte end as denominator,
        case when flows_complete then turnover_rate end as value,
        case
            when not flows_complete then 'insufficient history'
            when turnover_rate is null then 'no cases'
        end as value_note,
        case when month_flows_complete then m_leavers_fte end as month_numerator,
        case when month_flows_complete then inpost_fte end as month_denominator,
        month_turnover_rate as month_value,
        case
            when not month_flows_complete then 'no monthly figure: census only'
            when month_turnover_rate is null then 'no cases'
        end as month_value_note,
        source
    from months
)

select * from final
