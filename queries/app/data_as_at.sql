-- Data as at: what the page header says about the loaded data for one LA.
-- Grain: one row. Reads the raw tables and the load log.
--   data_month_end  the month end of the latest event date in the main extracts (referrals, episodes,
--                   contacts): the "as at" of every stock figure on the page
--   last_load       when extracts were last loaded (the load log)
-- Parameters: $la_code.
with event_dates as (
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
        last_day(max(event_dates.event_date)) as data_month_end,
        (select last_load from loaded) as last_load
    from event_dates
)

select * from final
