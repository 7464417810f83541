-- Macro to_sex_group(sex): the breakdown group of a sex code, one definition for every view.
-- Reads: nothing (a scalar function). Rules: M -> Male, F -> Female, anything else (U, blank, 0, 9) ->
-- Unknown; the code is trimmed and upper-cased first.
create or replace macro to_sex_group(sex) as
    case upper(trim(sex)) when 'M' then 'Male' when 'F' then 'Female' else 'Unknown' end
