-- Data as at: what the page header says about the loaded data for one LA.
-- Grain: one row. Reads stg_load__coverage, the raw tables and the load log.
--   data_month_end  the last month end the loaded returns cover (SSDA903, CIN census, Annex A list 1:
--                   31 March for a full return, the as-at month for an in-year extract); for rows not
--                   written by the loader, the month end of the latest event date in the main extracts
--   last_load       when extracts were last loaded (the load log)
-- Parameters: $la_code.
with covered as (
    select max(last_month_end) as month_end
    from stg_load__coverage
    where la_code = $la_code and family in ('cla', 'cin', 'contacts')
),

event_dates as (
    select max(CINreferralDate) as event_date from cin_details where la_code = $la_code
    union all
    select max(DECOM) from ssda903_episodes where la_code = $la_code
    union all
    select max(contact_date) from annexa_contacts where la_code = $la_code
),

loaded as (
    select max(finished_at) as last_load from loads
),

final as (
    select
        coalesce((select month_end from covered), last_day(max(event_dates.event_date))) as data_month_end,
        (select last_load from loaded) as last_load
    from event_dates
)

select * from final
