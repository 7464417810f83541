-- Macro to_uasc_group(is_uasc): the uasc breakdown group of a child, one definition for every view's
-- uasc breakdown.
-- Reads: nothing (a scalar function). Rules: true -> UASC; false or null -> Not UASC.
create or replace macro to_uasc_group(is_uasc) as
    case when is_uasc then 'UASC' else 'Not UASC' end
