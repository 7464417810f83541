-- Macro history_gap(has_history, gap_note): why a figure is missing for want of history, or null.
-- The one definition of the first reason every indicator view gives: outside what the loaded returns
-- cover, the calendar's own note ('no CIN census return covers this month'); inside it but without the
-- history the rule needs (a 12-month window before the first return), 'insufficient history'.
-- Reads: nothing (a scalar function). Rules: has_history true -> null; false -> gap_note, else
-- 'insufficient history'. Combine further reasons with coalesce(history_gap(...), case ... end).
create or replace macro history_gap(has_history, gap_note) as
    case when not has_history then coalesce(gap_note, 'insufficient history') end
