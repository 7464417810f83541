-- Macro to_ethnicity_group(code): the major ethnic group of a DfE ethnicity code (data_layouts.md 5.1),
-- one definition for every view's ethnicity breakdown.
-- Reads: nothing (a scalar function). Rules: REFU (refused), NOBT (not obtained) and blank -> Not known;
-- CHNE (Chinese) -> Asian; otherwise the code's first letter: W White, M Mixed, A Asian, B Black,
-- O Other; anything else -> Not known. The code is trimmed and upper-cased first.
create or replace macro to_ethnicity_group(code) as
    case
        when upper(trim(code)) in ('REFU', 'NOBT') or coalesce(trim(code), '') = '' then 'Not known'
        when upper(trim(code)) = 'CHNE' then 'Asian'
        when upper(trim(code)) like 'W%' then 'White'
        when upper(trim(code)) like 'M%' then 'Mixed'
        when upper(trim(code)) like 'A%' then 'Asian'
        when upper(trim(code)) like 'B%' then 'Black'
        when upper(trim(code)) like 'O%' then 'Other'
        else 'Not known'
    end
