-- Grain: one row per LA, period end and breakdown value (la_code, period_end, breakdown, breakdown_value)
-- with the DfE workforce formulas applied to int_workforce__components, and nothing else.
-- Reads: int_workforce__components (only: tests run this same file over the DfE's published components).
-- Rules [C: CSWW methodology]:
--   turnover_rate = leavers FTE / in-post FTE x 100; vacancy_rate = vacancy FTE / (vacancy FTE + in-post
--   FTE) x 100; agency_rate = agency FTE / (agency FTE + in-post FTE) x 100; caseload = cases /
--   case-holders' FTE; absence_rate = working days lost / (in-post FTE x working days in the year) x 100;
--   sickness_days_per_fte = working days lost / in-post FTE [D]; establishment_fte = in-post + vacancy
--   FTE [L]; asye_rate = ASYE headcount / headcount x 100 [L]. Unrounded; a zero or missing denominator
--   gives null. Flow-based rates are null while flows_complete is false.
--   Every components column is carried through unchanged, so the single-month components (m_*,
--   month_flows_complete, month_working_days) reach the flow views, which apply these same formulas to the
--   calendar month: this file names none of them because the DfE's published components, which the tests
--   run it over, have no months.
with components as (
    select * from int_workforce__components
),

final as (
    select
        *,
        inpost_fte + vacancy_fte as establishment_fte,
        case when flows_complete and inpost_fte > 0 then 100.0 * leavers_fte / inpost_fte end as turnover_rate,
        case when vacancy_fte + inpost_fte > 0 then 100.0 * vacancy_fte / (vacancy_fte + inpost_fte) end
            as vacancy_rate,
        case when agency_fte + inpost_fte > 0 then 100.0 * agency_fte / (agency_fte + inpost_fte) end
            as agency_rate,
        case when case_holders_fte > 0 then cases / case_holders_fte end as caseload,
        case when flows_complete and inpost_fte > 0 then working_days_lost / inpost_fte end as sickness_days_per_fte,
        case when flows_complete and inpost_fte > 0
            then 100.0 * working_days_lost / (inpost_fte * working_days_in_year) end as absence_rate,
        case when headcount > 0 then 100.0 * asye_headcount / headcount end as asye_rate
    from components
)

select * from final
