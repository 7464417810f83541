-- adoption_po_to_match_days
-- Grain: one row per LA and month end (breakdown 'all' only); children adopted in the 12 months to period_end.
-- Reads: int_cla__adoptions, int_cla__month_ends
-- Rules:
--   Mean days from the placement order (first E1 episode of the period) to the match with the adopters
--   (AD1 DATE_MATCH) for children adopted in the 12 months [U: scorecard A2 definition].
--   Means cannot be summed month by month, so each month end is matched with the adoptions of its window
--   (a range join). numerator = total days, denominator = children adopted with both dates.
--   History: the window must lie inside the loaded SSDA903 history (R10); no adoptions: null 'no cases'.
--   Outside what the loaded SSDA903 returns cover: null with the calendar's 'no SSDA903 return covers this month'.
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the
--   calendar month of period_end alone (the mean over the children adopted in the month), from the same
--   range join. Total days and children adopted add up: the twelve months of a window sum to its numerator
--   and denominator; the mean does not (a mean of means is not the year's mean).
--   Figures: the table macro adoption_mean_days, with mean_of, month_mean_of and history_gap (queries/macros).
with final as (
    -- days from the placement order (placement_order_date) to the match (match_date)
    select * from adoption_mean_days(placement_order_date, match_date)
)

select * from final
