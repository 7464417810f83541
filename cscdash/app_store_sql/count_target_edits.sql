-- How many target edits the store holds (0 for a new store).
select count(*) from target_edits
