-- wf_starters_fte
-- Grain: one row per LA, period end and breakdown value ('all', or 'team' from the monthly extract); see source.
-- Reads: int_workforce__rates
-- Rules:
--   [C] FTE of employed social workers starting in the 12 months to period_end.
--   Source (int_workforce__components): the local monthly extract (team ALL rows = 'all', team rows = 'team') at every month end it covers; the CSWW census at 30 September only where no monthly ALL row exists. `source` says which.
--   Flows are summed over the 12 months to period_end; with fewer than 12 monthly rows: null 'insufficient history'.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the calendar month of period_end alone, from the same intermediate: the flows of that month's own monthly-extract row (m_* of int_workforce__components, carried through int_workforce__rates).
--   A month needs only its own monthly row, so it has a figure from the extract's first month. A census-only row (source 'csww') has no month: null, month_value_note 'no monthly figure: census only'. A missing month figure gives 'no cases', as for the 12 months.
--   Figures: wf_fte_of and wf_month_fte_of (queries/macros) apply these rules; history_gap gives the 12-month history reason.
--   Sum check: the twelve month_numerators of a window add up to its numerator.
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
        unnest(wf_fte_of(starters_fte, history_gap(flows_complete, null))),
        -- the calendar month alone (the single-month figure SPC judges)
        unnest(wf_month_fte_of(m_starters_fte, month_flows_complete)),
        source
    from source
)

select * from final
