-- wf_sickness_days_per_fte
-- Grain: one row per LA, period end and breakdown value ('all', or 'team' from the monthly extract); see source.
-- Reads: int_workforce__rates
-- Rules:
--   [D] Working days lost to sickness in the 12 months to period_end / employed FTE at period_end.
--   Source (int_workforce__components): the local monthly extract (team ALL rows = 'all', team rows = 'team') at every month end it covers; the CSWW census at 30 September only where no monthly ALL row exists. `source` says which.
--   Flows are summed over the 12 months to period_end; with fewer than 12 monthly rows: null 'insufficient history'.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate: the flows of that month's own monthly-extract row (m_* of int_workforce__components, carried through int_workforce__rates), over the employed FTE at period_end: int_workforce__rates' sickness formula applied to the month.
--   A month needs only its own monthly row, so it has a figure from the extract's first month. A census-only row (source 'csww') has no month: null, month_value_note 'no monthly figure: census only'. A missing month figure or zero FTE gives 'no cases', as for the 12 months.
--   Figures: wf_figure_of and wf_month_figure_of (queries/macros) apply these rules; history_gap gives the 12-month history reason.
--   Sum check: the twelve month_numerators of a window add up to its numerator; the month_values do not add up to the 12-month value, because each month divides by its own month-end FTE.
with source as (
    select * from int_workforce__rates
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        unnest(wf_figure_of(working_days_lost, inpost_fte, sickness_days_per_fte, history_gap(flows_complete, null))),
        -- the calendar month alone (the single-month figure SPC judges): the sickness formula applied to the month
        unnest(wf_month_figure_of(
            m_working_days_lost,
            inpost_fte,
            case when inpost_fte > 0 then m_working_days_lost / inpost_fte end,
            month_flows_complete
        )),
        source
    from source
)

select * from final
