-- Grain: one row per LA, month end and team (la_code, month_end, team); team 'ALL' is the LA total.
-- Reads: workforce_monthly (raw, local layout docs/workforce_monthly_layout.md) [L].
-- Rules: renamed only; month_end normalised to the last day of its month.
with source as (
    select * from workforce_monthly
),

final as (
    select
        la_code,
        last_day(month_end) as month_end,
        trim(team) as team,
        establishment_fte,
        employed_fte,
        agency_fte,
        vacancy_fte,
        starters_fte,
        leavers_fte,
        sickness_days,
        case_holders_fte,
        cases,
        asye_headcount
    from source
)

select * from final
