-- wf_absence_rate_pct
-- Grain: one row per LA, period end and breakdown value ('all', or 'team' from the monthly extract); see source.
-- Reads: int_workforce__rates
-- Rules:
--   [C] Working days lost / (employed FTE x 253 working days; 254 when the year holds 29 February) x 100.
--   Source (int_workforce__components): the local monthly extract (team ALL rows = 'all', team rows = 'team') at every month end it covers; the CSWW census at 30 September only where no monthly ALL row exists. `source` says which.
--   Flows are summed over the 12 months to period_end; with fewer than 12 monthly rows: null 'insufficient history'.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate: the flows of that month's own monthly-extract row (m_* of int_workforce__components, carried through int_workforce__rates), over (employed FTE at period_end x the working days of that calendar month) x 100: int_workforce__rates' absence formula applied to the month.
--   The month's working days are counted, not derived from 253/254: Monday-Friday less England and Wales bank holidays (int_dates__working_days, as month_working_days of int_workforce__components), so a month's rate is comparable with the year's; the twelve months of a window need not total exactly 253/254 (April 2024 - March 2025 has 254).
--   A month needs only its own monthly row, so it has a figure from the extract's first month. A census-only row (source 'csww') has no month: null, month_value_note 'no monthly figure: census only'. A missing month figure or zero FTE gives 'no cases', as for the 12 months.
--   Figures: wf_figure_of and wf_month_figure_of (queries/macros) apply these rules; history_gap gives the 12-month history reason.
--   Sum check: the twelve month_numerators of a window add up to its numerator; the month_denominators and month_values do not, because each month has its own month-end FTE and working days and the 12-month denominator is the FTE at period_end x 253/254.
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
        unnest(wf_figure_of(working_days_lost, inpost_fte * working_days_in_year, absence_rate, history_gap(flows_complete, null))),
        -- the calendar month alone (the single-month figure SPC judges): the absence formula applied to the month
        unnest(wf_month_figure_of(
            m_working_days_lost,
            inpost_fte * month_working_days,
            case when inpost_fte > 0 and month_working_days > 0
                then 100.0 * m_working_days_lost / (inpost_fte * month_working_days) end,
            month_flows_complete
        )),
        source
    from source
)

select * from final
