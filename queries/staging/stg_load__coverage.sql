-- Grain: one row per LA, source and period a loaded return covers (la_code, source, collection_year, or the
-- snapshot date of an Annex A list 8 or 9, or one row per local file source).
-- Reads: load_coverage (written by every load: cscdash.extracts.coverage).
-- Rules:
--   covers_to is the as-at date of the return (31 March for a full return, the extract date for an in-year
--   one); last_month_end is the last month end on or before it, the last month the return covers whole.
--   family groups the sources the calendars use: cla (SSDA903), cin (CIN census), contacts (Annex A
--   list 1), visits (the local visits file); other sources keep their own name.
with source as (
    select * from load_coverage
),

final as (
    select
        la_code,
        source,
        case source
            when 'ssda903' then 'cla'
            when 'cin_census' then 'cin'
            when 'annex_a_list1' then 'contacts'
            else source
        end as family,
        collection_year,
        kind,
        period_start as covers_from,
        period_end as covers_to,
        cast(date_trunc('month', period_end + 1) - interval 1 day as date) as last_month_end
    from source
    where period_end is not null
)

select * from final
