-- cla_uasc_count
-- Grain: one row per LA, month end and breakdown value; stock as at period_end (the March row is the DfE 31 March figure).
-- Reads: int_cla__stocks_monthly
-- Rules:
--   [C] Children looked after at period_end who are UASC on that date (in uasc.csv, DUC blank or after it).
--   History: the month end must lie inside the loaded SSDA903 history (R10), else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month).
--   Counts put the count in numerator and value; denominator is null (R12).
--   Figures: count_of and history_gap (queries/macros).
with source as (
    select * from int_cla__stocks_monthly
),

final as (
    select
        la_code,
        period_start,
        period_end,
        breakdown,
        breakdown_value,
        unnest(count_of(n_uasc, history_gap(cla_stock_history, cla_gap_note)))
    from source
)

select * from final
