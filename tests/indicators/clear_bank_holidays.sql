-- Used by the case runner when a case gives its own bank holidays: start from an empty table.
delete from ref_bank_holidays;
