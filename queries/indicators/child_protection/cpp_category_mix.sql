-- cpp_category_mix
-- Grain: one row per LA, month end and category of abuse (breakdown 'abuse_category'), plus the 'all'
-- row; stock as at period_end.
-- Reads: int_stocks__monthly
-- Rules:
--   [C] Open CP plans at period_end by LatestCategoryOfAbuse (NEG, EMO, PHY, SAB, MUL; InitialCategory
--   when the latest is blank, else 'Not recorded') / open plans at period_end. The 'all' row is open
--   plans / open plans (100%), so every category row shares its denominator.
--   History: the month end must lie inside the loaded CIN history, else null 'insufficient history' (or 'no ... return covers this month' where no loaded return covers the month);
--   no open plans gives null 'no cases' (R11). value is a percentage, unrounded.
--   Figures: percent_of and history_gap (queries/macros).
with stocks as (
    select * from int_stocks__monthly
),

totals as (
    select la_code, period_end, n_cpp_open as n_open_plans
    from stocks
    where breakdown = 'all'
),

final as (
    select
        s.la_code,
        s.period_start,
        s.period_end,
        s.breakdown,
        s.breakdown_value,
        unnest(percent_of(s.n_cpp_open, t.n_open_plans, history_gap(s.cin_stock_history, s.cin_gap_note)))
    from stocks as s
    join totals as t using (la_code, period_end)
    where s.breakdown in ('all', 'abuse_category')
)

select * from final
