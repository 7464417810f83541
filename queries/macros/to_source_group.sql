-- Macro to_source_group(referral_source): the group of a CIN referral source code (data_layouts.md
-- 2.9), one definition for the referral-source breakdowns.
-- Reads: nothing (a scalar function). Rules: 1x Individual; 2A Schools; other 2x Education services; 3x
-- Health; 4 Housing; 5x LA services; 6 Police; 7 Other legal agency; 8 Other; 9 Anonymous; else Unknown.
create or replace macro to_source_group(referral_source) as
    case
        when referral_source like '1%' then 'Individual'
        when referral_source = '2A' then 'Schools'
        when referral_source like '2%' then 'Education services'
        when referral_source like '3%' then 'Health'
        when referral_source = '4' then 'Housing'
        when referral_source like '5%' then 'LA services'
        when referral_source = '6' then 'Police'
        when referral_source = '7' then 'Other legal agency'
        when referral_source = '8' then 'Other'
        when referral_source = '9' then 'Anonymous'
        else 'Unknown'
    end
