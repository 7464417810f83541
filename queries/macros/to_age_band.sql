-- Macro to_age_band(age_years): the DfE age band of an age in completed years (R9), one definition for
-- every view's age breakdown. Callers pass date_sub('year', birth_date, reference_date).
-- Reads: nothing (a scalar function). Rules: null -> Not known; Under 1, 1-4, 5-9, 10-15, 16 and over.
-- Views with an 'Unborn' band (front door events) test that before calling this.
create or replace macro to_age_band(age_years) as
    case
        when age_years is null then 'Not known'
        when age_years < 1 then 'Under 1'
        when age_years < 5 then '1-4'
        when age_years < 10 then '5-9'
        when age_years < 16 then '10-15'
        else '16 and over'
    end
